"""CoNLL-style readers for the NER folders in shared data, label mapping and DocBin output.

All four folders in ``nlp/ner`` are "one token per line, blank line between sentences, tag in
the last column" files; they differ only in separators (space vs tab), line endings (CRLF in
idner-news-2k), the number of columns and the label names:

- idner-news-2k: ``token POS tag``, PER / ORG / LOC, CRLF.
- nerui-fold1:   ``token<TAB>tag``, PERSON / ORGANIZATION / LOCATION.
- nergrit:       ``token<TAB>tag``, PERSON / ORGANISATION / PLACE.
- nerp:          ``token<TAB>tag``, PPL / PLC / IND / EVT / FNB, lower-case; a few "tokens"
  hold spaces (``di samping itu``), which we split into words.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

from nlp.annotation.pool import shared_data

log = logging.getLogger(__name__)

LABELS = ("PER", "ORG", "LOC")

# Source label -> Pantau label. Anything absent is dropped (tagged O).
LABEL_MAP: dict[str, str] = {
    "PER": "PER",
    "PERSON": "PER",
    "PPL": "PER",
    "ORG": "ORG",
    "ORGANIZATION": "ORG",
    "ORGANISATION": "ORG",
    "LOC": "LOC",
    "LOCATION": "LOC",
    "PLACE": "LOC",
    "PLC": "LOC",
}


@dataclass(frozen=True)
class Dataset:
    """One NER folder of shared data and its split files."""

    name: str
    folder: str
    train: str
    dev: str
    lowercase: bool = False


DATASETS: dict[str, Dataset] = {
    "idner": Dataset("idner", "idner-news-2k", "train.txt", "dev.txt"),
    "nerui": Dataset("nerui", "nerui-fold1", "train.01.tsv", "dev.01.tsv"),
    "nergrit": Dataset("nergrit", "nergrit", "train_preprocess.txt", "valid_preprocess.txt"),
    "nerp": Dataset("nerp", "nerp", "train_preprocess.txt", "valid_preprocess.txt", True),
}


@dataclass
class Sentence:
    """A tokenised sentence with one BIO tag per token (Pantau labels)."""

    words: list[str]
    tags: list[str]


def default_shared_data() -> Path:
    """``$PANTAU_SHARED_DATA`` or ``../shared/data`` next to the repository checkout."""
    return shared_data()


def split_path(shared_data: Path | None, dataset: str, split: str) -> Path:
    """Path of ``split`` ("train" or "dev") of ``dataset`` under ``shared_data/nlp/ner``."""
    ds = DATASETS[dataset]
    root = (shared_data or default_shared_data()) / "nlp" / "ner" / ds.folder
    return root / (ds.train if split == "train" else ds.dev)


def map_tag(tag: str) -> str:
    """Map a source BIO tag (``B-PERSON``) to a Pantau tag (``B-PER``) or ``O``."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, _, label = tag.partition("-")
    mapped = LABEL_MAP.get(label.upper())
    if mapped is None or prefix not in ("B", "I"):
        return "O"
    return f"{prefix}-{mapped}"


def repair_bio(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` entity into ``B-X``."""
    fixed: list[str] = []
    for i, tag in enumerate(tags):
        if tag.startswith("I-"):
            prev = fixed[i - 1] if i else "O"
            if prev == "O" or prev[2:] != tag[2:]:
                tag = "B-" + tag[2:]
        fixed.append(tag)
    return fixed


def _split_line(line: str) -> tuple[list[str], str]:
    """Words and raw tag of one data line; multi-word tokens (NERP) become several words."""
    if "\t" in line:
        cols = line.split("\t")
        token, tag = cols[0].strip(), cols[-1].strip()
    else:
        cols = line.split()
        token, tag = cols[0], cols[-1]
    return token.split() or [token], tag


def iter_conll(path: Path, fmt: str = "conll") -> Iterator[Sentence]:
    """Read a CoNLL-style BIO file (any of the ``nlp/ner`` formats) into sentences.

    ``fmt`` is ``"conll"`` (auto-detect tab or whitespace columns, tag last) or the name of a
    known dataset (``idner``, ``nerui``, ``nergrit``, ``nerp``), which reads the same way.
    """
    if fmt != "conll" and fmt not in DATASETS:
        raise ValueError(f"Unknown format {fmt!r}: use 'conll' or one of {sorted(DATASETS)}")
    words: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8", newline="") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if not line.strip() or line.startswith("-DOCSTART-"):
                if words:
                    yield Sentence(words, repair_bio(tags))
                words, tags = [], []
                continue
            parts, tag = _split_line(line)
            mapped = map_tag(tag)
            for i, part in enumerate(parts):
                words.append(part)
                tags.append("I-" + mapped[2:] if i and mapped != "O" else mapped)
    if words:
        yield Sentence(words, repair_bio(tags))


def read_conll(path: Path, fmt: str = "conll") -> list[Sentence]:
    """All sentences of ``path`` (see :func:`iter_conll`)."""
    return list(iter_conll(path, fmt))


def load_split(dataset: str, split: str, shared_data: Path | None = None) -> list[Sentence]:
    """Sentences of a named dataset split; raises FileNotFoundError with the path tried."""
    path = split_path(shared_data, dataset, split)
    if not path.exists():
        raise FileNotFoundError(
            f"NER data not found at {path}; set PANTAU_SHARED_DATA or pass shared_data"
        )
    sentences = read_conll(path)
    log.info("Read %d sentences from %s (%s/%s)", len(sentences), path, dataset, split)
    return sentences


def sentence_to_doc(vocab: Vocab, sentence: Sentence) -> Doc:
    """A Doc whose entities are the sentence's BIO tags."""
    return Doc(vocab, words=sentence.words, ents=sentence.tags)


def to_docbin(sentences: Iterable[Sentence], vocab: Vocab | None = None) -> DocBin:
    """Pack sentences into a DocBin for ``spacy train``."""
    vocab = vocab or Vocab()
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for sentence in sentences:
        docbin.add(sentence_to_doc(vocab, sentence))
    return docbin


def entity_spans(tags: list[str]) -> set[tuple[int, int, str]]:
    """Exact ``(start, end, label)`` token spans of a BIO tag sequence."""
    spans: set[tuple[int, int, str]] = set()
    start, label = -1, ""
    for i, tag in enumerate([*repair_bio(tags), "O"]):
        if start >= 0 and not (tag.startswith("I-") and tag[2:] == label):
            spans.add((start, i, label))
            start = -1
        if tag.startswith("B-") or (tag.startswith("I-") and start < 0):
            start, label = i, tag[2:]
    return spans
