"""Person names next to a position: ranks and honorifics around them, initials, apostrophes.

A name is a run of capitalised words ("Fathul Qorib", "I Made Juni Artawan", "A Darmadi",
"Muhammad Syafi'i"), optionally behind ranks ("AKBP", "Brigadir Jenderal Polisi") and
honorifics ("H.", "Dr.", "Saudara"), optionally followed by academic titles (", S.H., M.H.").
Ranks are dropped; honorifics and titles are kept apart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from nlp.officials.lexicon import OfficialLexicon
from nlp.regions.tokens import Token

MAX_NAME_TOKENS = 6


@dataclass(slots=True)
class NameSpan:
    first: int  # first name token
    last: int  # after the last name token
    ev_first: int  # first token of the evidence (honorifics, ranks included)
    ev_last: int
    honorifics: list[str] = field(default_factory=list)
    separated: bool = False  # a comma, rank or honorific stood between the office and the name

    def text(self, tokens: list[Token], source: str) -> str:
        return " ".join(source[tokens[self.first].start : tokens[self.last - 1].end].split())


class NameReader:
    def __init__(self, lex: OfficialLexicon, tokens: list[Token], upper: bool) -> None:
        self.lex = lex
        self.tokens = tokens
        self.upper = upper

    # -- token tests ------------------------------------------------------------------------

    def is_name_token(self, i: int) -> bool:
        if i >= len(self.tokens) or i < 0:
            return False
        tok = self.tokens[i]
        if not tok.is_word or not tok.is_upper_initial or any(c.isdigit() for c in tok.text):
            return False
        key = tok.key
        if (
            key in self.lex.not_names
            or key in self.lex.name_stop
            or self.lex.orgs.noun_at(self.tokens, i)
        ):
            return False
        if self.lex.countries.match(self.tokens, i):
            return False
        if self.lex.is_title_word(tok) and not self._name_final_title(i):
            return False
        # An unknown capitalised acronym is an organization unless it is long enough to be a name
        # written in capitals ("Foto: Antara/MUHAMMAD ADIMAJA").
        short_caps = len(tok.text) < 4 or self.lex.orgs.entry_at(self.tokens, i)
        if len(tok.text) > 1 and tok.is_all_caps and not self.upper and short_caps:
            return False
        if "-" in tok.text and any(self._place_or_org(p) for p in tok.text.split("-")):
            return False
        return not self.lex.orgs.entry_at(self.tokens, i, self.upper)

    def _name_final_title(self, i: int) -> bool:
        """ "Lukman Hakim mengatakan": a title word closing a name, with no office reading."""
        prev = self.tokens[i - 1] if i else None
        nxt = self.tokens[i + 1] if i + 1 < len(self.tokens) else None
        return (
            prev is not None
            and prev.is_word
            and prev.is_upper_initial
            and not self.lex.is_title_word(prev)
            and (nxt is None or not nxt.is_upper_initial or not nxt.is_word)
        )

    def _place_or_org(self, word: str) -> bool:
        return self.lex.orgs.is_org_word(word) or bool(self.lex.regions.find(word))

    def _skip_initial_dot(self, i: int) -> int:
        tok = self.tokens[i - 1]
        if i < len(self.tokens) and self.tokens[i].text == "." and len(tok.text) == 1:
            return i + 1
        return i

    # -- reading -------------------------------------------------------------------------

    def read_right(self, k: int, entities: dict[int, int] | None = None) -> NameSpan | None:
        """The name starting at token ``k`` (after an office), or None."""
        tokens = self.tokens
        ev_first = k
        separated = False
        if k < len(tokens) and tokens[k].text == ",":
            k += 1
            separated = True
        while k < len(tokens):
            rank = self.lex.ranks.match(tokens, k)
            if rank:
                k = rank[0]
                separated = True
                if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 1].key == "purn":
                    k += 3
                continue
            break
        honorifics, k = self._honorifics(k)
        separated = separated or bool(honorifics)
        if entities and k < len(tokens) and tokens[k].start in entities:
            end_char = entities[tokens[k].start]
            last = k
            while last < len(tokens) and tokens[last].end <= end_char:
                last += 1
            return self._finish(k, last, ev_first, honorifics, separated=True)
        if k < len(tokens) and self.lex.orgs.is_vocab(tokens[k]):
            return None  # "Kepala BBMKG Wilayah ...": the institution goes on
        last = k
        while last < len(tokens) and last - k < MAX_NAME_TOKENS:
            if self.is_name_token(last):
                last = self._skip_initial_dot(last + 1)
            elif (
                tokens[last].key in self.lex.particles and last > k and self.is_name_token(last + 1)
            ):
                last += 1
            else:
                break
        if last == k:
            return None
        if not separated and self.lex.orgs.is_vocab(tokens[last - 1]):
            return None  # "... Pemagangan Luar Negeri": still the institution
        return self._finish(k, last, ev_first, honorifics, separated)

    def _honorifics(self, k: int) -> tuple[list[str], int]:
        found: list[str] = []
        while k < len(self.tokens):
            hit = self.lex.before.match(self.tokens, k)
            if not hit:
                break
            nxt = self._after_dot(hit[0])
            if not (self.is_name_token(nxt) or self.lex.before.match(self.tokens, nxt)):
                break
            found.append(
                " ".join(t.text for t in self.tokens[k : hit[0]])
                + ("." if self._dot(hit[0]) else "")
            )
            k = self._after_dot(hit[0])
        return found, k

    def _dot(self, i: int) -> bool:
        return i < len(self.tokens) and self.tokens[i].text == "."

    def _after_dot(self, i: int) -> int:
        return i + 1 if self._dot(i) else i

    def _finish(
        self, first: int, last: int, ev_first: int, honorifics: list[str], separated: bool
    ) -> NameSpan:
        span = NameSpan(first, last, ev_first, last, list(honorifics), separated)
        k = last
        while k + 1 < len(self.tokens) and self.tokens[k].text == ",":
            hit = self.lex.after.match(self.tokens, k + 1)
            if not hit:
                break
            span.honorifics.append(
                " ".join(t.text for t in self.tokens[k + 1 : hit[0]])
                + ("." if self._dot(hit[0]) else "")
            )
            k = self._after_dot(hit[0])
        return span

    def read_left(self, end: int) -> NameSpan | None:
        """The name whose last token is ``end - 1`` (before ", Ketua ..." or "selaku ...")."""
        first = end
        while first - 1 >= 0 and end - first < MAX_NAME_TOKENS:
            i = first - 1
            if self.tokens[i].text == "." and i >= 1 and len(self.tokens[i - 1].text) == 1:
                i -= 1
            if self.is_name_token(i) or (
                self.tokens[i].key in self.lex.particles
                and self.is_name_token(i - 1)
                and first < end
            ):
                first = i
            else:
                break
        if first == end:
            return None
        before = self.tokens[first - 1] if first else None
        if (
            before is not None
            and before.is_word
            and before.is_upper_initial
            and not self._title_before(first)
        ):
            return None  # "Ketua FKK Sibolga-Tapteng, ...": bounded by another capitalised word
        words = [t for t in self.tokens[first:end] if t.is_word]
        if self.lex.orgs.is_org_word(words[0].text) or self.lex.orgs.is_org_word(words[-1].text):
            return None
        region = self.lex.regions.match_at(self.tokens, first, upper=self.upper)
        if region and region.last >= end:
            return None
        honorifics: list[str] = []
        ev_first = first
        hit = self._honorific_before(first)
        if hit is not None:
            ev_first, honor = hit
            honorifics.append(honor)
        return NameSpan(first, end, ev_first, end, honorifics, separated=True)

    def _title_before(self, first: int) -> bool:
        """A rank or honorific ends right before token ``first``."""
        for n in (4, 3, 2, 1):
            start = first - n
            if start >= 0:
                for table in (self.lex.ranks, self.lex.before):
                    hit = table.match(self.tokens, start)
                    if hit and self._after_dot(hit[0]) == first:
                        return True
        return False

    def _honorific_before(self, first: int) -> tuple[int, str] | None:
        for n in (3, 2, 1):
            start = first - n
            if start < 0:
                continue
            hit = self.lex.before.match(self.tokens, start)
            if hit and self._after_dot(hit[0]) == first:
                return start, " ".join(t.text for t in self.tokens[start:first])
        return None
