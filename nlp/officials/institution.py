"""What follows a position head: its field ("Bidang Kehormatan") and its institution.

The institution is a chain of organization phrases (nlp.orgs.phrase) plus the glue Indonesian
news puts in it: "X atau Y" (keep Y), "bidang Z" (moves to the position), "dari X" (the
institution when none was written before, an affiliation otherwise), "Periode 2019-2024"
(dropped). Regional heads take a region ("Bupati Rokan Hulu" -> "Kabupaten Rokan Hulu") and fused
acronyms take a place ("Kapolres Inhu" -> "Polres Inhu").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.officials.lexicon import OfficialLexicon
from nlp.regions import Region
from nlp.regions.tokens import Token

_LABEL = {
    "provinsi": "Provinsi",
    "kabupaten": "Kabupaten",
    "kota": "Kota",
    "kecamatan": "Kecamatan",
}


@dataclass(slots=True)
class Institution:
    pieces: list[tuple[int, int]] = field(default_factory=list)  # token ranges, in order
    text_prefix: str = ""  # "Polres", "Kabupaten": the unit a fused title or a region head implies
    region: Region | None = None
    portfolio: list[tuple[int, int]] = field(default_factory=list)  # "bidang X" ranges
    hard: bool = True  # the institution (or position) ended at a certain boundary
    end: int = 0  # token after everything read

    def text(self, tokens: list[Token], source: str) -> str | None:
        parts = [self.text_prefix] if self.text_prefix else []
        parts += [
            " ".join(source[tokens[a].start : tokens[b - 1].end].split()) for a, b in self.pieces
        ]
        return " ".join(parts) or None


class InstitutionReader:
    def __init__(self, lex: OfficialLexicon, tokens: list[Token], upper: bool) -> None:
        self.lex = lex
        self.tokens = tokens
        self.upper = upper

    def _tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def portfolio(self, j: int, allow_orgs: bool = False) -> int:
        """Field words after a head ("Penindakan dan Eksekusi", "bidang politik, dan hukum")."""
        lex, tokens = self.lex, self.tokens
        end = j
        while j < len(tokens):
            tok = tokens[j]
            if j == end and self._ordinal_or_number(j):
                j = end = j + 1  # "Presiden Ke-6 RI", "Perdana Menteri kelima", "Anggota I BPK"
                continue
            if tok.key == "bidang" and j + 1 < len(tokens) and lex.orgs.is_vocab(tokens[j + 1]):
                j += 1
                continue
            if tok.text == "," or (tok.key in {"dan", "serta", "&"} and tok.is_lower):
                k = j + 1
                if tok.text == "," and self._tok(k) and self.tokens[k].key == "dan":
                    k += 1
                nxt = self._tok(k)
                if nxt is None or not lex.orgs.is_vocab(nxt) or self._is_org_start(k):
                    break
                j = k
                continue
            if tok.text == "(" and allow_orgs:
                close = next(
                    (k for k in range(j + 1, min(j + 6, len(tokens))) if tokens[k].text == ")"),
                    None,
                )
                if close is None:
                    break
                j = end = close + 1
                continue
            if allow_orgs and lex.orgs.entry_at(tokens, j, self.upper):
                j = end = lex.orgs.entry_at(tokens, j, self.upper)[0]  # type: ignore[index]
                continue
            if not tok.is_word or not lex.orgs.is_vocab(tok) or tok.key in lex.word_stop:
                break
            if self._is_org_start(j) and not allow_orgs:
                break
            j += 1
            end = j
        return end

    def _ordinal_or_number(self, j: int) -> bool:
        tok, nxt = self.tokens[j], self._tok(j + 1)
        if tok.key in self.lex.ordinals or re.match(r"^ke-?\d+$", tok.key):
            return True
        balinese = tok.text == "I" and nxt is not None and nxt.key in self.lex.balinese
        return tok.is_roman and not balinese

    def _is_org_start(self, j: int) -> bool:
        return bool(
            self.lex.orgs.entry_at(self.tokens, j, self.upper)
            or self.lex.orgs.noun_at(self.tokens, j, self.upper)
        )

    def skip_paren(self, j: int) -> int:
        """A parenthesised acronym of the position itself: "Kepala Kantor Cabang Pembantu (KCP)"."""
        tok = self._tok(j)
        if tok is not None and tok.text == "(":
            close = next(
                (
                    k
                    for k in range(j + 1, min(j + 5, len(self.tokens)))
                    if self.tokens[k].text == ")"
                ),
                None,
            )
            if close is not None:
                return close + 1
        return j

    def organization(self, j: int) -> Institution:
        inst = Institution(end=j)
        parser, tokens = self.lex.parser, self.tokens
        while j < len(tokens):
            phrase = parser.parse(tokens, j, strict=True, upper=self.upper)
            if phrase is not None:
                inst.pieces.append((phrase.first, phrase.last))
                inst.hard = phrase.hard_end
                inst.region = inst.region or next(
                    (u.region for u in phrase.units if u.region), None
                )
                j = phrase.last
                continue
            tok = tokens[j]
            nxt = parser.parse(tokens, j + 1, strict=True, upper=self.upper)
            if tok.key == "atau" and inst.pieces and nxt is not None:
                inst.pieces, inst.region = [], None
                j += 1
                continue
            if tok.key == "bidang" and inst.pieces:
                stop = self.portfolio(j)
                if stop > j + 1:
                    inst.portfolio.append((j, stop))
                    j = stop
                    continue
            if tok.key == "dari" and nxt is not None:
                if not inst.pieces:
                    inst.pieces.append((nxt.first, nxt.last))
                    inst.hard = nxt.hard_end
                j = nxt.last
                continue
            period = self.lex.period.match(tokens, j)
            if period and inst.pieces:
                j = period[0]
                while j < len(tokens) and (
                    tokens[j].is_digit or tokens[j].text in "-–—/" or tokens[j].key == "dan"
                ):
                    j += 1
                continue
            break
        inst.end = j
        return inst

    def region_head(self, j: int, region_type: str, label: str) -> Institution:
        match = self.lex.regions.match_at(
            self.tokens, j, upper=self.upper, hint=region_type or None
        )
        if match is None:
            return Institution(end=j, hard=False)
        region = match.region
        label = label or _LABEL.get(region.type, "")
        inst = Institution(pieces=[(j, match.last)], region=region, end=match.last)
        if not match.explicit:
            inst.text_prefix = label
        return inst

    def fused_place(self, j: int, unit: str, place: bool) -> Institution:
        if not place:
            return Institution(text_prefix=unit, end=j)
        tokens = self.tokens
        k = j
        while self._tok(k) is not None and (tokens[k].key == "metro" or tokens[k].is_digit):
            k += 1  # "Polres Metro Tangerang", "Dandim 0820 Probolinggo"
        match = self.lex.regions.match_at(tokens, k, upper=self.upper)
        if match is not None:
            return Institution(
                pieces=[(j, match.last)], text_prefix=unit, region=match.region, end=match.last
            )
        tok = self._tok(k)
        if (
            tok is not None
            and tok.is_upper_initial
            and tok.is_word
            and tok.key not in self.lex.stop
        ):
            return Institution(pieces=[(j, k + 1)], text_prefix=unit, end=k + 1, hard=False)
        return Institution(text_prefix=unit if k == j else "", end=j)
