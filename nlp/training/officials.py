"""Train the learned officials model (nlp/officials/learned.py) on our annotations.

``pantau nlp train-officials`` reads ``annotations/entities`` (train split only; the frozen
test split is never used here), runs Pantau's pipeline up to the officials step over each pool
text (so the tagger sees the same NER and gazetteer spans it will see at run time), trains the
CRF tagger with python-crfsuite and the link model with scikit-learn, and writes
``models/pantau-officials-id-VERSION/``.
"""

from __future__ import annotations

import json
import logging
import random
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from nlp.annotation.pool import frozen_ids, load_labels, load_pool
from nlp.components.regions import REGIONS_KEY
from nlp.model_dirs import MODELS_DIR
from nlp.officials import extract_officials
from nlp.officials.learned import (
    MODEL_PREFIX,
    Tok,
    bio_spans,
    pair_features,
    rule_marks,
    sentence_ids,
    token_features,
)

log = logging.getLogger(__name__)

VERSION = "0.1.0"
SEED = 7
LINK_C = 1.0
LINK_THRESHOLD = 0.35  # chosen by 2-fold cross-validation on the training split (F1)


def doc_inputs(doc: Doc) -> tuple[list[str], list[str], list[str]]:
    """Words, NER BIO tags (from doc.ents) and region-gazetteer BIO marks of a doc."""
    from nlp.regions import get_gazetteer

    words = [t.text for t in doc]
    ner = ["O"] * len(doc)
    for e in doc.ents:
        ner[e.start] = f"B-{e.label_}"
        for i in range(e.start + 1, e.end):
            ner[i] = f"I-{e.label_}"
    regions = ["O"] * len(doc)
    found = doc.user_data.get(REGIONS_KEY)
    for r in found if found is not None else get_gazetteer().find(doc.text):
        span = doc.char_span(r["start"], r["end"], alignment_mode="expand")
        if span is not None:
            regions[span.start] = "B"
            for i in range(span.start + 1, span.end):
                regions[i] = "I"
    return words, ner, regions


def gold_tags(doc: Doc, spans: list[list]) -> list[str]:
    tags = ["O"] * len(doc)
    for start, end, label in sorted(spans):
        span = doc.char_span(start, end, alignment_mode="contract")
        if span is None or any(tags[i] != "O" for i in range(span.start, span.end)):
            continue
        tags[span.start] = f"B-{label}"
        for i in range(span.start + 1, span.end):
            tags[i] = f"I-{label}"
    return tags


def _pre_officials(nlp: Language) -> list[str]:
    names = nlp.pipe_names
    cut = names.index("pantau_officials_v1")
    return names[cut:]


def prepared(split: str, nlp: Language) -> list[dict[str, Any]]:
    labels = load_labels("entities", ("A", "adjudicated"))
    frozen = frozen_ids("entities")
    pool = load_pool(["sentences_news2025.jsonl", "rss_items_2026.jsonl"])
    recs = [
        (pool[rid], rec)
        for rid, rec in sorted(labels.items())
        if rid in pool and (split == "all" or (rid in frozen) == (split == "test"))
    ]
    out = []
    with nlp.select_pipes(disable=_pre_officials(nlp)):
        docs = nlp.pipe((item["text"] for item, _ in recs), batch_size=64)
        for (item, rec), doc in zip(recs, docs, strict=True):
            words, ner, regions = doc_inputs(doc)
            toks = [Tok(t.text, t.idx, t.idx + len(t.text)) for t in doc]
            ents = [
                {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char}
                for e in doc.ents
            ]
            rule = rule_marks(toks, extract_officials(item["text"], ents), item["text"])
            out.append(
                {
                    "id": item["id"],
                    "doc": doc,
                    "words": words,
                    "ner": ner,
                    "regions": regions,
                    "rule": rule,
                    "gold": gold_tags(doc, rec["spans"]),
                    "officials": rec["officials"],
                }
            )
    return out


def _token_span(doc: Doc, offsets: list[int] | None) -> tuple[int, int] | None:
    if not offsets:
        return None
    span = doc.char_span(offsets[0], offsets[1], alignment_mode="contract")
    return (span.start, span.end) if span is not None else None


def link_examples(items: list[dict[str, Any]]) -> tuple[list[set[str]], list[bool]]:
    feats, ys = [], []
    for it in items:
        spans = bio_spans(it["gold"])
        gold_pairs = set()
        for o in it["officials"]:
            per, pos = (
                _token_span(it["doc"], o.get("person")),
                _token_span(it["doc"], o.get("position")),
            )
            if per and pos:
                gold_pairs.add((pos, per))
        sent = sentence_ids(it["words"])
        for p in (s for s in spans if s[2] == "POS"):
            for q in (s for s in spans if s[2] == "PER"):
                if sent[p[0]] != sent[q[0]]:
                    continue
                feats.append(pair_features(it["words"], spans, p, q, it["rule"]))
                ys.append(((p[0], p[1]), (q[0], q[1])) in gold_pairs)
    return feats, ys


def train(nlp: Language, out_dir: Path | None = None, max_iterations: int = 150) -> dict[str, Any]:
    import pycrfsuite
    from sklearn.linear_model import LogisticRegression

    from nlp.training.violations import _matrix, _vocab, _weights

    items = prepared("train", nlp)
    random.Random(SEED).shuffle(items)
    target = out_dir or MODELS_DIR / f"{MODEL_PREFIX}{VERSION}"
    target.mkdir(parents=True, exist_ok=True)
    trainer = pycrfsuite.Trainer(verbose=False)
    for it in items:
        trainer.append(
            token_features(it["words"], it["ner"], it["regions"], it["rule"]), it["gold"]
        )
    trainer.set_params(
        {
            "c1": 0.05,
            "c2": 0.01,
            "max_iterations": max_iterations,
            "feature.possible_transitions": True,
        }
    )
    trainer.train(str(target / "tagger.crfsuite"))
    feats, ys = link_examples(items)
    vocab = _vocab(feats)
    model = LogisticRegression(C=LINK_C, solver="liblinear", max_iter=2000, random_state=SEED)
    model.fit(_matrix(feats, vocab), ys)
    weights, bias = _weights(model, vocab)
    meta = {
        "name": f"{MODEL_PREFIX}{VERSION}",
        "version": VERSION,
        "train_sentences": len(items),
        "link_pairs": len(ys),
        "link_positive": sum(ys),
        "crf_iterations": max_iterations,
        "ner_features_from": nlp.meta.get("name", "?") + "-" + str(nlp.meta.get("version", "?")),
    }
    (target / "linker.json").write_text(
        json.dumps(
            {"link": weights, "link_bias": bias, "threshold": LINK_THRESHOLD, "meta": meta},
            sort_keys=True,
        ),
        encoding="utf-8",
    )
    log.info("officials model written to %s", target)
    return meta
