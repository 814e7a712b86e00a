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
    """Adds region spans as LOC entities with their code.

    With ``defer=True`` (the default pipeline, where the statistical NER runs first) the
    model's entities win: a region that overlaps one of them is not added, a region that
    coincides with one only lends it its code, and a gap is filled only by a region written
    with its type or hint word ("Kabupaten Jember", "Bupati Jember"), by a multi-word name or
    by a name after a preposition of place ("di Jember"). The gazetteer is then a candidate
    source the model can reject, not an override.
    """

    def __init__(self, defer: bool = False) -> None:
        self.defer = defer

    def __call__(self, doc: Doc) -> Doc:
        if self.defer:
            return self._fill(doc)
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

    def _fill(self, doc: Doc) -> Doc:
        current = list(doc.ents)
        taken = {i for e in current for i in range(e.start, e.end)}
        by_bounds = {(e.start, e.end): k for k, e in enumerate(current)}
        added: list[Span] = []
        found = get_gazetteer().find(doc_text(doc))
        doc.user_data[REGIONS_KEY] = found  # read again by the officials tagger
        for region in found:
            span = doc.char_span(region["start"], region["end"], alignment_mode="expand")
            if span is None:
                continue
            code = region.get("code") or ""
            k = by_bounds.get((span.start, span.end))
            if k is not None:
                ent = current[k]
                if ent.label_ == "LOC" and not ent.kb_id_:
                    current[k] = Span(doc, ent.start, ent.end, label="LOC", kb_id=code)
                continue
            if any(i in taken for i in range(span.start, span.end)):
                continue
            if not region.get("explicit") and not _locative(doc, span.start):
                # A bare one-word name the model did not tag is more often a surname, a
                # month or a common word than a place ("Juli", "Nainggolan") unless a
                # preposition of place stands before it ("di Jember").
                continue
            added.append(Span(doc, span.start, span.end, label="LOC", kb_id=code))
            taken.update(range(span.start, span.end))
        doc.ents = sorted(current + added, key=lambda s: s.start)
        return doc


REGIONS_KEY = "pantau.regions"  # doc.user_data: the gazetteer's finds for this doc's text
LOCATIVE = frozenset({"di", "ke", "dari", "asal", "wilayah", "daerah", "kawasan", "kota"})


def _locative(doc: Doc, i: int) -> bool:
    return i > 0 and doc[i - 1].lower_ in LOCATIVE


@Language.factory("pantau_regions_v1", default_config={"defer": False})
def make_region_marker(nlp: Language, name: str, defer: bool) -> RegionMarker:
    return RegionMarker(defer=defer)
