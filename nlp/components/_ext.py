"""Doc extension attributes and helpers shared by Pantau's components."""

from spacy.tokens import Doc, Span

_TEXT = "pantau.text"  # doc.user_data key of the cached text

for _name in ("officials", "organizations", "regions", "violations", "mentioned_violations",
              "denied_violations", "keywords", "quotes"):  # fmt: skip
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


def entity_dicts(ents: list[Span]) -> list[dict]:
    return [
        {"text": e.text, "label": e.label_, "start": e.start_char, "end": e.end_char} for e in ents
    ]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once per doc.

    ``Doc.text`` joins every token's text on each access, and each rule component reads it;
    a doc's text never changes, so it is kept in ``doc.user_data``. The cached value is only
    trusted when its length matches the doc's (a doc built from a span may copy user data).
    """
    text = doc.user_data.get(_TEXT)
    length = doc[-1].idx + len(doc[-1].text_with_ws) if len(doc) else 0
    if not isinstance(text, str) or len(text) != length:
        text = doc.text
        doc.user_data[_TEXT] = text
    return text
