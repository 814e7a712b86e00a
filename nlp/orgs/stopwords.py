"""Token keys that never start or continue an organization phrase."""

from __future__ import annotations

from pathlib import Path

from spacy.lang.id.stop_words import STOP_WORDS

from nlp.orgs.lexicon import get_lexicon

_FILE = Path(__file__).with_name("stopwords.txt")


def never_org() -> frozenset[str]:
    extra = {
        line.strip()
        for line in _FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    lexicon = get_lexicon()
    spacy_words = {w for w in STOP_WORDS if w not in lexicon.vocab and w not in lexicon.connectors}
    return frozenset(spacy_words | extra)
