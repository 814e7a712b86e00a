"""``pantau_officials_v1``: people linked to positions and institutions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text, entity_dicts
from nlp.officials import extract_officials


class OfficialLinker:
    """Sets ``doc._.officials``; each official's name becomes a PER entity when no entity
    covers it yet, so entities and officials agree even without a statistical NER."""

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = list(doc.ents)  # doc.ents is rebuilt from the tokens on every access
        officials = extract_officials(text, entity_dicts(spans))
        doc._.officials = officials
        taken = {i for e in spans for i in range(e.start, e.end)}
        for official in officials:
            start = text.find(official["name"], official.get("start") or 0)
            if start < 0:
                continue
            span = doc.char_span(start, start + len(official["name"]), label="PER")
            if span is not None and not taken.intersection(range(span.start, span.end)):
                spans.append(span)
                taken.update(range(span.start, span.end))
        doc.ents = sorted(spans, key=lambda s: s.start)
        return doc


@Language.factory("pantau_officials_v1")
def make_official_linker(nlp: Language, name: str) -> OfficialLinker:
    return OfficialLinker()
