"""Read the annotation pool and our stand-off labels.

The pool (``$PANTAU_SHARED_DATA/pool/*.jsonl``) holds the texts; the project keeps only ids,
offsets and labels under ``annotations/``. Everything here joins the two at run time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations"

POOL_FILES = (
    "headlines_pilpres2024.jsonl",
    "election_news_2018_2024.jsonl",
    "sentences_news2025.jsonl",
    "rss_items_2026.jsonl",
)


def shared_data() -> Path:
    """``$PANTAU_SHARED_DATA`` or ``../shared/data`` next to the checkout."""
    env = os.environ.get("PANTAU_SHARED_DATA")
    return Path(env) if env else REPO.parent / "shared" / "data"


def pool_dir(root: Path | None = None) -> Path:
    path = (root or shared_data()) / "pool"
    if not path.is_dir():
        raise FileNotFoundError(f"annotation pool not found at {path}; set PANTAU_SHARED_DATA")
    return path


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                yield json.loads(line)


def write_jsonl(path: Path, records: Iterable[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    with path.open("w", encoding="utf-8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
    return n


def load_pool(files: Iterable[str] = POOL_FILES, root: Path | None = None) -> dict[str, dict]:
    """Every pool item by id (ids are unique across the pool files)."""
    base = pool_dir(root)
    items: dict[str, dict] = {}
    for name in files:
        path = base / name
        if path.exists():
            for item in read_jsonl(path):
                items[item["id"]] = item
    return items


def articles(root: Path | None = None) -> list[dict]:
    """Whole articles of ``sentences_news2025.jsonl``: the sentences of one id prefix
    (``D001-001``, ``D001-002`` ... → ``D001``) in id order, joined by single spaces. Quote
    annotations are offsets into this text."""
    groups: dict[str, list[dict]] = {}
    for item in read_jsonl(pool_dir(root) / "sentences_news2025.jsonl"):
        groups.setdefault(item["id"].rsplit("-", 1)[0], []).append(item)
    out = []
    for aid in sorted(groups):
        sents = sorted(groups[aid], key=lambda x: x["id"])
        out.append(
            {
                "id": aid,
                "text": " ".join(s["text"] for s in sents),
                "title": sents[0].get("article_title"),
                "sentences": len(sents),
            }
        )
    return out


def load_labels(task: str, passes: Iterable[str] = ("A",)) -> dict[str, dict]:
    """Labels of one task (``violations``, ``entities``) by pool id.

    Later passes in ``passes`` override earlier ones, so ``("A", "adjudicated")`` gives the
    adjudicated label where there is one.
    """
    out: dict[str, dict] = {}
    for p in passes:
        folder = ANNOTATIONS / task / p
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.jsonl")):
            for rec in read_jsonl(path):
                out[rec["id"]] = rec
    return out


def frozen_ids(task: str) -> set[str]:
    """The frozen test split of a task (never trained on, never tuned against)."""
    ids: set[str] = set()
    for path in sorted((ANNOTATIONS / task).glob("test_ids*.txt")):
        ids |= {line.strip() for line in path.read_text(encoding="utf-8").split() if line.strip()}
    return ids
