"""Fine-tune a local Hugging Face model as a PER / ORG / LOC token classifier.

``train_transformers(base, output_dir, profile)`` reads the same profiles as the spaCy
trainer (``nlp.training.train.PROFILES``: data sets and augmentation), aligns word BIO labels
to subwords (only the first subword of a word carries a label; the rest are ignored with
-100), trains with AdamW and a linear schedule on the GPU when there is one, and writes a
model directory (weights, tokenizer, ``MODEL_CARD.md``, ``metrics.json``) that
``PANTAU_TRANSFORMERS_MODEL`` can point at. Dev scores use the colleague's exact-span scorer.
"""

from __future__ import annotations

import json
import logging
import random
import time
from pathlib import Path
from typing import Any

from nlp.backends.loading import load_model, load_tokenizer, resolve_device
from nlp.backends.model_card import hardware, write_model_card
from nlp.training.corpus import Sentence, entity_spans, load_split
from nlp.training.evaluate import predict_spans, score_spans
from nlp.training.train import PROFILES, build_corpus

log = logging.getLogger(__name__)

TAGS = ("O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC")
IGNORE = -100


def encode(tokenizer: Any, sentences: list[Sentence], max_length: int) -> list[dict[str, list]]:
    """Input ids and first-subword labels of each sentence (truncated to ``max_length``)."""
    tag_id = {t: i for i, t in enumerate(TAGS)}
    enc = tokenizer([s.words for s in sentences], is_split_into_words=True, truncation=True,
                    max_length=max_length)  # fmt: skip
    rows = []
    for i, sentence in enumerate(sentences):
        labels, previous = [], None
        for w in enc.word_ids(i):
            first = w is not None and w != previous
            labels.append(tag_id.get(sentence.tags[w], 0) if first and w is not None else IGNORE)
            previous = w
        rows.append({"input_ids": enc["input_ids"][i], "labels": labels})
    return rows


def _batches(rows: list[dict[str, list]], size: int, pad_id: int, rng: random.Random) -> Any:
    import torch

    while True:
        order = list(range(len(rows)))
        rng.shuffle(order)
        for b in range(0, len(order), size):
            chunk = [rows[i] for i in order[b : b + size]]
            width = max(len(r["input_ids"]) for r in chunk)
            ids = torch.full((len(chunk), width), pad_id, dtype=torch.long)
            labels = torch.full((len(chunk), width), IGNORE, dtype=torch.long)
            mask = torch.zeros((len(chunk), width), dtype=torch.long)
            for i, r in enumerate(chunk):
                n = len(r["input_ids"])
                ids[i, :n], labels[i, :n] = torch.tensor(r["input_ids"]), torch.tensor(r["labels"])
                mask[i, :n] = 1
            yield ids, mask, labels


def evaluate_dir(
    model_dir: Path, dev: dict[str, list[Sentence]], device: str = "auto"
) -> dict[str, Any]:
    """Entity-level micro and per-label P/R/F1 of a model directory on each dev set."""
    import spacy

    from nlp.components.transformers_ner import forget

    nlp = spacy.blank("id")
    nlp.add_pipe("pantau_transformers_ner_v1", config={"model": str(model_dir), "device": device})
    result: dict[str, Any] = {}
    try:
        for name, sentences in dev.items():
            started = time.perf_counter()
            pred = predict_spans(nlp, sentences)
            elapsed = time.perf_counter() - started
            scores = score_spans((entity_spans(s.tags) for s in sentences), pred)
            words = sum(len(s.words) for s in sentences)
            scores.update(sentences=len(sentences), words=words,
                          words_per_second=round(words / elapsed) if elapsed else None)  # fmt: skip
            result[name] = scores
    finally:
        forget(str(model_dir))
    return result


def train_transformers(
    base: Path, output_dir: Path, profile: str = "full", shared_data: Path | None = None,
    seed: int = 0, max_steps: int | None = None, limit: int | None = None, epochs: int = 3,
    batch_size: int = 16, learning_rate: float = 5e-5, max_length: int = 128,
    device: str = "auto",
) -> dict[str, Any]:  # fmt: skip
    """Fine-tune ``base`` on ``profile``'s data into ``output_dir``; returns the metrics."""
    import torch
    from transformers import get_linear_schedule_with_warmup

    if profile not in PROFILES:
        raise ValueError(f"Unknown profile {profile!r}; choose one of {sorted(PROFILES)}")
    spec = PROFILES[profile]
    rng = random.Random(seed)
    torch.manual_seed(seed)
    train, _ = build_corpus(spec, shared_data, seed)
    dev = {name: load_split(name, "dev", shared_data) for name in spec.dev_sets}
    if limit:
        train = rng.sample(train, min(limit, len(train)))
        dev = {name: sents[:limit] for name, sents in dev.items()}
    tokenizer = load_tokenizer(base, "--base")
    model = load_model(base, "AutoModelForTokenClassification", "--base",
                       id2label=dict(enumerate(TAGS)),
                       label2id={t: i for i, t in enumerate(TAGS)},
                       ignore_mismatched_sizes=True)  # fmt: skip
    dev_device = resolve_device(device)
    model.to(dev_device).train()
    rows = encode(tokenizer, train, max_length)
    steps = max_steps or epochs * -(-len(rows) // batch_size)
    optimizer = torch.optim.AdamW(model.parameters(), lr=learning_rate, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    batches = _batches(rows, batch_size, tokenizer.pad_token_id or 0, rng)
    started, loss_value = time.perf_counter(), 0.0
    for step in range(steps):
        ids, mask, labels = next(batches)
        out = model(input_ids=ids.to(dev_device), attention_mask=mask.to(dev_device),
                    labels=labels.to(dev_device))  # fmt: skip
        out.loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        optimizer.zero_grad()
        loss_value = out.loss.item()
        if step % 50 == 0:
            log.info("step %d/%d loss %.4f", step + 1, steps, loss_value)
    train_seconds = time.perf_counter() - started
    output_dir = Path(output_dir)
    output_dir.mkdir(parents=True, exist_ok=True)
    model.eval()
    model.save_pretrained(output_dir)
    tokenizer.save_pretrained(output_dir)
    hyper = {"steps": steps, "batch_size": batch_size, "learning_rate": learning_rate,
             "epochs": None if max_steps else epochs, "max_length": max_length,
             "warmup": 0.1, "weight_decay": 0.01, "seed": seed, "limit": limit}  # fmt: skip
    metrics: dict[str, Any] = {
        "base": str(base), "profile": profile, "profile_description": spec.description,
        "train_sentences": len(train), "hyperparameters": hyper, "final_loss": loss_value,
        "train_seconds": round(train_seconds, 1), "hardware": hardware(dev_device),
        "dev": evaluate_dir(output_dir, dev, device),
    }  # fmt: skip
    (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    write_model_card(output_dir, metrics)
    return metrics
