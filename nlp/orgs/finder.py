"""Organization mentions in running text: gazetteer bodies, noun phrases and NER ORG spans."""

from __future__ import annotations

import logging
import threading

from nlp.orgs.lexicon import get_lexicon
from nlp.orgs.normalize import context_regions, normalize_with_regions
from nlp.orgs.phrase import OrgPhrase, PhraseParser
from nlp.orgs.stopwords import never_org
from nlp.regions import Region, get_gazetteer
from nlp.regions.tokens import Token, is_mostly_upper, tokenize

log = logging.getLogger(__name__)

_lock = threading.Lock()
_parser: PhraseParser | None = None


def get_parser() -> PhraseParser:
    global _parser
    if _parser is None:
        with _lock:
            if _parser is None:
                _parser = PhraseParser(get_lexicon(), get_gazetteer(), never_org())
    return _parser


def _spans(tokens: list[Token], upper: bool) -> list[OrgPhrase]:
    parser = get_parser()
    found: list[OrgPhrase] = []
    i = 0
    while i < len(tokens):
        phrase = parser.parse(tokens, i, strict=False, upper=upper)
        if phrase is None:
            region = parser.regions.match_at(tokens, i, upper=upper)
            i = region.last if region else i + 1
            continue
        if _worth_keeping(phrase, tokens, parser):
            found.append(phrase)
        i = phrase.last
    return found


def _worth_keeping(phrase: OrgPhrase, tokens: list[Token], parser: PhraseParser) -> bool:
    """A lone organization noun ("Sekolah") or a lone unknown acronym ("OTT") says too little."""
    units = phrase.units
    if tokens[phrase.first].key in {"kelurahan", "desa"}:
        return False
    if len(units) != 1:
        return True
    unit = units[0]
    if unit.kind == "noun":
        return (
            unit.last - unit.first > 1
            and any(
                parser.lex.is_vocab(t) and parser.lex.noun_at(tokens, t.index) is None
                for t in tokens[unit.first + 1 : unit.last]
            )
        ) or unit.last - unit.first > 2
    if unit.kind == "acr":
        before = tokens[unit.first - 1] if unit.first else None
        return before is not None and before.key in _TITLE_WORDS
    return True


_TITLE_WORDS = frozenset(
    {"ketua", "umum", "kepala", "anggota", "sekretaris", "direktur", "pimpinan"}
)


def _record(text: str, start: int, end: int, regions: list[Region]) -> dict:
    norm = normalize_with_regions(text[start:end], regions)
    return {**norm, "start": start, "end": end}


def find_organizations(text: str, entities: list[dict] | None = None) -> list[dict]:
    """Organizations as {"name","canonical","acronym","start","end"}, in text order.

    "Partai Keadilan Sejahtera (PKS)" is one mention whose acronym is "PKS". NER ORG spans, when
    given, are added where no rule span overlaps them.
    """
    if not text:
        return []
    tokens = tokenize(text)
    upper = is_mostly_upper(text)
    out: list[dict] = []
    regions = context_regions(text)
    for phrase in _spans(tokens, upper):
        start, end = tokens[phrase.first].start, tokens[phrase.last - 1].end
        out.append(_record(text, start, end, regions))
    for ent in entities or ():
        if ent.get("label") != "ORG":
            continue
        s, e = int(ent["start"]), int(ent["end"])
        if 0 <= s < e <= len(text) and not any(o["start"] < e and s < o["end"] for o in out):
            out.append(_record(text, s, e, regions))
    out.sort(key=lambda o: o["start"])
    return out
