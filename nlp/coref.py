"""Within-article coreference of names: a later "Arfan" is the "Arfan Syamsuddin" the article
introduced, "AHY" is "Agus Harimurti Yudhoyono", "Bawaslu" is the body the organizations
output names.

``link_names(entities, organizations)`` sets ``canonical`` on PER and ORG entity dicts:

- PER: the longest PER mention of the article whose words contain all of this mention's
  words in order ("Arfan" → "Arfan Syamsuddin", "Muh. Arfan" stays when two candidates fit),
  or whose initials spell an all-capital mention ("AHY"). Only a unique longest candidate is
  taken; otherwise the mention is its own canonical name.
- ORG: the canonical name of the organization the organizations output gives for the same
  text (acronym or expansion).
"""

from __future__ import annotations

import re
from typing import Any

_WORD = re.compile(r"[\w']+")


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w)


def person_canonical(mention: str, names: list[str]) -> str:
    words = _words(mention)
    if not words:
        return mention
    fits = []
    for name in names:
        nw = _words(name)
        if len(nw) <= len(words):
            continue
        if _subsequence(words, nw) or (
            mention.isupper() and len(words) == 1 and _initials(nw) == words[0]
        ):
            fits.append(name)
    if not fits:
        return mention
    longest = max(len(_words(n)) for n in fits)
    best = {n for n in fits if len(_words(n)) == longest}
    return best.pop() if len(best) == 1 else mention


def link_names(entities: list[dict[str, Any]], organizations: list[dict[str, Any]]) -> None:
    """Set ``canonical`` on each PER and ORG entity dict (in place)."""
    people = [e["text"] for e in entities if e.get("label") == "PER"]
    orgs: dict[str, str] = {}
    for o in organizations:
        canonical = o.get("canonical") or o.get("name")
        for form in (o.get("name"), o.get("acronym"), canonical):
            if form and canonical:
                orgs.setdefault(form.lower(), str(canonical))
    for e in entities:
        if e.get("label") == "PER":
            e["canonical"] = person_canonical(e["text"], people)
        elif e.get("label") == "ORG":
            e["canonical"] = orgs.get(e["text"].lower(), e["text"])
