"""Copy checked annotator output into the project's stand-off label folders.

    python -m nlp.annotation.importer violations OUT.jsonl --pass A
    python -m nlp.annotation.importer entities OUT.jsonl --batch BATCH.jsonl --pass A

Violations labels are already stand-off (id + labels); entity labels written as surface
strings are turned into character offsets against the batch texts first (see check.py).
Only ids, offsets and labels are written: no text.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from nlp.annotation.check import check_entity, check_quotes
from nlp.annotation.pool import ANNOTATIONS, read_jsonl, write_jsonl

VIOLATION_KEYS = ("id", "reported", "status", "mentioned")


def import_violations(src: Path, pass_: str) -> int:
    recs = [{k: r[k] for k in VIOLATION_KEYS} | {"annotator": pass_} for r in read_jsonl(src)]
    return write_jsonl(ANNOTATIONS / "violations" / pass_ / src.name, recs)


def import_entities(src: Path, batch: Path, pass_: str, task: str = "entities") -> int:
    texts = {r["id"]: r["text"] for r in read_jsonl(batch)}
    check = check_quotes if task == "quotes" else check_entity
    out = []
    for rec in read_jsonl(src):
        conv, _errs = check(rec, texts[rec["id"]])
        conv["annotator"] = pass_
        out.append(conv)
    return write_jsonl(ANNOTATIONS / task / pass_ / src.name, out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=["violations", "entities", "quotes"])
    ap.add_argument("src", type=Path)
    ap.add_argument("--batch", type=Path)
    ap.add_argument("--pass", dest="pass_", default="A")
    a = ap.parse_args()
    if a.task == "violations":
        n = import_violations(a.src, a.pass_)
    else:
        n = import_entities(a.src, a.batch, a.pass_, a.task)
    print(f"{n} records")


if __name__ == "__main__":
    main()
