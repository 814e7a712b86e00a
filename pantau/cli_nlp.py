"""``pantau nlp …``: train and evaluate the NLP models and rule components."""

from __future__ import annotations

import json
from pathlib import Path

import click


def _echo_json(data: object) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@click.group()
def nlp() -> None:
    """Train and evaluate Pantau's NLP pipeline."""


@nlp.command()
@click.option(
    "--profile",
    type=click.Choice(["permissive", "full", "full-pool"]),
    default="full",
    show_default=True,
)
@click.option(
    "--output", type=click.Path(path_type=Path), default=None, help="Model directory to write."
)
@click.option("--seed", type=int, default=0, show_default=True)
@click.option(
    "--backend", type=click.Choice(["spacy", "transformers"]), default="spacy", show_default=True
)
@click.option(
    "--base", type=click.Path(path_type=Path), default=None, help="Base model dir (transformers)."
)
@click.option(
    "--max-steps", type=int, default=None, help="Stop after this many steps (smoke runs)."
)
@click.option(
    "--limit", type=int, default=None, help="Sample this many sentences per split (transformers)."
)
def train(
    profile: str,
    output: Path | None,
    seed: int,
    backend: str,
    base: Path | None,
    max_steps: int | None,
    limit: int | None,
) -> None:
    """Train the NER model from the shared data (reproducible: fixed seed, committed .cfg).

    With --backend transformers, fine-tune the local model directory --base (any Hugging Face
    model with a fast tokenizer) into --output (default training/transformers-ner)."""
    from pantau.settings import Settings

    settings = Settings()
    if backend == "transformers":
        if base is None:
            raise click.ClickException("--backend transformers needs --base MODEL_DIR")
        from nlp.backends.loading import TransformersModelError
        from nlp.training.transformers_train import train_transformers

        try:
            metrics = train_transformers(
                base,
                output or Path("training") / "transformers-ner",
                profile=profile,
                shared_data=settings.shared_data,
                seed=seed,
                max_steps=max_steps,
                limit=limit,
                device=settings.transformers_device,
            )
        except (TransformersModelError, FileNotFoundError) as exc:
            raise click.ClickException(str(exc)) from exc
        _echo_json(metrics)
        return
    from nlp.training.train import SHIPPED_DIR
    from nlp.training.train import train as train_model

    out = output or SHIPPED_DIR
    metrics = train_model(
        profile=profile,
        output_dir=out,
        shared_data=settings.shared_data,
        seed=seed,
        max_steps=max_steps,
    )
    _echo_json(metrics)


@nlp.command()
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True)
@click.option("--format", "fmt", type=click.Choice(["conll"]), default="conll", show_default=True)
@click.option("--model", default="auto", help="Model directory or 'auto'.")
def evaluate(data: Path, fmt: str, model: str) -> None:
    """Entity-level micro and per-label P/R/F1 (exact span and label) on a CoNLL file, and on
    its raw text the model alone against the whole pipeline (which must not score lower)."""
    from nlp.pipeline import find_model
    from nlp.training.evaluate import evaluate_conll, pipeline_check

    path = find_model(model)
    if path is None:
        raise click.ClickException("no NER model found under models/; run `pantau nlp train`")
    result = evaluate_conll(path, data, fmt)
    result["raw_text"] = pipeline_check(path, data, fmt)
    _echo_json(result)


@nlp.command("evaluate-officials")
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True)
@click.option(
    "--rules-only", is_flag=True, help="Score the rule linker alone instead of the pipeline."
)
def evaluate_officials(data: Path, rules_only: bool) -> None:
    """Precision/recall/F1 of (name, position, institution) triples on a JSONL eval set, as
    `pantau extract` produces them (the configured officials model), or the rule linker."""
    from nlp.officials.evaluate import evaluate_file

    if rules_only:
        _echo_json(evaluate_file(data))
        return
    from nlp.extract import Extractor

    extractor = Extractor()
    result = evaluate_file(data, lambda text: extractor.extract(text)["officials"])
    result["pipeline"] = extractor.name
    _echo_json(result)


@nlp.command("evaluate-violations")
@click.option(
    "--data",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Gold JSONL in the violations_dev schema.",
)
@click.option(
    "--split",
    type=click.Choice(["test", "train"]),
    default=None,
    help="Our own annotations instead of --data (test: the frozen test split).",
)
@click.option(
    "--model",
    default="auto",
    show_default=True,
    help="Violation classifier directory, 'auto' or 'none' (pattern layer only).",
)
@click.option("--threshold", type=float, default=None, help="Report probability cut-off.")
def evaluate_violations(
    data: Path | None, split: str | None, model: str, threshold: float | None
) -> None:
    """Micro P/R/F1 of reported categories, per category, report-vs-mention accuracy, status
    accuracy on correct detections and the reliability table of report confidences."""
    from nlp.violations.evaluate import evaluate_items, read_items
    from nlp.violations.model import classify, find_model, load_model

    if (data is None) == (split is None):
        raise click.UsageError("give exactly one of --data FILE or --split test|train")
    if data is not None:
        items = read_items(data)
    else:
        from nlp.annotation.pool import frozen_ids
        from nlp.training.violations import labelled_items

        frozen = frozen_ids("violations")
        items = [it for it in labelled_items() if (it["id"] in frozen) == (split == "test")]
    path = find_model(model)
    if path is None:
        result = evaluate_items(items)
        result["model"] = "patterns only"
    else:
        vm = load_model(str(path))
        result = evaluate_items(items, lambda text, title: classify(text, title, vm, threshold))
        result["model"] = path.name
        result["threshold"] = vm.threshold if threshold is None else threshold
    _echo_json(result)


@nlp.command("evaluate-quotes")
@click.option(
    "--data",
    type=click.Path(exists=True, path_type=Path),
    default=None,
    help="Gold JSONL in the quotes_dev schema (whole articles).",
)
@click.option(
    "--split",
    type=click.Choice(["test", "train", "all"]),
    default=None,
    help="Our own annotated articles instead of --data.",
)
def evaluate_quotes(data: Path | None, split: str | None) -> None:
    """Quote P/R/F1 (span Jaccard >= 0.5), attribution accuracy and attributed-quote F1 of
    the statements `pantau extract` outputs."""
    from nlp.extract import Extractor
    from nlp.quotes.evaluate import evaluate_items, pool_items, read_items

    if (data is None) == (split is None):
        raise click.UsageError("give exactly one of --data FILE or --split test|train|all")
    items = read_items(data) if data is not None else pool_items(split or "test")
    extractor = Extractor()
    _echo_json(evaluate_items(items, lambda it: extractor.extract(it["text"])["quotes"]))


@nlp.command("train-violations")
@click.option("--output", type=click.Path(path_type=Path), default=None)
def train_violations(output: Path | None) -> None:
    """Train the violation classifier on annotations/violations (needs the train extra)."""
    from nlp.training.violations import train as train_vm

    _echo_json(train_vm(output))


@nlp.command("train-officials")
@click.option("--output", type=click.Path(path_type=Path), default=None)
@click.option(
    "--ner",
    default="auto",
    show_default=True,
    help="NER model whose tags become features (the shipped officials model used "
    "models/pantau-ner-id-0.2.0, which never saw the training sentences).",
)
def train_officials(output: Path | None, ner: str) -> None:
    """Train the officials tagger and link model on annotations/entities (train split)."""
    from nlp.pipeline import build_pipeline
    from nlp.training.officials import train as train_om
    from pantau.settings import Settings

    nlp = build_pipeline(ner, settings=Settings(officials_model="none"))
    _echo_json(train_om(nlp, output))


@nlp.command("evaluate-pool")
@click.argument("what", type=click.Choice(["entities", "officials"]))
@click.option(
    "--split", type=click.Choice(["test", "train", "all"]), default="test", show_default=True
)
def evaluate_pool_cmd(what: str, split: str) -> None:
    """Score the whole pipeline (as `pantau extract` runs it) on our annotated pool items:
    entities (exact span + label) or officials (triples, with a reliability table)."""
    from nlp.annotation.evaluate import evaluate_pool
    from nlp.extract import Extractor

    result = evaluate_pool(Extractor(), split)
    keep = (
        ("split", "items", "entities")
        if what == "entities"
        else ("split", "items", "officials", "officials_reliability")
    )
    _echo_json({k: result[k] for k in keep})


@nlp.command()
@click.option(
    "--pool",
    "pool_file",
    type=click.Path(exists=True, path_type=Path),
    required=True,
    help="A pool JSONL file ({id, text} per line).",
)
@click.option("--n", type=int, default=200, show_default=True)
@click.option(
    "--task", type=click.Choice(["violations", "officials"]), default="officials", show_default=True
)
@click.option("--limit", type=int, default=None, help="Score only the first N unlabelled items.")
def queue(pool_file: Path, n: int, task: str, limit: int | None) -> None:
    """List the unlabelled pool items the current models are least sure of (JSONL: id,
    score, why), for the next annotation round."""
    from nlp.annotation.queue import queue as make_queue
    from nlp.extract import Extractor

    for record in make_queue(pool_file, n, task, Extractor(), limit):
        click.echo(json.dumps(record, ensure_ascii=False))


@nlp.command()
@click.argument("task", type=click.Choice(["violations", "entities", "quotes"]))
def agreement(task: str) -> None:
    """Agreement between the two independent annotation passes on the double-labelled 10 %."""
    from nlp.annotation.agreement import agreement as agree

    _echo_json(agree(task))
