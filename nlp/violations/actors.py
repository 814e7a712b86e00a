"""Cheap actor spotting in an evidence sentence: known bodies, candidates and capitalised names."""

from __future__ import annotations

import logging
import re

from nlp.keywords import compile_pattern
from nlp.morphology import tokenize
from nlp.violations.lexicon import Lexicon

log = logging.getLogger(__name__)

_REGION_HEADS = frozenset(
    str.split("ri kabupaten kab kota provinsi prov kecamatan kec pusat daerah dki diy jabar jateng")
)
_STOP = frozenset(
    str.split(
        """
        di ke dari dan yang untuk pada dengan soal terkait usai jelang saat ini itu akan bakal
        oleh dalam atas tak tidak belum juga pun agar
        """
    )
)


def _title_case(text: str) -> bool:
    words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if w.lower() not in _STOP]
    return bool(words) and sum(w[0].isupper() for w in words) / len(words) > 0.6


class ActorFinder:
    def __init__(self, lexicon: Lexicon) -> None:
        self.known = compile_pattern("@AUTHORITY|@ELECTION_BODY|@PARTY|@CANDIDATE", lexicon.sets)

    def find(self, sentence: str) -> list[str]:
        """Actor strings found in ``sentence``, in order, without duplicates."""
        tokens = tokenize(sentence)
        actors: list[str] = []
        covered: set[int] = set()
        for i, j in self.known.finditer(tokens):
            if i in covered or not tokens[i].text[:1].isupper():
                continue
            while j < len(tokens) and tokens[j].text.lower() in _REGION_HEADS:
                j += 1
                if j < len(tokens) and tokens[j].text[:1].isupper():
                    j += 1
            covered.update(range(i, j))
            actors.append(sentence[tokens[i].start : tokens[j - 1].end])
        if not _title_case(sentence):
            actors.extend(self._names(sentence, tokens, covered))
        return list(dict.fromkeys(actors))

    @staticmethod
    def _names(sentence: str, tokens: list, covered: set[int]) -> list[str]:
        names, run = [], []
        for k, tok in enumerate([*tokens, None]):
            ok = (
                tok is not None
                and k > 0
                and k not in covered
                and tok.text[:1].isupper()
                and tok.text.lower() not in _STOP
            )
            if ok:
                run.append(tok)
                continue
            if len(run) >= 2:
                names.append(sentence[run[0].start : run[-1].end])
            run = []
        return names
