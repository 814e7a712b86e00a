"""Near-duplicate clustering: SimHash distances on Indonesian news text and cluster rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from crawlers.cluster import MAX_DISTANCE, Clusterer, distance, simhash
from crawlers.state import CrawlState
from store.records import Article

STORY = (
    "Komisi Pemilihan Umum (KPU) Kabupaten Probolinggo menetapkan daftar pemilih tetap untuk "
    "pemilihan kepala daerah sebanyak 870.000 orang yang tersebar di 24 kecamatan. Ketua KPU "
    "setempat mengatakan penetapan dilakukan dalam rapat pleno terbuka yang dihadiri Bawaslu, "
    "perwakilan partai politik dan tim pasangan calon. Menurut dia, jumlah pemilih bertambah "
    "dibandingkan pemilihan sebelumnya karena banyak pemilih pemula yang baru berusia 17 tahun. "
    "Bawaslu meminta KPU memastikan warga yang pindah domisili tidak terdaftar dua kali dan "
    "mengingatkan aparatur sipil negara agar menjaga netralitas selama masa kampanye. Rapat "
    "pleno juga menetapkan jumlah tempat pemungutan suara sebanyak 2.450 TPS di seluruh desa."
)
OTHER = (
    "Harga cabai rawit di pasar tradisional Kota Malang naik tajam menjelang akhir pekan karena "
    "pasokan dari petani di lereng Gunung Arjuno berkurang akibat hujan deras. Pedagang mengaku "
    "pembeli mulai mengurangi belanja dan beralih ke cabai kering yang harganya lebih stabil. "
    "Dinas perdagangan setempat berjanji menggelar operasi pasar bersama Bulog untuk menekan "
    "harga dan memastikan stok bahan pokok lain seperti beras, gula dan minyak goreng aman "
    "hingga akhir bulan. Petani berharap cuaca segera membaik agar panen tidak gagal lagi."
)
T = datetime(2024, 2, 13, 3, 0, tzinfo=UTC)


def edited(text: str) -> str:
    """How outlets republish an ANTARA release: their own dateline, a "Baca juga" line, one
    word changed."""
    body = text.replace("870.000 orang", "870 ribu orang")
    return f"Probolinggo - {body}\n\nBaca juga: Bawaslu awasi kampanye"


def article(url: str, source: str, body: str, when: datetime = T, title: str = "") -> Article:
    return Article(url=url, source=source, title=title or url, body=body, published_at=when)


def test_simhash_separates_copies_from_other_stories() -> None:
    near = distance(simhash(STORY), simhash(edited(STORY)))
    far = distance(simhash(STORY), simhash(OTHER))
    assert near <= MAX_DISTANCE < far
    assert simhash(STORY) == simhash(STORY.upper())  # case does not matter


def test_syndicated_copies_form_one_cluster_with_antara_as_original() -> None:
    clusterer = Clusterer(CrawlState())
    # The outlet's copy arrives first; ANTARA's release, published at the same minute, later.
    copy = clusterer.assign(article("https://kompas.example/a", "kompas", edited(STORY)))
    assert copy.how == "new" and copy.original_id == article("https://kompas.example/a", "k", "").id
    orig = article(
        "https://www.antaranews.com/berita/1/a",
        "antara_jatim",
        f"Probolinggo, Jawa Timur (ANTARA) - {STORY}",
    )
    found = clusterer.assign(orig)
    assert found.how == "near" and found.cluster_id == copy.cluster_id
    assert found.original_id == orig.id  # ANTARA wins the tie
    assert found.relabel == [article("https://kompas.example/a", "k", "").id]
    exact = clusterer.assign(
        article(
            "https://detik.example/b", "detik", orig.body, T + timedelta(hours=1), title=orig.title
        )
    )
    assert (
        exact.how == "exact"
        and exact.cluster_id == copy.cluster_id
        and exact.original_id == orig.id
    )
    other = clusterer.assign(article("https://kompas.example/c", "kompas", OTHER))
    assert other.how == "new" and other.cluster_id != copy.cluster_id


def test_earliest_publication_is_the_original_and_old_stories_do_not_match() -> None:
    clusterer = Clusterer(CrawlState())
    first = clusterer.assign(article("https://a.example/1", "tempo", STORY, T + timedelta(hours=2)))
    earlier = article("https://b.example/2", "detik", edited(STORY), T)
    assert clusterer.assign(earlier).original_id == earlier.id  # published earlier than tempo's
    month_later = clusterer.assign(
        article("https://c.example/3", "viva", STORY, T + timedelta(days=30))
    )
    assert month_later.how == "new" and month_later.cluster_id != first.cluster_id


def test_short_teasers_only_cluster_when_identical() -> None:
    clusterer = Clusterer(CrawlState())
    teaser = "KPU Probolinggo menetapkan daftar pemilih tetap."
    one = clusterer.assign(article("https://a.example/1", "a", teaser, title="DPT"))
    assert (
        clusterer.assign(
            article("https://b.example/1", "b", teaser + " Baca selengkapnya.", title="DPT")
        ).how
        == "new"
    )
    assert (
        clusterer.assign(article("https://c.example/1", "c", teaser, title="DPT")).cluster_id
        == one.cluster_id
    )


def test_reassigning_an_unchanged_article_keeps_its_cluster() -> None:
    clusterer = Clusterer(CrawlState())
    a = article("https://a.example/1", "a", STORY)
    first = clusterer.assign(a)
    again = clusterer.assign(a)
    assert again.how == "same" and again.cluster_id == first.cluster_id


def _feed(items: list[tuple[str, str, str, str]]) -> str:
    rows = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate>"
        f"<description><![CDATA[{body}]]></description></item>"
        for title, link, date, body in items
    )
    return f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>x</title>{rows}</channel></rss>'


def test_a_story_carried_by_two_outlets_is_one_cluster_in_the_store(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from crawlers.localserver import LocalSite
    from tests.crawlers.crawling import crawl, open_result, source, write_sources

    antara = "https://jatim.antaranews.com/berita/100/kpu-probolinggo-tetapkan-dpt"
    kompas = "https://regional.kompas.com/read/2024/02/13/1/kpu-probolinggo-tetapkan-dpt"
    detik = "https://news.detik.com/berita/d-1/kpu-probolinggo-tetapkan-dpt"
    with LocalSite() as site:
        site.add("https://jatim.antaranews.com/rss/terkini.xml", _feed([
            ("KPU Probolinggo tetapkan DPT", antara, "Tue, 13 Feb 2024 10:00:00 +0700", f"Probolinggo (ANTARA) - {STORY}"),
        ]))  # fmt: skip
        site.add("https://regional.kompas.com/rss", _feed([
            ("DPT Pilkada Probolinggo 870 Ribu", kompas, "Tue, 13 Feb 2024 10:00:00 +0700", edited(STORY)),
            ("Harga cabai naik", "https://regional.kompas.com/read/2024/02/13/2/cabai", "Tue, 13 Feb 2024 11:00:00 +0700", OTHER),
        ]))  # fmt: skip
        site.add("https://news.detik.com/rss", _feed([
            ("KPU Probolinggo tetapkan DPT", detik, "Tue, 13 Feb 2024 12:00:00 +0700", f"Probolinggo (ANTARA) - {STORY}"),
        ]))  # fmt: skip
        feeds = {"antara_jatim": "https://jatim.antaranews.com/rss/terkini.xml",
                 "kompas": "https://regional.kompas.com/rss", "detik": "https://news.detik.com/rss"}  # fmt: skip
        sources = write_sources(tmp_path / "s.yaml", [
            source(name, outlet=name.split("_")[0], policy="feed_only", feeds=[url])
            for name, url in feeds.items()
        ])  # fmt: skip
        counters = crawl(tmp_path, site, sources, "--all")
    # The three feeds are fetched concurrently, so which copy arrives first varies: count
    # across sources. One copy is an exact duplicate of another, one an edited near-copy.
    exact = sum(v for k, v in counters.items() if k.endswith("/cluster_exact"))
    near = sum(v for k, v in counters.items() if k.endswith("/cluster_near"))
    assert (exact, near) == (1, 1)
    with open_result(tmp_path) as store:
        from store.records import article_id

        stored = {url: store.get_article(article_id(url)) for url in (antara, kompas, detik)}
        clusters = {a.cluster_id for a in stored.values()}  # type: ignore[union-attr]
        assert len(clusters) == 1 and None not in clusters
        assert {a.original_id for a in stored.values()} == {article_id(antara)}  # type: ignore[union-attr]
        cabai = store.get_article(article_id("https://regional.kompas.com/read/2024/02/13/2/cabai"))
        assert cabai is not None and cabai.cluster_id not in clusters
