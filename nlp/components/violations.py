"""``pantau_violations_v1``: reported and mentioned election violations with evidence."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text
from nlp.violations import detect


class ViolationDetector:
    def __call__(self, doc: Doc) -> Doc:
        result = detect(doc_text(doc), doc.user_data.get("title"))
        doc._.violations = result.violations
        doc._.mentioned_violations = result.mentioned
        doc._.denied_violations = result.denied
        return doc


@Language.factory("pantau_violations_v1")
def make_violation_detector(nlp: Language, name: str) -> ViolationDetector:
    return ViolationDetector()
