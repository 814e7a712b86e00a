"""``pantau_officials_v1``: people linked to positions and institutions.

With a learned officials model (``models/pantau-officials-id-*``, nlp/officials/learned.py)
its CRF tagger and link model decide, with the NER's spans and the gazetteers as features;
without one (``model`` "none", or none shipped) the rule linker of nlp/officials decides.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from nlp.components._ext import doc_text, entity_dicts
from nlp.officials import extract_officials
from nlp.officials.learned import OfficialsModel, Tok, find_model, load_model, rule_marks


class OfficialLinker:
    """Sets ``doc._.officials``. Without a statistical NER (``add_names``), each official's
    name also becomes a PER entity when no entity covers it, so entities and officials agree;
    with one, the model alone decides the entities."""

    def __init__(
        self,
        model: OfficialsModel | None = None,
        min_confidence: float = 0.0,
        add_names: bool = True,
    ):
        self.model = model
        self.min_confidence = min_confidence
        self.add_names = add_names

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        spans = list(doc.ents)  # doc.ents is rebuilt from the tokens on every access
        if self.model is not None:
            officials = self._learned(doc, text)
        else:
            officials = extract_officials(text, entity_dicts(spans))
        officials = [o for o in officials if o.get("confidence", 1.0) >= self.min_confidence]
        doc._.officials = officials
        if not self.add_names:
            return doc
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

    def _learned(self, doc: Doc, text: str) -> list[dict]:
        from nlp.regions import get_gazetteer
        from nlp.training.officials import doc_inputs

        assert self.model is not None
        words, ner, regions = doc_inputs(doc)
        toks = [Tok(t.text, t.idx, t.idx + len(t.text)) for t in doc]
        rule = rule_marks(toks, extract_officials(text, entity_dicts(list(doc.ents))), text)
        tags = self.model.tag(words, ner, regions, rule)
        out = []
        for o in self.model.officials(text, toks, tags, rule):
            found = get_gazetteer().find(o["institution"]) if o["institution"] else []
            o["region"] = found[0]["name"] if found else None
            o["region_code"] = found[0]["code"] if found else None
            o["honorifics"] = []
            out.append(o)
        return out


@Language.factory(
    "pantau_officials_v1",
    default_config={"model": "none", "min_confidence": 0.0, "add_names": True},
)
def make_official_linker(
    nlp: Language, name: str, model: str, min_confidence: float, add_names: bool
) -> OfficialLinker:
    path = find_model(model)
    return OfficialLinker(load_model(str(path)) if path else None, min_confidence, add_names)
