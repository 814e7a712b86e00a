"""Doc extension attributes shared by Pantau's components."""

from spacy.tokens import Doc, Span

for _name in ("officials", "organizations", "regions", "violations", "mentioned_violations",
              "denied_violations", "keywords"):  # fmt: skip
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def entity_dicts(ents: list[Span]) -> list[dict]:
    return [
        {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char} for e in ents
    ]
