"""The analyst pages in a real headless Chromium against a live Pantau on 127.0.0.1."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import shot

pytestmark = pytest.mark.browser


def test_search_facet_and_article(page: Any) -> None:
    page.goto("/")
    page.fill("input[name=q]", "Bawaslu")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"q=Bawaslu"))
    total = page.text_content("p.total") or ""
    assert int(total.split()[0]) > 1
    assert page.locator("li.hit mark").count() > 0  # highlighted matches
    assert page.locator("figure.histogram rect").count() > 0
    shot(page, "search")

    # A facet click narrows the results and is saved in the URL.
    facet = page.locator("section.facet[data-facet=violation] li a").first
    label = facet.text_content()
    facet.click()
    page.wait_for_url(re.compile(r"violation="))
    narrowed = int((page.text_content("p.total") or "0").split()[0])
    assert 0 < narrowed < int(total.split()[0])
    assert page.locator("section.facet[data-facet=violation] li.on a").first.text_content() == label
    assert "_" not in (label or "")  # shown in Indonesian, not as a slug
    shot(page, "search-facet")

    # Open an article: entities and evidence are marked inline.
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/artikel/"))
    assert page.locator("article h1").count() == 1
    assert page.locator("article span.ent-org, article span.ent-per").count() > 0
    shot(page, "article")


def test_date_range_and_next_page(page: Any) -> None:
    page.goto("/?sort=date&size=5")
    assert page.locator("li.hit").count() == 5
    first_titles = page.locator("li.hit h2").all_text_contents()
    page.click("a.next")
    page.wait_for_url(re.compile(r"cursor="))
    assert not set(page.locator("li.hit h2").all_text_contents()) & set(first_titles)
    page.goto("/")
    page.fill("input[name=date_from]", "2099-01-01")
    page.click("form.search button[type=submit]")
    page.wait_for_url(re.compile(r"date_from=2099-01-01"))
    assert (page.text_content("p.total") or "").startswith("0 artikel")


def test_alert_from_a_search(page: Any) -> None:
    page.goto("/?q=politik+uang")
    page.click("a.alert-link")
    page.wait_for_url(re.compile(r"/langganan/baru"))
    assert page.input_value("input[name=query]") == "politik uang"
    page.fill("input[name=name]", "Politik uang (uji peramban)")
    page.select_option("select[name=frequency]", "daily")
    shot(page, "subscription-form")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("a.feed-url")
    assert "/feeds/" in (page.get_attribute("a.feed-url", "href") or "")
    page.goto("/langganan")
    row = page.locator("tr", has_text="Politik uang (uji peramban)")
    assert row.locator("td.state").text_content() == "aktif"
    row.locator("button", has_text="Jeda").click()
    page.wait_for_url(re.compile(r"/langganan$"))
    row = page.locator("tr", has_text="Politik uang (uji peramban)")
    assert row.locator("td.state").text_content() == "dijeda"
    shot(page, "subscriptions")
    row.locator("button", has_text="Hapus").click()
    page.wait_for_url(re.compile(r"/langganan$"))
    assert page.locator("tr", has_text="Politik uang (uji peramban)").count() == 0


def test_official_entity_page_and_violations_dashboard(page: Any) -> None:
    page.goto("/?q=Bawaslu+Probolinggo")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/artikel/"))
    page.locator("ul.officials a").first.click()
    page.wait_for_url(re.compile(r"/entitas/ent_"))
    assert page.locator("table.positions tbody tr").count() >= 1
    assert page.locator("ul.aliases li").count() >= 1
    shot(page, "entity")

    page.goto("/pelanggaran")
    panel = page.locator("section[data-panel=violation] a").first
    label = panel.text_content() or ""
    shot(page, "violations-dashboard")
    panel.click()
    page.wait_for_url(re.compile(r"/pelanggaran/bukti\?category="))
    rows = page.locator("table.violations tbody tr")
    assert rows.count() >= 1
    assert all(label in (t or "") for t in rows.locator("td:nth-child(2)").all_text_contents())
    shot(page, "violations-evidence")
