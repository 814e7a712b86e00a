"""``pantau.officials.v1``: people linked to positions and institutions."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import entity_dicts
from nlp.officials import extract_officials


class OfficialLinker:
    def __call__(self, doc: Doc) -> Doc:
        doc._.officials = extract_officials(doc.text, entity_dicts(doc))
        return doc


@Language.factory("pantau.officials.v1")
def make_official_linker(nlp: Language, name: str) -> OfficialLinker:
    return OfficialLinker()
