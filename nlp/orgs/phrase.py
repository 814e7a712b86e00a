"""Token grammar of an organization phrase, shared by the finder and the official linker.

A phrase is a chain of units: a gazetteer organization ("Bawaslu", "Komisi Pemilihan Umum"),
an organization noun with its content words ("Dinas Pendidikan", "Pusat Studi Hukum dan
Konstitusi", "Universitas Andalas"), an unknown acronym ("SMPN", "HIKMA"), a region suffix
("Kabupaten Probolinggo", "Jawa Barat", "Metro Jaya"), a number ("SMPN 1", "Komisi II"), a
parenthesised acronym ("(BGN)") or "se-" scope ("se-Jabodetabek").

``strict`` parsing (the official linker) keeps unknown capitalised words out, because the
person's name usually follows; a named noun ("Universitas", "Yayasan") still takes one.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.orgs.lexicon import OrgEntry, OrgLexicon
from nlp.regions.gazetteer import Region, RegionGazetteer, RegionMatch
from nlp.regions.tokens import Token

# Unit kinds after which the phrase boundary is certain (a known or written-out name ended).
HARD = frozenset({"gaz", "acr", "region", "paren", "num", "se"})
_OPEN, _CLOSE = "(", ")"


@dataclass(slots=True)
class Unit:
    kind: str  # gaz | noun | acr | region | num | paren | se | proper
    first: int
    last: int
    entry: OrgEntry | None = None
    region: Region | None = None


@dataclass(slots=True)
class OrgPhrase:
    first: int
    last: int
    units: list[Unit] = field(default_factory=list)

    @property
    def hard_end(self) -> bool:
        return bool(self.units) and self.units[-1].kind in HARD

    @property
    def has_org(self) -> bool:
        return any(u.kind in {"gaz", "noun", "acr", "proper"} for u in self.units)


class PhraseParser:
    def __init__(self, lexicon: OrgLexicon, regions: RegionGazetteer, stop: frozenset[str]) -> None:
        self.lex = lexicon
        self.regions = regions
        self.stop = stop  # token keys that never belong to an organization (ranks, positions...)

    def _acronym(self, tokens: list[Token], j: int, upper: bool) -> bool:
        tok = tokens[j]
        text = tok.text
        nxt = tokens[j + 1] if j + 1 < len(tokens) else None
        drop_cap = j == 0 and len(text) > 3 and nxt is not None and not nxt.is_all_caps
        return (
            not upper
            and not drop_cap
            and tok.is_word
            and tok.key not in self.stop
            and 2 <= len(text) <= 10
            and tok.is_upper_initial
            and sum(c.isupper() for c in text) >= 2
            and not text.isdigit()
        )

    def _content(self, tokens: list[Token], j: int, strict: bool, upper: bool) -> int:
        """Content words after an organization noun; returns the index after them.

        Strict parsing takes institution vocabulary, and one unknown word only right after the
        noun ("Biro Penerangan Masyarakat", "Universitas Andalas"); loose parsing takes any
        capitalised word.
        """
        end = start = j
        while j < len(tokens):
            tok = tokens[j]
            if tok.key in self.stop or not tok.is_word:
                break
            if self.lex.is_connector(tok) and tok.is_lower:
                nxt = tokens[j + 1] if j + 1 < len(tokens) else None
                if nxt is None or not (nxt.is_upper_initial and self.lex.is_vocab(nxt)):
                    break
                j += 1
                continue
            if not (tok.is_upper_initial or upper) or self.lex.entry_at(tokens, j, upper):
                break
            if self.regions.match_at(tokens, j, upper=upper) and not self.lex.is_vocab(tok):
                break
            if (
                strict
                and not self.lex.is_vocab(tok)
                and (j > start or self._acronym(tokens, j, upper))
            ):
                break
            if not strict and self.lex.noun_at(tokens, j, upper):
                break
            j += 1
            end = j
        return end

    @staticmethod
    def _sure_region(tokens: list[Token], region: RegionMatch, prev: Unit) -> bool:
        """A bare kecamatan after an organization is too often a person's name ("DPR Rano
        Alfath"): it counts when the unit works at that level or no name follows."""
        if region.explicit or region.region.type != "kecamatan":
            return True
        if prev.entry is not None and "kecamatan" in prev.entry.regional:
            return True
        nxt = tokens[region.last] if region.last < len(tokens) else None
        return nxt is None or not (nxt.is_word and nxt.is_upper_initial)

    def unit_at(
        self, tokens: list[Token], j: int, prev: Unit | None, strict: bool, upper: bool
    ) -> Unit | None:
        if j >= len(tokens):
            return None
        tok = tokens[j]
        if prev and tok.text == _OPEN:
            close = next(
                (k for k in range(j + 1, min(j + 10, len(tokens))) if tokens[k].text == _CLOSE),
                None,
            )
            inner = tokens[j + 1 : close] if close else []
            if inner and all(t.is_upper_initial or t.is_digit or t.text in "-&/" for t in inner):
                return Unit("paren", j, close + 1)  # type: ignore[operator]
            return None
        if tok.key in self.stop and not (
            tok.is_upper_initial and self.lex.entry_at(tokens, j, upper)
        ):
            return None
        if prev and tok.key.startswith("se-") and tok.text[3:4].isupper():
            return Unit("se", j, j + 1)
        if prev and prev.kind in {"noun", "acr", "gaz"} and (tok.is_digit or tok.is_roman):
            return Unit("num", j, j + 1)
        hit = self.lex.entry_at(tokens, j, upper)
        region = self.regions.match_at(tokens, j, upper=upper)
        if hit and not (region and region.last > hit[0]):
            end, entry = hit
            if entry.takes_name and end < len(tokens) and tokens[end].is_upper_initial:
                end += 1
            return Unit("gaz", j, end, entry=entry)
        if region and not prev:
            return Unit("region", j, region.last, region=region.region)
        if prev and tok.key == "metro" and j + 1 < len(tokens) and tokens[j + 1].is_upper_initial:
            after = self.regions.match_at(tokens, j + 1, upper=upper)
            return Unit(
                "region", j, after.last if after else j + 2, region=after.region if after else None
            )
        if region and prev and (not strict or self._sure_region(tokens, region, prev)):
            return Unit("region", j, region.last, region=region.region)
        noun = self.lex.noun_at(tokens, j, upper)
        if noun:
            end, named = noun
            stop = self._content(tokens, end, strict, upper)
            if stop == end and (named or strict) and end < len(tokens):
                nxt = tokens[end]
                if (
                    nxt.is_upper_initial
                    and nxt.is_word
                    and nxt.key not in self.stop
                    and not self.lex.entry_at(tokens, end, upper)
                    and not self.regions.match_at(tokens, end, upper=upper)
                    and not self._acronym(tokens, end, upper)
                ):
                    return Unit("proper", j, end + 1)
            return Unit("noun", j, stop)
        if self._acronym(tokens, j, upper):
            return Unit("acr", j, j + 1)
        return None

    def parse(
        self, tokens: list[Token], i: int, *, strict: bool, upper: bool = False
    ) -> OrgPhrase | None:
        """The organization phrase starting at token ``i``, or None."""
        units: list[Unit] = []
        j = i
        while True:
            unit = self.unit_at(tokens, j, units[-1] if units else None, strict, upper)
            after_region = unit is None and units and units[-1].kind == "region"
            if after_region and j + 1 < len(tokens) and tokens[j].text == ",":
                # "Kelurahan X, Kecamatan Y, Kota Z"
                nxt = self.regions.match_at(tokens, j + 1, upper=upper)
                if nxt and nxt.explicit:
                    unit = Unit("region", j + 1, nxt.last, region=nxt.region)
            if unit is None:
                break
            units.append(unit)
            j = unit.last
        phrase = OrgPhrase(i, j, units)
        return phrase if phrase.has_org else None
