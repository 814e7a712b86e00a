"""The learned violation classifier: linear models over words and the pattern layer's signals.

The pattern layer (``detect``) is evidence, not the final word. For every text a set of
sparse binary features is built — word stems and stem bigrams of the headline/sentences,
plus every signal the pattern layer produced (cues, markers, category patterns, its own
decisions) — and a logistic model per category gives the probability that the text *reports*
that category. A second, multinomial model gives the status of a report. Weights are trained
on our own annotations (``pantau nlp train-violations``, docs/annotation.md) and shipped as
JSON under ``models/pantau-violations-id-*``; inference is plain Python (no scikit-learn at
run time).
"""

from __future__ import annotations

import itertools
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.model_dirs import find_versioned
from nlp.morphology import stem, tokenize
from nlp.violations import CATEGORIES, ViolationResult, detect
from nlp.violations.sentences import split_sentences

MODEL_PREFIX = "pantau-violations-id-"
_WORD = re.compile(r"\w", re.UNICODE)
MAX_WORD_TOKENS = 120  # the headline and lead (training items are headlines and summaries)
CATEGORY_WORDS = True  # category x every word of the text (see the model card)


# Words that make a category a *candidate* for a text, written from docs/VIOLATIONS.md's
# typical wording and the annotation guidelines (stems after nlp.morphology.stem, or
# multi-word phrases of stems). A candidate is only a question put to the learned model.
CANDIDATE_WORDS: dict[str, tuple[str, ...]] = {
    "politik_uang": ("uang", "duit", "amplop", "sembako", "serang fajar", "money", "mahar",
                     "sawer", "transfer", "beras", "hadiah", "bagi", "suap", "sogok", "gocap"),
    "netralitas": ("asn", "pns", "tni", "polri", "polisi", "kades", "kepala desa", "perangkat",
                   "lurah", "camat", "pj", "menteri", "bupati", "gubernur", "wali kota", "netral",
                   "aparat", "pejabat", "guru", "jari", "kapolres", "kapolda", "presiden",
                   "mendagri", "apdesi", "sekda", "dinas"),
    "fasilitas_negara": ("mobil dinas", "mobdin", "fasilitas", "kantor", "sekolah", "kampus",
                         "masjid", "ibadah", "gereja", "bansos", "anggaran", "apbd", "gedung",
                         "balai", "istana", "dinas", "negara", "pesantren"),
    "kampanye_hitam": ("hoaks", "hoax", "fitnah", "hina", "benci", "disinformasi", "palsu",
                       "deepfake", "edit", "sunting", "pelintir", "hitam", "black", "hasut",
                       "provokasi", "sebar", "cemar", "fakta", "salah", "keliru", "buzzer"),
    "sara": ("agama", "suku", "ras", "sara", "umat", "kafir", "cina", "identitas", "gereja",
             "masjid", "islam", "kristen", "etnis", "pendeta", "ulama", "murtad"),
    "intimidasi": ("intimidasi", "ancam", "teror", "aniaya", "keroyok", "pukul", "bubar", "rusak",
                   "bakar", "larang", "persekusi", "serang", "tembak", "bentrok", "culik",
                   "halang", "cabut izin", "usir", "kekerasan", "bunuh"),
    "manipulasi_suara": ("suara", "gelembung", "manipulasi", "curang", "rekap", "c1", "sirekap",
                         "coblos", "psu", "hitung", "ubah", "hilang", "rekapitulasi"),
    "kampanye_ilegal": ("kampanye", "curi start", "baliho", "spanduk", "apk", "alat peraga",
                        "stiker", "iklan", "tenang", "izin", "selubung", "jadwal", "poster",
                        "videotron", "tertib", "copot"),
    "dana_kampanye": ("dana kampanye", "sumbang", "donasi", "ladk", "lpsdk", "lppdk", "dana",
                      "biaya", "rekening", "asing"),
    "penyelenggara": ("kpu", "kpps", "pps", "ppk", "panwas", "bawaslu", "pantarlih", "ppln",
                      "dkpp", "kode etik", "selenggara", "komisioner", "kpud", "panwaslu"),
    "hak_pilih": ("dpt", "hak pilih", "pilih", "daftar", "ktp", "ganda", "fiktif", "ijazah",
                  "lapas", "napi", "disabilitas", "pasien", "data pilih", "syarat"),
}  # fmt: skip


def candidates(stems: list[str], result: ViolationResult) -> set[str]:
    """Categories worth asking the model about: the pattern layer saw them, or their words."""
    out = {s.split(":")[1] for s in result.signals if s.startswith(("dec:", "pat:"))}
    out &= set(CATEGORIES)
    if any(s.startswith(("cue:status", "mk:AUTHORITY")) for s in result.signals):
        return set(CATEGORIES)  # a report is being made: every category is a fair question
    joined = f" {' '.join(stems)} "
    for cat, words in CANDIDATE_WORDS.items():
        if cat not in out and any(f" {w} " in joined for w in words):
            out.add(cat)
    return out


def text_features(
    text: str, title: str | None, result: ViolationResult, stems: list[str] | None = None
) -> set[str]:
    """The sparse binary features of one text (see the module docstring)."""
    feats = {f"s:{s}" for s in result.signals}
    words = [t.text for t in tokenize(f"{title}. {text}" if title else text)]
    stems = stems if stems is not None else text_stems(words)
    feats.update(f"w:{s}" for s in stems)
    feats.update(f"b:{a}_{b}" for a, b in itertools.pairwise(stems))
    if words and words[0].isupper() and len(words[0]) > 2:
        feats.add("shape:first_upper")
    return feats


def text_stems(words: list[str]) -> list[str]:
    return [stem(w) for w in words[:MAX_WORD_TOKENS] if _WORD.search(w)]


def pair_features(cat: str, feats: set[str], stems: list[str]) -> set[str]:
    """Features of one (text, candidate category) pair: the text's features shared across
    categories, the category itself, and the pattern layer's signals about this category."""
    return feats | category_features(cat, feats, stems)


def category_features(
    cat: str, feats: set[str], stems: list[str], joined: str | None = None
) -> set[str]:
    """The category-specific part of ``pair_features`` (the shared part is ``feats``)."""
    out = {f"cat:{cat}"}
    if CATEGORY_WORDS:
        out.update(f"cw:{cat}:{w}" for w in set(stems))
    joined = joined if joined is not None else f" {' '.join(stems)} "
    hits = [w for w in CANDIDATE_WORDS.get(cat, ()) if f" {w} " in joined]
    out.update(f"kw:{cat}:{w}" for w in hits)
    out.add(f"kwn:{min(len(hits), 3)}")
    own = False
    for f in feats:
        if f.startswith(f"s:conf:{cat}:"):
            out.add("own:conf:" + f.rsplit(":", 1)[1])
        elif f.startswith((f"s:dec:{cat}:", f"s:pat:{cat}:")):
            out.add("own:" + f.split(":", 3)[1] + ":" + f.rsplit(":", 1)[1])
            own = True
    if not own:
        out.add("own:none")
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


@dataclass
class ViolationModel:
    """Weights of the per-category report models and the status model."""

    report: dict[str, float]  # pair feature -> weight (one model shared by the categories)
    report_bias: float
    status: dict[str, dict[str, float]]  # status -> feature -> weight
    status_bias: dict[str, float]
    threshold: float
    meta: dict[str, Any]
    # Pattern-layer reports at or above this confidence are kept even when the model's
    # probability is lower (chosen by cross-validation; None: the model alone decides).
    rule_floor: float | None = None

    @classmethod
    def load(cls, path: Path) -> ViolationModel:
        data = json.loads((path / "model.json").read_text(encoding="utf-8"))
        return cls(
            report=data["report"],
            report_bias=data["report_bias"],
            status=data["status"],
            status_bias=data["status_bias"],
            threshold=float(data["threshold"]),
            meta=data.get("meta", {}),
            rule_floor=data.get("rule_floor"),
        )

    def save(self, path: Path) -> None:
        path.mkdir(parents=True, exist_ok=True)
        data = {
            "report": self.report,
            "report_bias": self.report_bias,
            "status": self.status,
            "status_bias": self.status_bias,
            "threshold": self.threshold,
            "meta": self.meta,
            "rule_floor": self.rule_floor,
        }
        (path / "model.json").write_text(
            json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")),
            encoding="utf-8",
        )

    def report_probabilities(
        self, feats: set[str], stems: list[str], cands: set[str]
    ) -> dict[str, float]:
        out: dict[str, float] = {}
        shared = sum(self.report.get(f, 0.0) for f in feats) if cands else 0.0
        joined = f" {' '.join(stems)} "
        for cat in sorted(cands):
            specific = category_features(cat, feats, stems, joined) - feats
            z = self.report_bias + shared + sum(self.report.get(f, 0.0) for f in specific)
            out[cat] = _sigmoid(z)
        return out

    def status_probabilities(self, feats: set[str]) -> dict[str, float]:
        scores = {
            s: self.status_bias[s] + sum(w.get(f, 0.0) for f in feats)
            for s, w in self.status.items()
        }
        top = max(scores.values())
        exp = {s: math.exp(v - top) for s, v in scores.items()}
        total = sum(exp.values())
        return {s: v / total for s, v in exp.items()}


def find_model(spec: str = "auto") -> Path | None:
    """``auto``: the newest shipped classifier; ``none``: patterns only; else a directory."""
    return find_versioned(spec, MODEL_PREFIX, "model.json", "a Pantau violation classifier")


@lru_cache(maxsize=4)
def load_model(path: str) -> ViolationModel:
    return ViolationModel.load(Path(path))


def classify(
    text: str,
    title: str | None,
    model: ViolationModel,
    threshold: float | None = None,
) -> ViolationResult:
    """Reported / mentioned / denied violations decided by ``model`` over the pattern layer.

    A category is reported when its probability reaches ``threshold`` (the model's own
    precision-first default when None). Evidence and actors come from the pattern layer's
    report of that category when it made one; otherwise from the first sentence that names
    the category's words, or the headline. Pattern reports the model rejects become mentions.
    """
    rules = detect(text, title)
    stems = text_stems([t.text for t in tokenize(f"{title}. {text}" if title else text)])
    feats = text_features(text, title, rules, stems)
    probs = report_probs = model.report_probabilities(feats, stems, candidates(stems, rules))
    cut = model.threshold if threshold is None else threshold
    chosen = [c for c in CATEGORIES if report_probs.get(c, 0.0) >= cut]
    if model.rule_floor is not None:
        strong = {
            v["category"]: v["confidence"]
            for v in rules.violations
            if v["confidence"] >= model.rule_floor
        }
        chosen = [c for c in CATEGORIES if c in chosen or c in strong]
        # a report kept on the pattern layer's word carries that layer's confidence
        probs = {**probs, **{c: max(probs.get(c, 0.0), p) for c, p in strong.items()}}
    status_p = model.status_probabilities(feats) if chosen else {}
    status = max(status_p, key=lambda s: status_p[s]) if status_p else "none"
    by_cat = {v["category"]: v for v in rules.violations}
    violations = []
    for cat in chosen:
        base = dict(by_cat.get(cat) or _evidence(text, title))
        base.update(
            category=cat,
            status=status,
            confidence=round(probs.get(cat, 0.0), 3),
            status_confidence=round(status_p[status], 3),
        )
        if "actors" not in base:
            base["actors"] = []
        violations.append(base)
    reported = set(chosen)
    rejected = {c for c in by_cat if c not in reported}
    return ViolationResult(
        violations=violations,
        mentioned=sorted((set(rules.mentioned) | rejected) - reported - set(rules.denied)),
        denied=sorted(set(rules.denied) - reported),
        denial=rules.denial and not violations,
        signals=rules.signals,
    )


def _evidence(text: str, title: str | None) -> dict[str, Any]:
    """The sentence a learned-only report points to: the title, else the first sentence."""
    from nlp.violations import _engine

    _, actors = _engine()
    source, field = (title, "title") if title else (text, None)
    sentences = split_sentences(source or "")
    if not sentences:
        return {"evidence": "", "start": 0, "end": 0, "actors": []}
    sent = sentences[0]
    out: dict[str, Any] = {
        "evidence": sent.text,
        "start": sent.start,
        "end": sent.end,
        "actors": actors.find(sent.text),
    }
    if field:
        out["field"] = field
    return out
