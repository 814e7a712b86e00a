"""Draw the items to annotate from the pool, seeded and reproducible.

``python -m nlp.annotation.select violations|entities --out DIR`` writes annotation batches
(texts included, so they go to a scratch folder outside the repository, never into it), the
double-annotation sample and, the first time, the frozen test split
``annotations/<task>/test_ids.txt``.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

from nlp.annotation.pool import ANNOTATIONS, load_pool, write_jsonl

SEED = 20261205
TEST_SHARE = 0.15
DOUBLE_SHARE = 0.10

# Words that make an entities/officials sentence worth labelling: positions, unit prefixes,
# ranks, regional bodies. About two thirds of the sentences have a cue, the rest are random.
POSITION_CUES = re.compile(
    r"\b(Ketua|Wakil|Kepala|Kabid|Kabag|Kasat|Kasi|Kapol\w*|Kajari|Kajati|Kadis|Bupati|"
    r"Wali ?kota|Walkot|Gubernur|Menteri|Mendagri|Menko\w*|Wamen\w*|Direktur|Dirjen|Dir\w+|"
    r"Sekretaris|Sekda|Sekjen|Koordinator|Kordiv|Anggota|Komisioner|Camat|Lurah|Kades|"
    r"Kepala Desa|Ketum|Plt|Pj|Panglima|Kapuspen|Jubir|Juru Bicara|Rektor|Dekan|Kapolri|"
    r"Komandan|Dandim|Danrem|Pangdam|AKBP|AKP|Kompol|Iptu|Brigjen|Irjen|Kombes|"
    r"DPC|DPD|DPW|DPP|PC|PW|PAC|BEM|Bakesbangpol|Karang Taruna|Pemkab|Pemkot|Pemprov)\b"
)


def _select_violations(rng: random.Random) -> list[dict]:
    pool = load_pool(["headlines_pilpres2024.jsonl", "election_news_2018_2024.jsonl"])
    heads = [x for x in pool.values() if x["id"].startswith("H")]
    news = [x for x in pool.values() if x["id"].startswith("E")]
    rng.shuffle(heads)
    rng.shuffle(news)
    kompas = [x for x in news if x["kind"] == "headline"][:600]
    summaries = [x for x in news if x["kind"] == "summary"][:400]
    chosen = heads[:2400] + kompas + summaries
    return [
        {
            "id": x["id"],
            "text": x["text"],
            **({"factcheck": True} if x.get("factcheck") else {}),
        }
        for x in chosen
    ]


def _select_entities(rng: random.Random) -> list[dict]:
    pool = load_pool(["sentences_news2025.jsonl", "rss_items_2026.jsonl"])
    items = [x for x in pool.values() if 25 <= len(x["text"]) <= 400]
    rng.shuffle(items)
    cued = [x for x in items if POSITION_CUES.search(x["text"])]
    plain = [x for x in items if not POSITION_CUES.search(x["text"])]
    sents = [x for x in cued if x["id"].startswith("D") or "-" in x["id"]]
    rss = [x for x in cued if x["id"].startswith("R")]
    chosen = sents[:1100] + rss[:900] + plain[:1100]
    rng.shuffle(chosen)
    return [{"id": x["id"], "text": x["text"]} for x in chosen]


# Round 2 of violations: the random draw held few reports (about 4 % of items), so every
# remaining short pool item with both a violation word and an election word is added.
VIOLATION_WORDS = re.compile(
    r"(dugaan|diduga|dilaporkan|lapor|bawaslu|gakkumdu|dkpp|politik uang|money politic|"
    r"serangan fajar|bagi-bagi|amplop|sembako|netral|asn|pns|kades|kepala desa|perangkat desa|"
    r"mobil dinas|mobdin|fasilitas negara|hoaks|hoax|fitnah|kampanye hitam|black campaign|"
    r"ujaran kebencian|sara|intimidasi|ancam|teror|kekerasan|dianiaya|pengeroyokan|"
    r"penggelembungan|manipulasi|curang|kecurangan|surat suara|tercoblos|psu|curi start|"
    r"masa tenang|baliho|apk|spanduk|alat peraga|dana kampanye|mahar|kpps|pps|ppk|pantarlih|"
    r"dpt|hak pilih|pemilih ganda|ijazah palsu|sanksi|teguran|divonis|diperiksa|tersangka|"
    r"ditangkap|pelanggaran|melanggar)",
    re.I,
)
ELECTION_WORDS = re.compile(
    r"(pemilu|pilpres|pileg|pilkada|pilkades|kampanye|caleg|capres|cawapres|paslon|calon|kpu|"
    r"bawaslu|pemungutan|pencoblosan|tps|suara|partai|timses|relawan|prabowo|ganjar|anies|"
    r"gibran|mahfud|muhaimin|cak imin)",
    re.I,
)


def _select_violations2(rng: random.Random) -> list[dict]:
    first = {x["id"] for x in _select_violations(random.Random(f"{SEED}-violations"))}
    pool = load_pool()
    chosen = [
        x
        for x in pool.values()
        if x["id"] not in first
        and x.get("kind") != "article"
        and len(x["text"]) <= 600
        and VIOLATION_WORDS.search(x["text"])
        and ELECTION_WORDS.search(x["text"])
    ]
    chosen.sort(key=lambda x: x["id"])
    rng.shuffle(chosen)
    return [
        {"id": x["id"], "text": x["text"], **({"factcheck": True} if x.get("factcheck") else {})}
        for x in chosen
    ]


def _select_violations3(rng: random.Random) -> list[dict]:
    """Round 3: every remaining headline and election-news item (reports are rare, so the
    whole election-season part of the pool is labelled)."""
    done = {x["id"] for x in _select_violations(random.Random(f"{SEED}-violations"))}
    done |= {x["id"] for x in _select_violations2(random.Random(f"{SEED}-violations2"))}
    pool = load_pool(["headlines_pilpres2024.jsonl", "election_news_2018_2024.jsonl"])
    chosen = sorted(
        (
            x
            for x in pool.values()
            if x["id"] not in done and x.get("kind") != "article" and len(x["text"]) <= 600
        ),
        key=lambda x: x["id"],
    )
    rng.shuffle(chosen)
    return [
        {"id": x["id"], "text": x["text"], **({"factcheck": True} if x.get("factcheck") else {})}
        for x in chosen
    ]


def _select_quotes(rng: random.Random) -> list[dict]:
    """186 whole articles with speech (quotation marks or a speech verb), 4-40 sentences."""
    from nlp.annotation.pool import articles

    arts = articles()
    speech = re.compile(r"[\"“”]|\b(kata|ujar|mengatakan|menurut|tutur|jelas)", re.I)
    chosen = [a for a in arts if 4 <= a["sentences"] <= 40 and speech.search(a["text"])]
    rng.shuffle(chosen)
    return [{"id": a["id"], "text": a["text"]} for a in chosen[:186]]


SELECTORS = {
    "quotes": _select_quotes,
    "violations": _select_violations,
    "violations2": _select_violations2,
    "violations3": _select_violations3,
    "entities": _select_entities,
}
TASK_OF = {"violations2": "violations", "violations3": "violations"}


def select(task: str, out: Path, batches: int) -> dict[str, int]:
    rng = random.Random(f"{SEED}-{task}")
    items = SELECTORS[task](rng)
    ids = [x["id"] for x in items]
    folder = TASK_OF.get(task, task)
    test_path = ANNOTATIONS / folder / f"test_ids{'' if folder == task else '_' + task}.txt"
    if not test_path.exists():  # frozen once, before any label or error is looked at
        test = sorted(rng.sample(ids, round(len(ids) * TEST_SHARE)))
        test_path.parent.mkdir(parents=True, exist_ok=True)
        test_path.write_text("\n".join(test) + "\n", encoding="utf-8")
    double = set(random.Random(f"{SEED}-{task}-double").sample(ids, round(len(ids) * DOUBLE_SHARE)))
    size = -(-len(items) // batches)
    for b in range(batches):
        write_jsonl(out / f"{task}_A_{b:02d}.jsonl", items[b * size : (b + 1) * size])
    write_jsonl(out / f"{task}_B_00.jsonl", [x for x in items if x["id"] in double])
    return {"items": len(items), "double": len(double), "batches": batches}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=sorted(SELECTORS))
    ap.add_argument("--out", type=Path, required=True, help="scratch folder outside the repo")
    ap.add_argument("--batches", type=int, default=6)
    a = ap.parse_args()
    print(select(a.task, a.out, a.batches))


if __name__ == "__main__":
    main()
