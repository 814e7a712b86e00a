"""``pantau_regions_v1``: mark region mentions as LOC with their Kemendagri code.

Runs before the statistical NER so the model predicts around known regions instead of
merging "Kabupaten Probolinggo" into a neighbouring person name.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from nlp.components._ext import doc_text
from nlp.regions import get_gazetteer


class RegionMarker:
    def __call__(self, doc: Doc) -> Doc:
        found = get_gazetteer().find(doc_text(doc))
        current = list(doc.ents)  # doc.ents is rebuilt from the tokens on every access
        spans = list(current)
        for region in found:
            span = doc.char_span(
                region["start"], region["end"], label="LOC", alignment_mode="expand"
            )
            if span is None:
                continue
            span = Span(doc, span.start, span.end, label="LOC", kb_id=region.get("code") or "")
            spans.append(span)
        # Existing entities (e.g. election bodies from the ruler) win over regions inside them.
        existing = {(e.start, e.end) for e in current}
        ordered = sorted(spans, key=lambda s: ((s.start, s.end) not in existing, s.start))
        kept = filter_spans(ordered)
        doc.ents = sorted(kept, key=lambda s: s.start)
        return doc


@Language.factory("pantau_regions_v1")
def make_region_marker(nlp: Language, name: str) -> RegionMarker:
    return RegionMarker()
