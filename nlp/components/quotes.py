"""``pantau_quotes_v1``: reported statements with their speakers (nlp/quotes)."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text, entity_dicts
from nlp.quotes import extract_quotes


class QuoteExtractor:
    def __call__(self, doc: Doc) -> Doc:
        doc._.quotes = extract_quotes(
            doc_text(doc), entity_dicts(list(doc.ents)), doc._.officials or []
        )
        return doc


@Language.factory("pantau_quotes_v1")
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor()
