"""Speed of the full `pantau extract` pipeline on the real articles in the shared corpora.

Prints words/s and articles/s for one process and for N worker processes, and the peak
memory (max RSS) of the run. Reads ../shared/data/news/corpora (or PANTAU_SHARED_DATA).

    .venv/bin/python bench/nlp.py [--model auto|none|DIR] [--limit 400] [--workers 2]
        [--backend both|spacy|transformers] [--transformers-limit 30] [--device cpu]

The transformers figures use a randomly initialised IndoBERT-base-shaped model (BertConfig
defaults: 12 layers, 768 hidden, ~30k WordPiece vocabulary from the corpus), built in a
temporary directory: speed does not depend on the weights, and nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import re
import resource
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def load_articles(limit: int) -> list[dict[str, str]]:
    shared = Path(os.environ.get("PANTAU_SHARED_DATA") or REPO.parent / "shared" / "data")
    corpora = sorted((shared / "news" / "corpora").glob("newsworkshop_*.jsonl"))
    if not corpora:
        sys.exit(f"no corpora under {shared}/news/corpora; set PANTAU_SHARED_DATA")
    articles = []
    for path in corpora:
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            articles.append(
                {"title": record.get("title") or "", "text": record.get("content") or ""}
            )
    return articles[:limit]


_EXTRACTOR = None
CHUNK = 64  # records per task: what `pantau extract` hands the extractor at a time


def _init(model: str, warm_up: list[dict[str, str]], ready: Any = None) -> None:
    """Load the pipeline and run it on a few articles (lazy gazetteers and lexicons), so
    that no process loads anything inside the timed section; then wait at ``ready``."""
    global _EXTRACTOR
    from nlp.extract import Extractor

    _EXTRACTOR = Extractor(model=model)
    _run(warm_up)
    if ready is not None:
        ready.wait()


def _run(batch: list[dict[str, str]]) -> int:
    """The `pantau extract` path: ``extract_records`` (batched through ``nlp.pipe``)."""
    assert _EXTRACTOR is not None
    for result in _EXTRACTOR.extract_records(batch):
        assert "error" not in result, result
    return len(batch)


def bench_spacy(args: argparse.Namespace, articles: list[dict[str, str]], words: int) -> None:
    _init(args.model, articles[:5])
    assert _EXTRACTOR is not None
    print(f"pipeline: {_EXTRACTOR.name}; {len(articles)} articles, {words:,} words")
    started = time.perf_counter()
    _run(articles)
    single = time.perf_counter() - started
    print(
        f"single process: {words / single:,.0f} words/s, {len(articles) / single:,.1f} articles/s"
    )

    chunks = [articles[i : i + CHUNK] for i in range(0, len(articles), CHUNK)]
    ready = multiprocessing.get_context().Barrier(args.workers + 1)
    with ProcessPoolExecutor(
        args.workers, initializer=_init, initargs=(args.model, articles[:5], ready)
    ) as pool:
        warm = [pool.submit(_run, []) for _ in range(args.workers)]  # starts every worker
        ready.wait(timeout=600)  # every worker has loaded and warmed up its pipeline
        for future in warm:
            future.result()
        started = time.perf_counter()
        done = sum(pool.map(_run, chunks))
        multi = time.perf_counter() - started
    print(f"{args.workers} processes: {words / multi:,.0f} words/s, {done / multi:,.1f} articles/s")


def bert_base_dir(articles: list[dict[str, str]], path: Path) -> Path:
    """A randomly initialised IndoBERT-base-shaped token classifier (12 x 768, ~30k vocab)
    with a WordPiece vocabulary of the corpus' most frequent words; nothing is downloaded."""
    from collections import Counter

    import transformers

    transformers.utils.logging.disable_progress_bar()
    counts = Counter(w for a in articles for w in re.findall(r"\w+", a["text"].lower()))
    chars = sorted({c for w in counts for c in w})
    special = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
    pieces = [*special, *chars, *(f"##{c}" for c in chars)]
    pieces += [w for w, _ in counts.most_common(30_522 - len(pieces)) if w not in chars]
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(pieces) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(path))  # type: ignore[attr-defined]
    tags = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"]
    config = transformers.BertConfig(vocab_size=len(pieces), id2label=dict(enumerate(tags)),
                                     label2id={t: i for i, t in enumerate(tags)})  # fmt: skip
    transformers.BertForTokenClassification(config).save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


def bench_transformers(args: argparse.Namespace, vocab_articles: list[dict[str, str]]) -> None:
    import tempfile

    import torch

    from nlp.extract import Extractor

    articles = vocab_articles[: args.transformers_limit]
    words = sum(len(a["text"].split()) + len(a["title"].split()) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["PANTAU_TRANSFORMERS_MODEL"] = str(bert_base_dir(vocab_articles, Path(tmp)))
        os.environ.setdefault("PANTAU_TRANSFORMERS_DEVICE", args.device)
        extractor = Extractor(model="none", backend="transformers")
        ner = extractor.nlp.get_pipe("pantau_transformers_ner_v1").backend  # type: ignore[attr-defined]
        threads = torch.get_num_threads()
        print(f"pipeline: {extractor.name} (BERT-base shape, random weights) on {ner.device}, "
              f"{threads} torch threads; {len(articles)} articles, {words:,} words")  # fmt: skip
        for a in articles[:2]:
            extractor.extract(a["text"], a["title"])  # warm-up
        started = time.perf_counter()
        ner.predict_many([a["text"] for a in articles])
        alone = time.perf_counter() - started
        print(f"transformers NER alone (batched windows): {words / alone:,.0f} words/s")
        started = time.perf_counter()
        for a in articles:
            extractor.extract(a["text"], a["title"])
        full = time.perf_counter() - started
        print(f"full pipeline, one process: {words / full:,.0f} words/s, "
              f"{len(articles) / full:,.2f} articles/s")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="auto")
    parser.add_argument("--limit", type=int, default=400)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--backend", choices=["both", "spacy", "transformers"], default="both")
    parser.add_argument("--transformers-limit", type=int, default=30,
                        help="articles for the transformers backend (slow on CPU)")  # fmt: skip
    parser.add_argument("--device", default="cpu", help="transformers device: cpu, cuda, auto")
    args = parser.parse_args()
    articles = load_articles(max(args.limit, args.transformers_limit))
    spacy_articles = articles[: args.limit]
    words = sum(len(a["text"].split()) + len(a["title"].split()) for a in spacy_articles)
    if args.backend in ("both", "spacy"):
        bench_spacy(args, spacy_articles, words)
    if args.backend in ("both", "transformers"):
        bench_transformers(args, articles)
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory: {peak_self:,.0f} MB (main), {peak_children:,.0f} MB (largest worker)")


if __name__ == "__main__":
    main()
