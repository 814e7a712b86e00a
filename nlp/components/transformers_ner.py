"""``pantau_transformers_ner_v1``: statistical NER from a local transformers model.

Sits where spaCy's ``ner`` would: after the entity ruler and the region marker, before
``pantau_org_merge_v1``. It respects preset entities: model spans that overlap a gazetteer
entity are dropped, the rest are added. Loaded models are shared between pipelines with the
same configuration.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TYPE_CHECKING

from spacy.language import Language
from spacy.tokens import Doc, Span

from nlp.components._ext import doc_text

if TYPE_CHECKING:
    from nlp.backends.transformers_ner import Entity, TransformersNER

log = logging.getLogger(__name__)

_MODELS: dict[tuple[str, str, str, int, int, int], TransformersNER] = {}


def get_backend(
    model: str, labels: str = "", device: str = "auto", batch_size: int = 8,
    max_length: int = 512, stride: int = 128,
) -> TransformersNER:  # fmt: skip
    """One loaded backend per configuration (loading takes seconds and memory)."""
    from nlp.backends.transformers_ner import TransformersNER

    key = (model, labels, device, batch_size, max_length, stride)
    if key not in _MODELS:
        _MODELS[key] = TransformersNER(model, labels or None, device, batch_size, max_length,
                                       stride)  # fmt: skip
    return _MODELS[key]


def forget(model: str) -> None:
    """Drop cached backends of ``model`` (after a training run rewrote the directory)."""
    for key in [k for k in _MODELS if k[0] == model]:
        del _MODELS[key]


def add_entities(doc: Doc, found: list[Entity]) -> Doc:
    """Add model spans that do not overlap the entities already set on ``doc``."""
    current = list(doc.ents)
    taken = [False] * (len(doc) + 1)
    for e in current:
        taken[e.start : e.end] = [True] * (e.end - e.start)
    added: list[Span] = []
    for ent in found:
        span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="contract")
        if span is None or len(span) == 0:
            span = doc.char_span(ent.start, ent.end, label=ent.label, alignment_mode="expand")
        if span is None or len(span) == 0 or any(taken[span.start : span.end]):
            continue
        taken[span.start : span.end] = [True] * len(span)
        added.append(span)
    if added:
        doc.ents = sorted([*current, *added], key=lambda s: s.start)
    return doc


class TransformersEntityRecognizer:
    def __init__(self, backend: TransformersNER, batch_size: int) -> None:
        self.backend = backend
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return add_entities(doc, self.backend.predict(doc_text(doc)))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        stream = iter(docs)
        while batch := list(islice(stream, batch_size)):
            for doc, found in zip(batch, self.backend.predict_many([doc_text(d) for d in batch]),
                                  strict=True):  # fmt: skip
                yield add_entities(doc, found)


@Language.factory(
    "pantau_transformers_ner_v1",
    default_config={"model": "", "labels": "", "device": "auto", "batch_size": 8,
                    "max_length": 512, "stride": 128},
)  # fmt: skip
def make_transformers_ner(
    nlp: Language, name: str, model: str, labels: str, device: str, batch_size: int,
    max_length: int, stride: int,
) -> TransformersEntityRecognizer:  # fmt: skip
    if not model:
        from nlp.backends.loading import TransformersModelError

        raise TransformersModelError(
            "PANTAU_NER_BACKEND=transformers needs PANTAU_TRANSFORMERS_MODEL: a local "
            "token-classification model directory"
        )
    backend = get_backend(model, labels, device, batch_size, max_length, stride)
    return TransformersEntityRecognizer(backend, batch_size)
