"""Unsupervised pretraining of the NER tok2vec layer on raw Indonesian text.

``spacy pretrain`` teaches the CNN token encoder to predict the first and last characters of
each word from its context ("characters" objective) before the NER is trained. The raw text
comes from shared data that we may learn from, one token list per sentence:

- ``nlpid``: the nlp-id POS corpus (kumparan news, 32,780 sentences, MIT) — the bulk;
- ``nergrit``, ``idner``, ``nerui``: the words (not the tags) of the NER *train* splits.

Dev splits are never read here, so pretraining cannot leak model-selection data. Which sources
a training profile uses is part of the profile (``Profile.pretrain_sources``): the permissive
profile leaves NER UI out, as it does for supervised training.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path

from spacy import util
from spacy.training.pretrain import pretrain

from nlp.training.corpus import DATASETS, default_shared_data, load_split

log = logging.getLogger(__name__)

PRETRAIN_CONFIG = Path(__file__).parent / "configs" / "ner_cnn_pretrain.cfg"
NLPID_POS = Path("nlp") / "pos" / "nlpid-postag" / "dataset_postag.txt"
RAW_SOURCES = ("nlpid", *DATASETS)


def _nlpid_sentences(path: Path) -> Iterator[list[str]]:
    """Token lists of the nlp-id POS corpus (``token<TAB>tag`` lines, blank between)."""
    words: list[str] = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            token = line.split("\t", 1)[0].strip()
            if token:
                words.append(token)
            elif words:
                yield words
                words = []
    if words:
        yield words


def raw_sentences(sources: Iterable[str], shared_data: Path | None = None) -> Iterator[list[str]]:
    """Tokenised sentences of the named raw-text ``sources`` (see the module docstring)."""
    root = shared_data or default_shared_data()
    for source in sources:
        if source == "nlpid":
            path = root / NLPID_POS
            if not path.exists():
                raise FileNotFoundError(f"nlp-id POS corpus not found at {path}")
            yield from _nlpid_sentences(path)
        elif source in DATASETS:
            for sentence in load_split(source, "train", shared_data):
                yield sentence.words
        else:
            raise ValueError(f"Unknown raw-text source {source!r}; choose from {RAW_SOURCES}")


def write_raw_jsonl(sentences: Iterable[list[str]], path: Path) -> int:
    """Write ``{"text": ...}`` lines for ``spacy pretrain``; returns the number of words."""
    n_words = 0
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        for words in sentences:
            handle.write(json.dumps({"text": " ".join(words)}, ensure_ascii=False) + "\n")
            n_words += len(words)
    return n_words


def pretrain_tok2vec(
    sources: Iterable[str],
    output_dir: Path,
    epochs: int,
    seed: int,
    shared_data: Path | None = None,
    config_path: Path = PRETRAIN_CONFIG,
) -> Path:
    """Pretrain the tok2vec layer of ``config_path`` for ``epochs`` epochs; return the
    weights file of the last epoch (for ``[initialize] init_tok2vec``)."""
    if epochs < 1:
        raise ValueError("epochs must be at least 1")
    output_dir.mkdir(parents=True, exist_ok=True)
    raw = output_dir / "raw_text.jsonl"
    n_words = write_raw_jsonl(raw_sentences(sources, shared_data), raw)
    log.info("Pretraining tok2vec on %d words for %d epochs", n_words, epochs)
    config = util.load_config(
        config_path,
        overrides={
            "paths.raw_text": str(raw),
            "pretraining.max_epochs": epochs,
            "system.seed": seed,
            "training.seed": seed,  # read before interpolation by spacy's pretrain()
        },
        interpolate=False,
    )
    pretrain(config, output_dir, silent=True)
    weights = output_dir / f"model{epochs - 1}.bin"
    if not weights.exists():
        raise RuntimeError(f"spacy pretrain wrote no weights for epoch {epochs - 1}")
    return weights
