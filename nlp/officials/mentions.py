"""Position mentions: "[mantan] [Plt|Wakil ...] HEAD", with candidacy and ranks told apart.

"Bakal Calon Gubernur" is a candidacy, not an office; "Sersan Kepala" and "Inspektur Jenderal
Agus" are ranks, while "Irjen Kemendagri" is an office because an organization follows.
"""

from __future__ import annotations

from dataclasses import dataclass

from nlp.officials.lexicon import OfficialLexicon, Position
from nlp.regions.tokens import Token


@dataclass(slots=True)
class Mention:
    first: int  # first token, "mantan" and prefixes included
    head_first: int
    head_last: int  # after the head
    position: Position
    prefixes: list[str]
    former: bool
    candidate: bool

    def title(self) -> str:
        return " ".join([*self.prefixes, self.position.text])


def _org_follows(lex: OfficialLexicon, tokens: list[Token], i: int) -> bool:
    return lex.orgs.entry_at(tokens, i) is not None or lex.orgs.noun_at(tokens, i) is not None


def find_mentions(lex: OfficialLexicon, tokens: list[Token]) -> list[Mention]:
    mentions: list[Mention] = []
    i = 0
    heads = lex.mention_heads
    while i < len(tokens):
        if tokens[i].key not in heads:
            i += 1
            continue
        start = i
        candidate = former = False
        hit = lex.candidate.match(tokens, i)
        if hit:
            candidate, i = True, hit[0]
        hit = lex.former.match(tokens, i)
        if hit:
            former, i = True, hit[0]
        prefixes: list[str] = []
        while (hit := lex.prefixes.match(tokens, i)) and lex.positions.match(tokens, hit[0]):
            prefixes.append(str(hit[1]))
            i = hit[0]
        position = lex.positions.match(tokens, i)
        rank = lex.ranks.match(tokens, i)
        if position:
            end, pos = position
            assert isinstance(pos, Position)
            if (pos.needs_org and not _org_follows(lex, tokens, end)) or (rank and rank[0] > end):
                position = None
        if position is None:
            i = rank[0] if rank and not prefixes else start + 1
            continue
        end, pos = position
        assert isinstance(pos, Position)
        if not (tokens[i].is_upper_initial or tokens[i].is_lower):
            i = start + 1
            continue
        mentions.append(Mention(start, i, end, pos, prefixes, former, candidate))
        i = end
    return mentions
