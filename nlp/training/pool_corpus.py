"""Our own entity annotations (``annotations/entities``) as NER training sentences.

Pool texts are tokenised with spaCy's Indonesian tokenizer and the stand-off character spans
become BIO tags. Only PER / ORG / LOC go to the NER; POS spans (positions) are for the
officials linker. An ORG span that ends with an explicit region ("Bawaslu Kabupaten Jember",
"DPW PPP Jawa Barat" is left whole) is split into ORG + LOC for the NER, which is how the
public news NER sets write it ("Partai NasDem" ORG, "Kabupaten Sumenep" LOC); the whole unit
is rebuilt after the NER by ``pantau_org_merge_v1`` for the organizations output.
"""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.training import biluo_to_iob, offsets_to_biluo_tags

from nlp.annotation.pool import frozen_ids, load_labels, load_pool
from nlp.training.corpus import Sentence

log = logging.getLogger(__name__)

NER_LABELS = ("PER", "ORG", "LOC")
REGION_TAIL = re.compile(
    r"\s((?:Kabupaten|Kab\.|Kota|Provinsi|Prov\.|Kecamatan|Kec\.|Desa|Kelurahan)\s[\w .'-]+)$"
)


@lru_cache(maxsize=1)
def _tokenizer() -> Language:
    return spacy.blank("id")


def split_region_tail(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """ORG span (start, end) as [ORG] or [ORG, LOC] when it ends with an explicit region."""
    m = REGION_TAIL.search(text[start:end])
    if not m or m.start(1) == 0:
        return [(start, end, "ORG")]
    cut = start + m.start(1)
    return [(start, start + m.start(), "ORG"), (cut, end, "LOC")]


def to_sentence(text: str, spans: list[list]) -> Sentence | None:
    """BIO sentence of one pool text, or None when a span does not align with tokens."""
    nlp = _tokenizer()
    doc = nlp.make_doc(text)
    ents: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if label not in NER_LABELS:
            continue
        ents.extend(
            split_region_tail(text, start, end) if label == "ORG" else [(start, end, label)]
        )
    ents.sort()
    kept: list[tuple[int, int, str]] = []
    for e in ents:
        if kept and e[0] < kept[-1][1]:
            continue
        if doc.char_span(e[0], e[1], alignment_mode="strict") is None:
            span = doc.char_span(e[0], e[1], alignment_mode="contract")
            if span is None:
                return None
            e = (span.start_char, span.end_char, e[2])
        kept.append(e)
    tags = biluo_to_iob(offsets_to_biluo_tags(doc, kept))
    if "-" in tags:
        return None
    return Sentence([t.text for t in doc], tags)


def pool_sentences(split: str = "train") -> list[Sentence]:
    """Annotated pool sentences: ``train`` (everything but the frozen test split) or ``test``."""
    labels = load_labels("entities", ("A", "adjudicated"))
    frozen = frozen_ids("entities")
    pool = load_pool(["sentences_news2025.jsonl", "rss_items_2026.jsonl"])
    out, dropped = [], 0
    for rid, rec in sorted(labels.items()):
        if (rid in frozen) != (split == "test"):
            continue
        item = pool.get(rid)
        sent = to_sentence(item["text"], rec["spans"]) if item else None
        if sent is None:
            dropped += 1
            continue
        out.append(sent)
    log.info("pool %s: %d sentences (%d not aligned, dropped)", split, len(out), dropped)
    return out
