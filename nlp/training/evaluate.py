"""Entity-level evaluation of a spaCy NER pipeline on CoNLL-style BIO files.

Scores are exact span + label matches over the gold tokenisation (the pipeline runs on a Doc
built from the file's tokens), micro-averaged and per label, in percent.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.training.corpus import LABELS, Sentence, entity_spans, read_conll

log = logging.getLogger(__name__)


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 in percent (0 where undefined), rounded to 2 places."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(100 * p, 2), "r": round(100 * r, 2), "f": round(100 * f, 2)}


def score_spans(
    gold: Iterable[set[tuple[int, int, str]]], pred: Iterable[set[tuple[int, int, str]]]
) -> dict[str, Any]:
    """Micro and per-label P/R/F over paired per-sentence span sets."""
    tp: Counter[str] = Counter()
    n_gold: Counter[str] = Counter()
    n_pred: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        n_gold.update(label for *_, label in g)
        n_pred.update(label for *_, label in p)
        tp.update(label for *_, label in g & p)
    labels = sorted(set(LABELS) | set(n_gold) | set(n_pred))
    per_label = {
        label: {**prf(tp[label], n_pred[label], n_gold[label]), "support": n_gold[label]}
        for label in labels
    }
    micro = prf(sum(tp.values()), sum(n_pred.values()), sum(n_gold.values()))
    return {"micro": {**micro, "support": sum(n_gold.values())}, "per_label": per_label}


def _load(model: str | Path | Language) -> Language:
    return model if isinstance(model, Language) else spacy.load(model)


def predict_spans(nlp: Language, sentences: list[Sentence]) -> list[set[tuple[int, int, str]]]:
    """Predicted token spans for each sentence, run on the gold tokens."""
    docs = (Doc(nlp.vocab, words=s.words) for s in sentences)
    return [
        {(e.start, e.end, e.label_) for e in doc.ents} for doc in nlp.pipe(docs, batch_size=256)
    ]


def evaluate_conll(model: str | Path | Language, data_path: Path, fmt: str = "conll") -> dict:
    """Score ``model`` on the BIO file ``data_path``; returns a JSON-able dict.

    Keys: ``micro`` and ``per_label`` (``p``, ``r``, ``f`` in percent and gold ``support``),
    plus ``sentences``, ``words``, ``words_per_second`` and ``data``.
    """
    sentences = read_conll(Path(data_path), fmt)
    if not sentences:
        raise ValueError(f"No sentences in {data_path}; is it a CoNLL-style BIO file?")
    result = evaluate_sentences(_load(model), sentences)
    result["data"] = os.fspath(data_path)
    log.info("%s: micro F1 %.2f on %d sentences", data_path, result["micro"]["f"], len(sentences))
    return result


def evaluate_sentences(nlp: Language, sentences: list[Sentence]) -> dict[str, Any]:
    """Entity-level scores of ``nlp`` on gold-tokenised ``sentences`` (see evaluate_conll)."""
    start = time.perf_counter()
    pred = predict_spans(nlp, sentences)
    elapsed = time.perf_counter() - start
    n_words = sum(len(s.words) for s in sentences)
    result = score_spans((entity_spans(s.tags) for s in sentences), pred)
    result.update(
        sentences=len(sentences),
        words=n_words,
        words_per_second=round(n_words / elapsed) if elapsed else None,
    )
    return result


def words_per_second(nlp: Language, texts: list[str], repeats: int = 3) -> float:
    """End-to-end throughput (tokenizer included) of ``nlp.pipe`` over raw ``texts``."""
    n_words = sum(len(nlp.make_doc(text)) for text in texts)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=256):
            pass
        best = min(best, time.perf_counter() - start)
    return round(n_words / best)


def mention_recall(model: str | Path | Language, jsonl_path: Path) -> dict[str, Any]:
    """Recall of hand-listed ``persons`` / ``organizations`` in an officials JSONL set.

    ``exact``: an entity of the right label has exactly that text. ``partial`` (organizations
    only): an ORG entity lies inside the listed name, since the model tags "Bawaslu" and
    "Kabupaten Probolinggo" apart where the list has "Bawaslu Kabupaten Probolinggo".
    """
    nlp = _load(model)
    items = [json.loads(line) for line in Path(jsonl_path).read_text().splitlines() if line]
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for item, doc in zip(items, nlp.pipe(item["text"] for item in items), strict=True):
        found = {(e.text, e.label_) for e in doc.ents}
        for name in item.get("persons", []):
            totals["PER"] += 1
            hits["PER"] += (name, "PER") in found
        for name in item.get("organizations", []):
            totals["ORG"] += 1
            hits["ORG"] += (name, "ORG") in found
            hits["ORG_partial"] += any(lab == "ORG" and text in name for text, lab in found)

    def pct(key: str, total: str) -> float:
        return round(100 * hits[key] / totals[total], 2) if totals[total] else 0.0

    return {
        "items": len(items),
        "person_recall": pct("PER", "PER"),
        "organization_recall": pct("ORG", "ORG"),
        "organization_partial_recall": pct("ORG_partial", "ORG"),
        "persons": totals["PER"],
        "organizations": totals["ORG"],
    }


def _text_and_spans(sentence: Sentence) -> tuple[str, set[tuple[int, int, str]]]:
    """The sentence as text (tokens joined by single spaces) and its gold character spans."""
    offsets, pos = [], 0
    for w in sentence.words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    text = " ".join(sentence.words)
    spans = {
        (offsets[s][0], offsets[e - 1][1], label) for s, e, label in entity_spans(sentence.tags)
    }
    return text, spans


def pipeline_check(model: str | Path, data_path: Path, fmt: str = "conll") -> dict[str, Any]:
    """Micro scores on raw text (tokens joined by spaces, as the shared scorer sends them) of
    the NER model alone and of the whole extraction pipeline (`pantau extract`): the rule
    layers may only add what the model left out, so the pipeline must not score lower."""
    from nlp.extract import Extractor
    from nlp.pipeline import build_pipeline

    sentences = read_conll(Path(data_path), fmt)
    pairs = [_text_and_spans(s) for s in sentences]
    texts = [t for t, _ in pairs]
    alone = spacy.load(model)
    alone_pred = [
        {(e.start_char, e.end_char, e.label_) for e in doc.ents}
        for doc in alone.pipe(texts, batch_size=256)
    ]
    extractor = Extractor(nlp=build_pipeline(str(model)))
    records = extractor.extract_records({"id": i, "text": t} for i, t in enumerate(texts))
    pipe_pred = [
        {(e["start"], e["end"], e["label"]) for e in r.get("entities", []) if e["label"] in LABELS}
        for r in records
    ]
    gold = [g for _, g in pairs]
    model_alone = score_spans(gold, alone_pred)["micro"]
    pipeline = score_spans(gold, pipe_pred)["micro"]
    return {
        "model_alone": model_alone,
        "pipeline": pipeline,
        "pipeline_not_below_model": pipeline["f"] >= model_alone["f"],
    }
