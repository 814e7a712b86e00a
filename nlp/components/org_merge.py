"""``pantau_org_merge_v1``: attach a region to the body it belongs to.

"Bawaslu" (ORG) followed by "Kabupaten Probolinggo" (LOC) is one organization, "Bawaslu
Kabupaten Probolinggo", as the extraction contract expects; the LOC mention stays available
through the regions output.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

# Bodies that take a regional suffix. Parties and national-only bodies do not.
REGIONAL_BODIES = {
    "bawaslu", "kpu", "kpud", "kip", "panwaslu", "panwascam", "polda", "polres", "polresta",
    "polrestabes", "polsek", "kejati", "kejari", "kejaksaan", "dprd", "pemkab", "pemkot",
    "pemprov", "pemerintah", "kesbangpol", "sentra", "gakkumdu", "ppk", "pps",
}  # fmt: skip


class OrgRegionMerger:
    def __call__(self, doc: Doc) -> Doc:
        ents = list(doc.ents)
        merged: list[Span] = []
        i = 0
        while i < len(ents):
            ent = ents[i]
            nxt = ents[i + 1] if i + 1 < len(ents) else None
            if (
                nxt is not None
                and ent.label_ == "ORG"
                and nxt.label_ == "LOC"
                and nxt.start == ent.end
                and any(t.lower_ in REGIONAL_BODIES for t in ent)
                and nxt.kb_id_
            ):
                merged.append(Span(doc, ent.start, nxt.end, label="ORG", kb_id=nxt.kb_id_))
                i += 2
                continue
            merged.append(ent)
            i += 1
        doc.ents = merged
        return doc


@Language.factory("pantau_org_merge_v1")
def make_org_merger(nlp: Language, name: str) -> OrgRegionMerger:
    return OrgRegionMerger()
