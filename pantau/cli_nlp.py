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
    "--profile", type=click.Choice(["permissive", "full"]), default="full", show_default=True
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
    """Entity-level micro and per-label P/R/F1 (exact span and label) on a CoNLL file."""
    from nlp.pipeline import find_model
    from nlp.training.evaluate import evaluate_conll

    path = find_model(model)
    if path is None:
        raise click.ClickException("no NER model found under models/; run `pantau nlp train`")
    _echo_json(evaluate_conll(path, data, fmt))


@nlp.command("evaluate-officials")
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True)
def evaluate_officials(data: Path) -> None:
    """Precision/recall/F1 of (name, position, institution) triples on a JSONL eval set."""
    from nlp.officials.evaluate import evaluate_file

    _echo_json(evaluate_file(data))


@nlp.command("evaluate-violations")
@click.option("--data", type=click.Path(exists=True, path_type=Path), required=True)
def evaluate_violations(data: Path) -> None:
    """Per-text micro P/R/F1 of reported categories, report accuracy and confusion."""
    from nlp.violations.evaluate import evaluate_file

    _echo_json(evaluate_file(data))
