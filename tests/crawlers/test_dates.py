"""Indonesian date parsing: every result is timezone-aware UTC, or None."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from crawlers.text.dates import find_text_dates, parse_date, parse_relative

NOW = datetime(2024, 2, 14, 5, 30, tzinfo=UTC)  # Rabu, 14 Februari 2024 12:30 WIB


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Senin, 12 Februari 2024 10:00 WIB", datetime(2024, 2, 12, 3, 0)),
        ("Senin, 12 Februari 2024 10:00 WITA", datetime(2024, 2, 12, 2, 0)),
        ("Senin, 12 Februari 2024 10:00 WIT", datetime(2024, 2, 12, 1, 0)),
        ("Jum'at, 17 Februari 2017 - 13:30 wib", datetime(2017, 2, 17, 6, 30)),
        ("Selasa, 16 Februari 2016 | 14:38 WIB", datetime(2016, 2, 16, 7, 38)),
        ("Kamis, 5 Des 2019 pukul 08.15 WIB", datetime(2019, 12, 5, 1, 15)),
        ("17 Agt 2023 19:45", datetime(2023, 8, 17, 12, 45)),
        ("2 Mei 2024", datetime(2024, 5, 1, 17, 0)),
        ("Wednesday, 04 November, 2015 | 07:28 WIB", datetime(2015, 11, 4, 0, 28)),
        ("November 4, 2015 07:28", datetime(2015, 11, 4, 0, 28)),
        ("12/02/2024 10:00", datetime(2024, 2, 12, 3, 0)),
        ("Selasa, 23/02/2016 15:32 WIB", datetime(2016, 2, 23, 8, 32)),
        ("2024-02-12T10:00:00+07:00", datetime(2024, 2, 12, 3, 0)),
        ("2016-02-16T13:01:52+0700", datetime(2016, 2, 16, 6, 1, 52)),
        ("2016-02-16 09:10:56", datetime(2016, 2, 16, 2, 10, 56)),
        ("2024-02-12T03:00:00Z", datetime(2024, 2, 12, 3, 0)),
        ("Sun, 28 Aug 2022 21:39:36 +0700", datetime(2022, 8, 28, 14, 39, 36)),
        ("Mon, 12 Feb 2024 03:00:00 GMT", datetime(2024, 2, 12, 3, 0)),
    ],
)
def test_absolute_dates(text: str, expected: datetime) -> None:
    parsed = parse_date(text)
    assert parsed == expected.replace(tzinfo=UTC)
    assert parsed is not None and parsed.tzinfo == UTC


@pytest.mark.parametrize(
    "text", [None, "", "   ", "tanpa tanggal", "31 Februari 2024", "99/99/2024"]
)
def test_no_date(text: str | None) -> None:
    assert parse_date(text, now=NOW) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("26 menit lalu", datetime(2024, 2, 14, 5, 4)),
        ("2 jam yang lalu", datetime(2024, 2, 14, 3, 30)),
        ("3 hari lalu", datetime(2024, 2, 11, 5, 30)),
        ("sejam lalu", datetime(2024, 2, 14, 4, 30)),
        ("1 minggu lalu", datetime(2024, 2, 7, 5, 30)),
        ("baru saja", datetime(2024, 2, 14, 5, 30)),
        ("kemarin 19:05", datetime(2024, 2, 13, 12, 5)),
        ("Kemarin", datetime(2024, 2, 13, 5, 30)),
        ("5 minutes ago", datetime(2024, 2, 14, 5, 25)),
    ],
)
def test_relative_dates(text: str, expected: datetime | None) -> None:
    want = expected.replace(tzinfo=UTC) if expected else None
    assert parse_relative(text, NOW) == want
    assert parse_date(text, now=NOW) == want


def test_relative_needs_aware_result_with_naive_now() -> None:
    parsed = parse_relative("10 menit lalu", datetime(2024, 2, 14, 12, 30))  # naive = WIB
    assert parsed == datetime(2024, 2, 14, 5, 20, tzinfo=UTC)


def test_dates_inside_body_text_take_the_year_from_the_reference() -> None:
    text = "Rapat pleno digelar Rabu (21/6) dan dilanjutkan Kamis (22/6) malam."
    ref = datetime(2023, 6, 23, 2, 0, tzinfo=UTC)
    assert find_text_dates(text, ref) == [
        datetime(2023, 6, 20, 17, 0, tzinfo=UTC),
        datetime(2023, 6, 21, 17, 0, tzinfo=UTC),
    ]


def test_body_date_across_new_year_and_explicit_year() -> None:
    ref = datetime(2024, 1, 2, tzinfo=UTC)
    assert find_text_dates("Jumat (29/12) lalu", ref) == [datetime(2023, 12, 28, 17, tzinfo=UTC)]
    assert find_text_dates("Selasa (23/2/2016)", ref) == [datetime(2016, 2, 22, 17, tzinfo=UTC)]
    assert find_text_dates("tanpa tanggal (21/6)", ref) == []
