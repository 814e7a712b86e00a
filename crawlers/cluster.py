"""Near-duplicate clustering of syndicated stories (SimHash over word 3-gram shingles).

One ANTARA release republished by many outlets becomes one cluster. Every article gets a
``cluster_id`` (stable: the id of the cluster's first stored member) and an ``original_id``
(the member published earliest; ANTARA wins ties). Rules, in order:

1. the same ``content_hash`` as a stored article from another URL: same cluster (exact copy);
2. a SimHash within ``MAX_DISTANCE`` bits of a stored article published within
   ``WINDOW_DAYS`` days: same cluster (near copy). Texts under ``MIN_TOKENS`` words (feed
   teasers) only cluster by rule 1: a short text's SimHash is too noisy;
3. otherwise a new cluster.

Candidates are found with 8 bands of 8 bits: two fingerprints that differ in at most 7 bits
share at least one whole band (pigeonhole), so no pair within the threshold is missed.
"""

from __future__ import annotations

import hashlib
import logging
import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np

from crawlers.state import CrawlState
from crawlers.text.dateline import split_dateline
from store.records import Article

log = logging.getLogger(__name__)

MAX_DISTANCE = 7  # bits of 64; measured in tests/crawlers/test_cluster.py
MIN_TOKENS = 40
WINDOW_DAYS = 3
_TOKEN = re.compile(r"\w+", re.UNICODE)
_BANDS = 8


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text.lower())


def simhash(text: str) -> int:
    """64-bit SimHash of the word 3-grams of ``text`` (unigrams for very short texts)."""
    words = tokens(text)
    n = 3 if len(words) >= 3 else 1
    shingles = {" ".join(words[i : i + n]) for i in range(len(words) - n + 1)}
    if not shingles:
        return 0
    digests = b"".join(hashlib.blake2b(s.encode(), digest_size=8).digest() for s in shingles)
    bits = np.unpackbits(np.frombuffer(digests, dtype=np.uint8)).reshape(-1, 64)
    votes = bits.sum(axis=0, dtype=np.int64) * 2 > len(shingles)
    return int.from_bytes(np.packbits(votes).tobytes(), "big")


def distance(a: int, b: int) -> int:
    return (a ^ b).bit_count()


def fingerprint_text(article: Article) -> str:
    """The text that identifies a story: the body without its dateline (outlets rewrite
    "Jakarta (ANTARA) -" as "Jakarta -"), or title and summary when there is no body."""
    _dateline, body = split_dateline(article.body or "")
    return (
        body if len(tokens(body)) >= MIN_TOKENS else f"{article.title}\n{article.summary or body}"
    )


def is_antara(source: str) -> bool:
    return source == "antara" or source.startswith("antara_")


@dataclass
class Assignment:
    cluster_id: str
    original_id: str
    how: str  # "new", "exact", "near", "same" (unchanged article)
    relabel: list[str] = field(default_factory=list)  # members whose original changed


def _signed(value: int) -> int:
    return value - (1 << 64) if value >= 1 << 63 else value


def _bands(value: int) -> list[int]:
    return [(value >> (8 * i)) & 0xFF for i in range(_BANDS)]


class Clusterer:
    def __init__(self, state: CrawlState) -> None:
        self.conn = state.conn
        self.lock = state.lock

    def assign(self, article: Article) -> Assignment:
        when = article.published_at or article.fetched_at
        text = fingerprint_text(article)
        fp = simhash(text)
        old = self.conn.execute(
            "SELECT cluster_id, content_hash FROM fingerprints WHERE article_id = ?",
            (article.id,),
        ).fetchone()
        if old is not None and old["content_hash"] == article.content_hash:
            original = self._original_of(old["cluster_id"])
            return Assignment(old["cluster_id"], original or article.id, "same")
        cluster_id, how = self._match(article, fp, when, long=len(tokens(text)) >= MIN_TOKENS)
        with self.lock:
            self.conn.execute(
                "INSERT OR REPLACE INTO fingerprints VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article.id, cluster_id, article.source, when.isoformat(), _signed(fp),
                 article.content_hash, *_bands(fp)),
            )  # fmt: skip
        return self._elect(cluster_id, article, how)

    def _match(self, article: Article, fp: int, when: datetime, long: bool) -> tuple[str, str]:
        row = self.conn.execute(
            "SELECT cluster_id FROM fingerprints WHERE content_hash = ? AND article_id != ? "
            "LIMIT 1",
            (article.content_hash, article.id),
        ).fetchone()
        if row is not None:
            return row["cluster_id"], "exact"
        if not long:
            return article.id, "new"
        lo = (when - timedelta(days=WINDOW_DAYS)).isoformat()
        hi = (when + timedelta(days=WINDOW_DAYS)).isoformat()
        bands = " OR ".join(f"b{i} = ?" for i in range(_BANDS))
        rows = self.conn.execute(
            f"SELECT cluster_id, simhash FROM fingerprints WHERE ({bands}) "
            "AND day BETWEEN ? AND ? AND article_id != ?",
            (*_bands(fp), lo, hi, article.id),
        ).fetchall()
        best = min(rows, key=lambda r: distance(fp, r["simhash"] & (2**64 - 1)), default=None)
        if best is not None and distance(fp, best["simhash"] & (2**64 - 1)) <= MAX_DISTANCE:
            return best["cluster_id"], "near"
        return article.id, "new"

    def _original_of(self, cluster_id: str) -> str | None:
        row = self.conn.execute(
            "SELECT original_id FROM clusters WHERE cluster_id = ?", (cluster_id,)
        ).fetchone()
        return row["original_id"] if row else None

    def _elect(self, cluster_id: str, article: Article, how: str) -> Assignment:
        """The original is the earliest published member; ANTARA wins ties."""
        members = self.conn.execute(
            "SELECT article_id, source, day FROM fingerprints WHERE cluster_id = ?", (cluster_id,)
        ).fetchall()
        best = min(members, key=lambda m: (m["day"], not is_antara(m["source"]), m["article_id"]))
        original = best["article_id"]
        previous = self._original_of(cluster_id)
        relabel: list[str] = []
        if previous != original:
            with self.lock:
                self.conn.execute(
                    "INSERT OR REPLACE INTO clusters VALUES (?, ?)", (cluster_id, original)
                )
            if previous is not None:
                relabel = [m["article_id"] for m in members if m["article_id"] != article.id]
        return Assignment(cluster_id, original, how, relabel)
