"""The one search grammar every backend and the alert matcher render."""

from __future__ import annotations

import pytest

from store.base import QueryError
from store.query_syntax import Group, Words, parse, positive_words


def test_or_binds_tighter_than_the_implicit_and() -> None:
    assert parse("pemilu bawaslu OR kpu") == Group(
        include=((Words(("pemilu",)),), (Words(("bawaslu",)), Words(("kpu",)))),
    )


def test_phrases_prefixes_exclusions_and_groups() -> None:
    tree = parse('"politik uang" bawa* -kpu NOT (dkpp OR ptun)')
    assert tree.include == (
        (Words(("politik", "uang"), quoted=True),),
        (Words(("bawa",), prefix=True),),
    )
    assert tree.exclude == (
        Words(("kpu",)),
        Group(include=((Words(("dkpp",)), Words(("ptun",))),)),
    )
    assert positive_words(tree) == ("politik", "uang", "bawa")


@pytest.mark.parametrize(
    ("q", "message"),
    [("-kpu", "only excludes"), ("((( :: ^", "no searchable words"), ("a" * 1001, "longer than")],
)
def test_nothing_to_search_is_a_query_error(q: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        parse(q)
