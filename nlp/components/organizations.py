"""``pantau_organizations_v1``: canonical organizations and the regions a text is about."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text, entity_dicts
from nlp.orgs import find_organizations
from nlp.regions import article_regions


class OrganizationNormalizer:
    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        doc._.organizations = find_organizations(text, entity_dicts(list(doc.ents)))
        doc._.regions = article_regions(text, doc.user_data.get("title"))
        return doc


@Language.factory("pantau_organizations_v1")
def make_organization_normalizer(nlp: Language, name: str) -> OrganizationNormalizer:
    return OrganizationNormalizer()
