"""When a name read next to a position really is that official's name, and where the
institution really ends (NER PER spans, ranks and honorifics as separators)."""

from __future__ import annotations

from nlp.officials.institution import Institution, InstitutionReader
from nlp.officials.lexicon import OfficialLexicon, Position
from nlp.officials.mentions import Mention
from nlp.officials.names import NameReader, NameSpan
from nlp.regions.tokens import Token


class NameChecks:
    """Mixed into the Linker; relies on its tokens, lexicon and readers."""

    lex: OfficialLexicon
    tokens: list[Token]
    names: NameReader
    inst: InstitutionReader
    entities: dict[int, int]

    def _tok(self, i: int) -> Token | None:
        return self.tokens[i] if 0 <= i < len(self.tokens) else None

    def _key(self, i: int) -> str:
        tok = self._tok(i)
        return tok.key if tok else ""

    def _new_clause(self, m: Mention, name: NameSpan) -> bool:
        """ "untuk anggota DPRD Solo, Budi mengklaim": after a preposition the office is an
        object, and a comma-name followed by its verb starts a new clause."""
        comma = self._tok(name.ev_first)
        after = self._tok(name.last)
        return (
            comma is not None
            and comma.text == ","
            and self._key(m.first - 1) in self.lex.object_markers
            and after is not None
            and after.is_word
            and after.is_lower
        )

    def _place_before_comma(self, name: NameSpan) -> bool:
        nxt = self._tok(name.last)
        return (
            name.last - name.first == 1
            and not name.separated
            and nxt is not None
            and nxt.text == ","
            and self.names.is_name_token(name.last + 1)
        )

    def _numbered(self, j: int) -> bool:
        return self.inst._tok(j) is not None and self.inst._ordinal_or_number(j)

    def _acceptable(self, m: Mention, name: NameSpan, inst: Institution, pos: Position) -> bool:
        size = name.last - name.first
        after = self._tok(name.last)
        if len(self.tokens[name.last - 1].text) == 1 and size > 1:
            return False  # "Gus A": a cut-off initial
        bare = not inst.pieces and not inst.text_prefix and self.tokens[m.head_first].is_lower
        if bare and (self._key(inst.end) == "," or pos.kind == "unit"):
            return False  # "para menteri, Budi", "anggota Bocah Kosong": no office of a person
        if size == 1 and after is not None and after.text == ",":
            nxt = self._tok(name.last + 1)
            if nxt is not None and self.lex.is_title_word(nxt):
                return False  # "Ketua FKK Sibolga-Tapteng, Wakil Ketua ...": a list of offices
        if self._new_clause(m, name):
            return False
        if name.separated or inst.hard:
            return True
        if size < 2 or size > 3:
            return False  # "Wali Kota Den Haag Jan van Zanen": where the name starts is a guess
        return not (
            after is not None
            and after.text == ","
            and self._tok(name.last + 1) is not None
            and self.tokens[name.last + 1].is_upper_initial
        )

    def _cut_at_person(self, m: Mention, inst: Institution) -> bool:
        """With NER PER spans, the institution ends where the first person after the head starts."""
        if not self.entities:
            return False
        starts = [
            t.index for t in self.tokens[m.head_last : inst.end + 5] if t.start in self.entities
        ]
        if not starts or not inst.pieces:
            return False
        p = starts[0]
        if p > inst.end:
            # Words between the institution and a later PER span are far more often a first
            # name the NER left out ("DPW PPP Jawa Barat [Pepep] Saepul Hidayat") than more
            # institution: leave them to the name reader instead of growing the institution.
            return False
        inst.pieces = [(a, min(b, p)) for a, b in inst.pieces if a < p]
        inst.end, inst.hard = p, True
        return True

    def _extend_to_separator(self, inst: Institution) -> None:
        """Unknown words between the institution and a rank or honorific belong to it."""
        k = inst.end
        for j in range(k, min(k + 4, len(self.tokens))):
            if self.lex.ranks.match(self.tokens, j) or self.lex.before.match(self.tokens, j):
                if j > k and inst.pieces and all(self.names.is_name_token(i) for i in range(k, j)):
                    a, _ = inst.pieces[-1]
                    inst.pieces[-1] = (a, j)
                    inst.end, inst.hard = j, True
                return
            if not self.names.is_name_token(j):
                return
