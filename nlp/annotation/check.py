"""Check an annotator's output against its batch, and turn entity labels into stand-off form.

    python -m nlp.annotation.check violations BATCH.jsonl LABELS.jsonl
    python -m nlp.annotation.check entities BATCH.jsonl LABELS.jsonl [--standoff OUT.jsonl]

Annotators write entities as strings in reading order (easier and less error-prone than
counting characters); ``to_standoff`` finds each string left to right in the pool text and
stores offsets only.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from pathlib import Path

from nlp.annotation.pool import read_jsonl, write_jsonl
from nlp.violations.lexicon import CATEGORIES
from nlp.violations.lexicon import STATUSES as VIOLATION_STATUSES

STATUSES = {"none", "denied", *VIOLATION_STATUSES}
SPAN_LABELS = {"PER", "ORG", "LOC", "POS"}


def check_violation(rec: dict) -> list[str]:
    errs = []
    rep, men, status = rec.get("reported"), rec.get("mentioned"), rec.get("status")
    if not isinstance(rep, list) or not isinstance(men, list):
        return ["reported and mentioned must be lists"]
    bad = [c for c in rep + men if c not in CATEGORIES]
    if bad:
        errs.append(f"unknown categories {bad}")
    if status not in STATUSES:
        errs.append(f"unknown status {status!r}")
    elif bool(rep) == (status in ("none", "denied")):
        errs.append("status none/denied exactly when reported is empty")
    if set(rep) & set(men):
        errs.append("a category is both reported and mentioned")
    return errs


def find_spans(text: str, entities: list) -> tuple[list[list], list[str]]:
    """Offsets of ``[[surface, label], ...]`` found left to right; errors for the rest."""
    spans, errs, pos = [], [], 0
    for ent in entities:
        if not (isinstance(ent, list | tuple) and len(ent) == 2):
            errs.append(f"entity {ent!r} is not [text, label]")
            continue
        surface, label = ent
        if label not in SPAN_LABELS:
            errs.append(f"label {label!r} of {surface!r}")
            continue
        at = text.find(surface, pos)
        if at < 0:
            at = text.find(surface)  # out of order: accept the first occurrence
        if at < 0 or not surface.strip():
            errs.append(f"{surface!r} not in the text")
            continue
        spans.append([at, at + len(surface), label])
        pos = at + len(surface)
    spans.sort()
    for a, b in itertools.pairwise(spans):
        if b[0] < a[1]:
            errs.append(f"overlapping spans {text[a[0] : a[1]]!r} and {text[b[0] : b[1]]!r}")
    return spans, errs


def _locate(text: str, surface: str | None, spans: list[list], label: str) -> list[int] | None:
    if not surface:
        return None
    for s, e, lab in spans:
        if lab == label and text[s:e] == surface:
            return [s, e]
    at = text.find(surface)
    return [at, at + len(surface)] if at >= 0 else None


def check_entity(rec: dict, text: str) -> tuple[dict, list[str]]:
    spans, errs = find_spans(text, rec.get("entities") or [])
    officials = []
    for o in rec.get("officials") or []:
        name, position = o.get("name"), o.get("position")
        if not name or not position:
            errs.append(f"official {o!r} without name or position")
            continue
        person = _locate(text, name, spans, "PER")
        if person is None and not any(lab == "PER" for *_, lab in spans):
            errs.append(f"official name {name!r} not in the text")
        officials.append(
            {
                "name": name,
                "position_text": position,
                "institution_text": o.get("institution"),
                "former": bool(o.get("former")),
                "person": person,
                "position": _locate(text, o.get("position_as_written") or position, spans, "POS"),
            }
        )
    return {"id": rec["id"], "spans": spans, "officials": officials}, errs


QUOTE_KINDS = {"direct", "indirect"}


def check_quotes(rec: dict, text: str) -> tuple[dict, list[str]]:
    """Quotes written as exact strings in reading order → offsets (``start``, ``end``)."""
    errs, out, pos = [], [], 0
    for q in rec.get("quotes") or []:
        said = q.get("quote") or ""
        if q.get("kind") not in QUOTE_KINDS:
            errs.append(f"kind {q.get('kind')!r} of {said[:40]!r}")
            continue
        at = text.find(said, pos)
        if at < 0:
            at = text.find(said)
        if at < 0 or not said.strip():
            errs.append(f"quote {said[:60]!r} not in the text")
            continue
        if said != said.strip() or said[-1:] in ",." or said[:1] in '"“”':
            errs.append(f"quote {said[:40]!r}...: no outer spaces, quote marks or final , / .")
        pos = at + 1
        speaker = q.get("speaker")
        mention = q.get("speaker_mention")
        if mention and mention not in text:
            errs.append(f"speaker_mention {mention!r} not in the text")
        out.append(
            {
                "start": at,
                "end": at + len(said),
                "kind": q["kind"],
                "speaker": speaker,
                "speaker_mention": mention,
                "cue": q.get("cue"),
            }
        )
    return {"id": rec["id"], "quotes": out}, errs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("task", choices=["violations", "entities", "quotes"])
    ap.add_argument("batch", type=Path)
    ap.add_argument("labels", type=Path)
    ap.add_argument("--standoff", type=Path, help="entities: write offsets here")
    ap.add_argument("--annotator", default="A")
    a = ap.parse_args()
    texts = {r["id"]: r["text"] for r in read_jsonl(a.batch)}
    seen: set[str] = set()
    problems = 0
    out = []
    for rec in read_jsonl(a.labels):
        rid = str(rec.get("id"))
        if rid not in texts:
            print(f"{rid}: not in the batch")
            problems += 1
            continue
        if rid in seen:
            print(f"{rid}: labelled twice")
            problems += 1
        seen.add(rid)
        if a.task == "violations":
            errs = check_violation(rec)
        else:
            check = check_quotes if a.task == "quotes" else check_entity
            conv, errs = check(rec, texts[rid])
            conv["annotator"] = a.annotator
            out.append(conv)
        for e in errs:
            print(f"{rid}: {e}")
        problems += len(errs)
    missing = [i for i in texts if i not in seen]
    print(f"{len(seen)} labelled, {len(missing)} missing, {problems} problems")
    if missing:
        print("first missing:", ", ".join(missing[:5]))
    if a.standoff:
        write_jsonl(a.standoff, out)
    sys.exit(1 if problems or missing else 0)


if __name__ == "__main__":
    main()
