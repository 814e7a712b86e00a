"""Agreement between the two independent annotation passes (A and B) on the shared sample.

``pantau nlp agreement violations|entities`` prints JSON: for violations, micro F1 of the
reported categories between passes, Cohen's kappa per category and for report-vs-no-report,
and status agreement on items both passes report; for entities, span F1 per label (exact
offsets and label) and official-triple F1.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from nlp.annotation.pool import load_labels
from nlp.scoring import norm
from nlp.violations.lexicon import CATEGORIES


def kappa(a: list[bool], b: list[bool]) -> float | None:
    """Cohen's kappa of two binary label lists (None when both passes are constant)."""
    n = len(a)
    if not n:
        return None
    po = sum(x == y for x, y in zip(a, b, strict=True)) / n
    pa, pb = sum(a) / n, sum(b) / n
    pe = pa * pb + (1 - pa) * (1 - pb)
    return None if pe == 1 else round((po - pe) / (1 - pe), 4)


def _f1(tp: int, n_a: int, n_b: int) -> float | None:
    return round(2 * tp / (n_a + n_b), 4) if n_a + n_b else None


def violations_agreement() -> dict[str, Any]:
    a, b = load_labels("violations", ("A",)), load_labels("violations", ("B",))
    ids = sorted(set(a) & set(b))
    tp = n_a = n_b = 0
    status_same = both = 0
    for i in ids:
        ra, rb = set(a[i]["reported"]), set(b[i]["reported"])
        tp += len(ra & rb)
        n_a += len(ra)
        n_b += len(rb)
        if ra & rb:
            both += 1
            status_same += a[i]["status"] == b[i]["status"]
    per_cat = {}
    for c in CATEGORIES:
        xa = [c in a[i]["reported"] for i in ids]
        xb = [c in b[i]["reported"] for i in ids]
        per_cat[c] = {"kappa": kappa(xa, xb), "A": sum(xa), "B": sum(xb)}
    return {
        "items": len(ids),
        "reported_micro_f1": _f1(tp, n_a, n_b),
        "report_vs_none_kappa": kappa(
            [bool(a[i]["reported"]) for i in ids], [bool(b[i]["reported"]) for i in ids]
        ),
        "status_agreement_on_shared_reports": round(status_same / both, 4) if both else None,
        "per_category": per_cat,
    }


def entities_agreement() -> dict[str, Any]:
    a, b = load_labels("entities", ("A",)), load_labels("entities", ("B",))
    ids = sorted(set(a) & set(b))
    tp: Counter[str] = Counter()
    na: Counter[str] = Counter()
    nb: Counter[str] = Counter()
    otp = ona = onb = 0
    for i in ids:
        sa = {tuple(s) for s in a[i]["spans"]}
        sb = {tuple(s) for s in b[i]["spans"]}
        na.update(s[2] for s in sa)
        nb.update(s[2] for s in sb)
        tp.update(s[2] for s in sa & sb)

        def triples(rec: dict) -> set[tuple[str, str, str]]:
            return {
                (norm(o["name"]), norm(o["position_text"]), norm(o.get("institution_text")))
                for o in rec["officials"]
            }

        ta, tb = triples(a[i]), triples(b[i])
        otp += len(ta & tb)
        ona += len(ta)
        onb += len(tb)
    labels = sorted(set(na) | set(nb))
    per = {lab: _f1(tp[lab], na[lab], nb[lab]) for lab in labels}
    ner = [lab for lab in labels if lab != "POS"]
    return {
        "items": len(ids),
        "span_f1": _f1(sum(tp.values()), sum(na.values()), sum(nb.values())),
        "span_f1_per_ent_only": _f1(
            sum(tp[x] for x in ner), sum(na[x] for x in ner), sum(nb[x] for x in ner)
        ),
        "span_f1_per_label": per,
        "official_triple_f1": _f1(otp, ona, onb),
        "officials": {"A": ona, "B": onb},
    }


def quotes_agreement() -> dict[str, Any]:
    """Statements matched between passes as the scorer matches them (span Jaccard >= 0.5);
    attributed agreement also needs the same speaker."""
    from nlp.quotes.evaluate import evaluate_items

    a, b = load_labels("quotes", ("A",)), load_labels("quotes", ("B",))
    ids = sorted(set(a) & set(b))
    result = evaluate_items(
        ({"quotes": a[i]["quotes"], "id": i} for i in ids),
        lambda item: [{**q, "confidence": 1.0} for q in b[item["id"]]["quotes"]],
    )
    return {
        "articles": len(ids),
        "quotes": {
            "A": sum(len(a[i]["quotes"]) for i in ids),
            "B": sum(len(b[i]["quotes"]) for i in ids),
        },
        "quote_f1": result["quotes"]["f1"],
        "attributed_f1": result["attributed_f1"],
        "attribution_agreement": result["attribution_accuracy"],
    }


def agreement(task: str) -> dict[str, Any]:
    if task == "quotes":
        return quotes_agreement()
    return violations_agreement() if task == "violations" else entities_agreement()
