"""Per-outlet accuracy of the article parsers on the saved pages in ../shared/data/news/html.

    python -m crawlers.parsers.evaluate [--pages]

Prints, per outlet: pages, title exact, date exact, mean body token F1 and pages with
F1 >= 0.95, plus the extraction path counts. Expected values are read as transcribed in the
shared data (the anpandu values carry JavaScript escapes, "\\\\n" and "\\\\'", which are undone).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

log = logging.getLogger(__name__)

REPO_ROOT = Path(__file__).resolve().parents[2]
_ANPANDU = "anpandu_indonesian-news-scraper_2015-2017"
_TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass
class Case:
    outlet: str
    path: Path
    url: str
    title: str
    published_at: datetime
    body: str | None
    author: str | None

    @property
    def id(self) -> str:
        return f"{self.outlet}/{self.path.name}"


def shared_data_dir() -> Path:
    return Path(os.environ.get("PANTAU_SHARED_DATA") or REPO_ROOT.parent / "shared" / "data")


def _unescape_js(text: str) -> str:
    return re.sub(r"\\(.)", lambda m: "\n" if m[1] == "n" else m[1], text)


def load_cases(data_dir: Path | None = None) -> list[Case]:
    """Every saved article page that has expected values."""
    html_dir = (data_dir or shared_data_dir()) / "news" / "html"
    cases: list[Case] = []
    anpandu = html_dir / _ANPANDU
    for rel, exp in json.loads((anpandu / "expected_values.json").read_text("utf-8")).items():
        if "content" not in exp:
            continue
        folder = rel.split("/")[0]
        cases.append(Case(
            outlet="tempo" if folder == "tempo-english" else folder, path=anpandu / rel,
            url=exp["url"], title=_unescape_js(exp["title"]),
            published_at=datetime.fromtimestamp(exp["date"] / 1000, UTC),
            body=_unescape_js(exp["content"]), author=None,
        ))  # fmt: skip
    rojak = html_dir / "rojak_metrotvnews_2016_pilkada"
    exp = json.loads((rojak / "expected_values.json").read_text("utf-8"))
    article = exp["metrotvnews_sample_article.html"]
    cases.append(Case(
        outlet="metrotvnews", path=rojak / "metrotvnews_sample_article.html", url=article["url"],
        title=article["title"], published_at=datetime.fromisoformat(article["published_at_utc"]),
        body=None, author=article["author_name"],
    ))  # fmt: skip
    fundus = html_dir / "fundus_mediaindonesia_2025-2026"
    for expected in sorted(fundus.glob("*.expected.json")):
        stem = expected.name.removesuffix(".expected.json")
        value = json.loads(expected.read_text("utf-8"))["V1"]
        meta = json.loads((fundus / f"{stem}.meta.json").read_text("utf-8"))
        paragraphs = [
            text for section in value["body"]["sections"]
            for text in (*section["headline"], *section["paragraphs"])
        ]  # fmt: skip
        cases.append(Case(
            outlet="mediaindonesia", path=fundus / f"{stem}.html",
            url=next(iter(meta.values()))["url"], title=value["title"],
            published_at=datetime.fromisoformat(value["publishing_date"]).astimezone(UTC),
            body="\n\n".join(paragraphs), author=", ".join(value["authors"]) or None,
        ))  # fmt: skip
    return cases


def token_f1(predicted: str, expected: str) -> float:
    """Bag-of-tokens F1 (lowercased word tokens, counted with multiplicity)."""
    pred = Counter(t.lower() for t in _TOKEN_RE.findall(predicted))
    gold = Counter(t.lower() for t in _TOKEN_RE.findall(expected))
    overlap = sum((pred & gold).values())
    if not pred or not gold or not overlap:
        return float(pred == gold)
    precision, recall = overlap / sum(pred.values()), overlap / sum(gold.values())
    return 2 * precision * recall / (precision + recall)


def main() -> None:
    from crawlers.parsers import ParseError, parse_article

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", action="store_true", help="print one line per page too")
    args = parser.parse_args()
    rows: dict[str, list[tuple[bool, bool, float | None, str]]] = defaultdict(list)
    for case in load_cases():
        try:
            art = parse_article(case.path.read_bytes(), case.url)
        except ParseError as exc:
            rows[case.outlet].append((False, False, 0.0, "error"))
            print(f"{case.id}: ParseError {exc}")
            continue
        f1 = token_f1(art.body, case.body) if case.body is not None else None
        row = (art.title == case.title, art.published_at == case.published_at, f1,
               art.extraction_path)  # fmt: skip
        rows[case.outlet].append(row)
        if args.pages:
            f1_text = "-" if f1 is None else f"{f1:.3f}"
            print(f"{case.id:45} title={row[0]!s:5} date={row[1]!s:5} f1={f1_text} "
                  f"{art.extraction_path} {art.language}")  # fmt: skip
    print(f"{'outlet':15} {'pages':>5} {'title':>6} {'date':>5} {'meanF1':>7} {'>=.95':>6}  paths")
    for outlet, items in sorted(rows.items()):
        f1s = [r[2] for r in items if r[2] is not None]
        mean = f"{sum(f1s) / len(f1s):.3f}" if f1s else "-"
        paths = dict(Counter(r[3] for r in items))
        titles, dates = sum(r[0] for r in items), sum(r[1] for r in items)
        good = sum(f >= 0.95 for f in f1s)
        print(f"{outlet:15} {len(items):5} {titles:6} {dates:5} {mean:>7} {good:6}  {paths}")


if __name__ == "__main__":
    main()
