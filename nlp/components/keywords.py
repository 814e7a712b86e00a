"""``pantau_keywords_v1``: operator-defined flagged keyword lists (morphology-aware)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text
from nlp.keywords import KeywordMatcher


class KeywordFlagger:
    def __init__(self, lists: dict[str, list[str]]) -> None:
        self.matcher = KeywordMatcher(lists)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        title = doc.user_data.get("title")
        matches = self.matcher.match(text)
        if title:
            matches += [{**m, "field": "title"} for m in self.matcher.match(title)]
        doc._.keywords = matches
        return doc


@Language.factory("pantau_keywords_v1", default_config={"lists": {}})
def make_keyword_flagger(nlp: Language, name: str, lists: dict[str, list[str]]) -> KeywordFlagger:
    return KeywordFlagger(lists)
