"""Links position mentions to names: "JABATAN LEMBAGA NAMA", "NAMA, JABATAN ...", "NAMA selaku
JABATAN", "... sekaligus JABATAN2 NAMA", composites ("Juru Bicara Presiden"), and "Mantan Kapolri
ini" pointing back at the previous sentence's official.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from nlp.officials.checks import NameChecks
from nlp.officials.institution import Institution, InstitutionReader
from nlp.officials.lexicon import OfficialLexicon
from nlp.officials.mentions import Mention, find_mentions
from nlp.officials.names import NameReader, NameSpan
from nlp.officials.text import join_title, sentence_ids
from nlp.regions.tokens import Token

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Link:
    mention: Mention
    title: str
    inst: Institution
    name: NameSpan | None
    start: int  # token range of the evidence
    end: int
    pending: str = ""  # "sekaligus" (share the next mention's name) or "antecedent"


class Linker(NameChecks):
    def __init__(
        self,
        lex: OfficialLexicon,
        text: str,
        tokens: list[Token],
        upper: bool,
        entities: dict[int, int],
    ):
        self.lex, self.text, self.tokens = lex, text, tokens
        self.names = NameReader(lex, tokens, upper)
        self.inst = InstitutionReader(lex, tokens, upper)
        self.entities = entities
        self.sentences = sentence_ids(tokens)

    def links(self) -> list[Link]:
        mentions = find_mentions(self.lex, self.tokens)
        out: list[Link] = []
        covered = -1
        for idx, m in enumerate(mentions):
            if m.first < covered or m.candidate:
                continue
            found = self._read(m, mentions[idx + 1 :])
            for link in found:
                out.append(link)
            if found:
                covered = max(covered, max(lk.inst.end for lk in found))
        self._resolve_pending(out)
        return [lk for lk in out if lk.name is not None]

    # -- one mention ---------------------------------------------------------------------------

    def _read(self, m: Mention, later: list[Mention]) -> list[Link]:
        pos = m.position
        if self._key(m.first - 1) in self.lex.place_words:
            return []  # "Jalan Panglima Aim", "Gedung Wali Kota"
        j = self.inst.skip_paren(m.head_last)
        title_ranges: list[tuple[int, int]] = []
        if pos.kind == "minister" or pos.portfolio or self._key(j) == "bidang" or self._numbered(j):
            stop = self.inst.portfolio(j)
            if stop > j:
                title_ranges.append((j, stop))
                j = self.inst.skip_paren(stop)
        country = self.lex.countries.match(self.tokens, j) if pos.kind == "minister" else None
        if country:  # "Presiden Prancis", "Menteri Luar Negeri Suriah"
            title_ranges.append((j, country[0]))
            j = country[0]
        inner = next((n for n in later if n.first == j and n.position.kind == "minister"), None)
        if inner is not None and pos.kind != "minister":
            return self._composite(m, title_ranges, inner)
        if pos.kind == "minister":
            bare = not title_ranges and (pos.portfolio or self.tokens[m.head_first].is_lower)
            inst = Institution(end=j, hard=not bare)
        elif pos.kind == "regional":
            inst = self.inst.region_head(j, pos.region_type, pos.label)
        elif pos.kind == "fused" and not self.lex.parser.parse(self.tokens, j, strict=True):
            inst = self.inst.fused_place(j, pos.unit, pos.place)
        else:
            inst = self.inst.organization(j)
            if pos.kind == "fused" and not inst.pieces:
                inst.text_prefix = pos.unit
            elif not inst.pieces:
                inst = self.inst.region_head(j, "", "") if pos.kind == "unit" else inst
                inst.text_prefix = ""  # "Inspektur Sumut": a region written alone stays as written
                inst.hard = bool(inst.pieces)  # "Ketua Hasyim": a bare office needs a clear name
        title_ranges += inst.portfolio
        if not self._cut_at_person(m, inst):
            self._extend_to_separator(inst)
        title = join_title(m.title(), title_ranges, self.tokens, self.text)
        link = Link(m, title, inst, None, m.first, inst.end)
        k = inst.end
        if self._key(k) in self.lex.shared_name_links and any(n.first == k + 1 for n in later):
            link.pending = "sekaligus"
            return [link]
        name = self.names.read_right(k, self.entities)
        if name is not None and inst.pieces and self._place_before_comma(name):
            # "anggota DPRD Solo, Budi", "Ketua LMKN Pencipta, Andi ...": one word, then the name
            inst.pieces[-1] = (inst.pieces[-1][0], name.last)
            inst.end = name.last
            name = self.names.read_right(name.last, self.entities)
        if name is not None and self._acceptable(m, name, inst, pos):
            left = None if name.separated or inst.hard else self._left_name(m, name.last)
            if left is not None and inst.pieces:
                # "Joko Purnomo, Ketua Kelompok Tani Sri Makmur dari ...": the words after an
                # uncertain institution still belong to it when a name stands on the left.
                inst.pieces[-1] = (inst.pieces[-1][0], name.last)
                link.name, link.start, link.end = left, left.ev_first, name.last
                return [link]
            link.name, link.end = name, name.last
            return [link]
        if self._key(k) in self.lex.demonstratives:
            link.pending, link.end = "antecedent", k + 1
            return [link]
        left = self._left_name(m, k, bool(inst.pieces or inst.text_prefix or title_ranges))
        if left is not None:
            link.name, link.start = left, left.ev_first
        return [link]

    def _composite(
        self, m: Mention, title_ranges: list[tuple[int, int]], inner: Mention
    ) -> list[Link]:
        """ "Juru Bicara Presiden X", "Sekretaris Menteri Pemuda dan Olah Raga, Y"."""
        j = self.inst.portfolio(inner.head_last, allow_orgs=True)
        ranges = [*title_ranges, (inner.first, j)]
        title = join_title(m.title(), ranges, self.tokens, self.text)
        outer = Link(m, title, Institution(end=j), None, m.first, j)
        inner_title = join_title(
            inner.title(),
            [(inner.head_last, j)] if j > inner.head_last else [],
            self.tokens,
            self.text,
        )
        name = self.names.read_right(j, self.entities)
        if name is not None and (self.tokens[j].text == "," or j > inner.head_last):
            outer.name, outer.end = name, name.last
            return [outer]
        if name is not None:
            own = Link(inner, inner_title, Institution(end=name.last), name, inner.first, name.last)
            if self._key(name.last) in self.lex.demonstratives:
                outer.pending = "antecedent"
                return [outer, own]
            return [own]
        left = self._left_name(m, j)
        if left is not None:
            outer.name, outer.start = left, left.ev_first
        return [outer]

    # -- names on the left -----------------------------------------------------------------

    def _left_name(self, m: Mention, after: int, qualified: bool = True) -> NameSpan | None:
        """ "X, Ketua ..." (the phrase then ends), "X selaku Ketua", "X didapuk menjadi ketua"."""
        i = m.first - 1
        tok = self._tok(i)
        if tok is None:
            return None
        if tok.text == "," and qualified:  # "Catheez, anggota ..." with nothing after: no office
            nxt = self._tok(after)
            if nxt is not None and nxt.is_word and nxt.is_upper_initial:
                return None
            return self.names.read_left(i)
        if tok.key in self.lex.role_links:
            i -= 1
            while self._key(i) in self.lex.appointment_verbs or (
                self._key(i) == "," and self._key(i + 1) == "yang"
            ):
                i -= 1  # "X didapuk menjadi", "X, yang menjabat sebagai"
            return self.names.read_left(i + 1)
        return None

    def _resolve_pending(self, links: list[Link]) -> None:
        for idx, link in enumerate(links):
            if link.pending == "sekaligus":
                nxt = next((lk for lk in links[idx + 1 :] if lk.name is not None), None)
                if nxt is not None:
                    link.name, link.end = nxt.name, nxt.end
            elif link.pending == "antecedent":
                sid = self.sentences[link.mention.first]
                prev = [
                    lk
                    for lk in links
                    if lk.name is not None and self.sentences[lk.name.first] == sid - 1
                ]
                if prev:
                    link.name = prev[0].name
