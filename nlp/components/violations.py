"""``pantau_violations_v1``: reported and mentioned election violations with evidence.

With a learned classifier (``models/pantau-violations-id-*``, nlp/violations/model.py) the
pattern layer's output becomes features and the classifier decides; without one (``model``
"none", or none shipped) the pattern layer decides alone.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text
from nlp.violations import detect
from nlp.violations.model import ViolationModel, classify, find_model, load_model


class ViolationDetector:
    def __init__(self, model: ViolationModel | None = None, threshold: float | None = None):
        self.model = model
        self.threshold = threshold

    def __call__(self, doc: Doc) -> Doc:
        text, title = doc_text(doc), doc.user_data.get("title")
        if self.model is not None:
            result = classify(text, title, self.model, self.threshold)
        else:
            result = detect(text, title)
        doc._.violations = [_with_actors(v, doc) for v in result.violations]
        doc._.mentioned_violations = result.mentioned
        doc._.denied_violations = result.denied
        return doc


PLACE_HEADS = frozenset(
    [
        "desa",
        "kelurahan",
        "dusun",
        "kampung",
        "kecamatan",
        "kabupaten",
        "kab",
        "kota",
        "provinsi",
        "jalan",
        "jl",
    ]
)


def _with_actors(violation: dict, doc: Doc) -> dict:
    """Actors are persons or organizations, never places: the pattern layer's candidates
    minus anything the NER calls a place or that starts with a place word, plus the PER/ORG
    entities inside the evidence sentence (the title has no entities: candidates only)."""
    places = {e.text for e in doc.ents if e.label_ == "LOC"}
    actors = [
        a
        for a in violation.get("actors", [])
        if a not in places and a.split()[0].lower().rstrip(".") not in PLACE_HEADS
    ]
    if violation.get("field") != "title":
        start, end = violation.get("start", 0), violation.get("end", 0)
        actors += [
            e.text
            for e in doc.ents
            if e.label_ in ("PER", "ORG") and e.start_char >= start and e.end_char <= end
        ]
    return {**violation, "actors": list(dict.fromkeys(actors))}


@Language.factory("pantau_violations_v1", default_config={"model": "none", "threshold": None})
def make_violation_detector(
    nlp: Language, name: str, model: str, threshold: float | None
) -> ViolationDetector:
    path = find_model(model)
    return ViolationDetector(load_model(str(path)) if path else None, threshold)
