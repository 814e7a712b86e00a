"""Learned officials: a CRF span tagger (PER / ORG / LOC / POS in Pantau's conventions) and a
logistic link model that pairs positions with persons, trained on our own annotations.

The tagger's features are the usual word, affix, shape and window features plus what the
rule layers know, as *features*: the statistical NER's tag for the token, the position
lexicon, honorifics, ranks and the region gazetteer. The link model scores every (position,
person) pair in a sentence from their order, distance, what lies between them and the words
around them; pairs are accepted greedily, best first, one person per position. The
institution is read from the spans around the position (a ranked set of patterns: the unit
written after the position, a region after a regional head, the unit inside a bundled
acronym such as Kapolres). Trained by ``pantau nlp train-officials``; shipped as
``models/pantau-officials-id-*`` (``tagger.crfsuite`` + ``linker.json``).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.model_dirs import find_versioned

MODEL_PREFIX = "pantau-officials-id-"
LABELS = ("PER", "ORG", "LOC", "POS")

REGIONAL_HEADS = {
    "bupati": "Kabupaten",
    "wakil bupati": "Kabupaten",
    "pj bupati": "Kabupaten",
    "plt bupati": "Kabupaten",
    "wali kota": "Kota",
    "walikota": "Kota",
    "wakil wali kota": "Kota",
    "wakil walikota": "Kota",
    "pj wali kota": "Kota",
    "gubernur": "Provinsi",
    "wakil gubernur": "Provinsi",
    "pj gubernur": "Provinsi",
    "plt gubernur": "Provinsi",
    "camat": "Kecamatan",
    "lurah": "Kelurahan",
    "kepala desa": "Desa",
    "kades": "Desa",
}
REGION_PREFIXES = (
    "kabupaten",
    "kab.",
    "kota",
    "provinsi",
    "prov.",
    "kecamatan",
    "desa",
    "kelurahan",
)
# Bundled titles: the unit is the title without its "Ka"/"Kepala" head ("Kapolres Inhu" ->
# "Polres Inhu"); Kapolri, Kajagung and the like name a national unit alone.
BUNDLED = re.compile(
    r"^(?:Ka|Waka|Pang|Dan|Wadan)(pol(?:res(?:ta(?:bes)?)?|da|sek|ri)|jari|jati|rem|dim|lanud|"
    r"dam|lantamal|lanal|yon\w*|lapas|rutan|kanwil|bnn[pk]?|bin(?:da)?|sat\w*)$",
    re.I,
)
NATIONAL = {"polri": "Polri", "jagung": "Kejaksaan Agung"}
UNIT_OF = {"jari": "Kejari", "jati": "Kejati", "rem": "Korem", "dim": "Kodim", "dam": "Kodam"}
# Words that can start a position outside the lexicon (short forms and foreign titles): a
# sentence with one is worth tagging. Selection only; the tagger decides.
TITLE_START = re.compile(
    r"^(?:(?:Wa)?(?:Ka(?:sub)?(?:dit|bid|bag|nit|si|sat|pus|dis|siaga|setpres)\w*|Dir[a-z]+|"
    r"Men(?:dagri|keu|kes|hub|ag|lu|pan\w*|pora|sos|tan|hut|kop|bud|ko\w*|kum|aker|perin|dag|"
    r"par|han|sesneg|kominfo|komdigi|desa|pupr|lhk|pppa|eg)|Wamen[a-z]*|"
    r"As(?:intel|kesra|pidum|pidsus|datun|ops|rena)|Jam(?:pidsus|pidum|intel|was|datun)|"
    r"Stafs?us|Dubes|Ketum|Korwil|KSA[DLU])|PM|CEO|COO|CIO|CFO|DGS|Chief|Head|Vice|Founder|"
    r"Managing|Pelaksana|Duta|Pemimpin|Raja|Sultan|Emir|Plt\.?|Acting|Komisaris|Pejabat|"
    r"Ajudan|Pemeriksa|Rahbar|ketum|stafsus|komisaris)$"
)
ACTING = {"plt", "pj", "pjs", "plh"}
FORMER_WORDS = {"mantan", "eks", "bekas", "purnawirawan"}
LINK_WORDS = {"selaku", "sebagai", "adalah", "yakni", "yaitu", "merupakan", "menjabat"}


# --- features ------------------------------------------------------------------------------


def _shape(w: str) -> str:
    s = re.sub(r"[A-Z]", "X", w)
    s = re.sub(r"[a-z]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1+", r"\1\1", s)[:6]


@lru_cache(maxsize=1)
def _lexicons() -> dict[str, frozenset[str]]:
    from nlp.officials.lexicon import _lines

    base = Path(__file__).parent / "lexicon"
    positions = [
        json.loads(line)["text"]
        for line in (base / "positions.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    honor = json.loads((base / "honorifics.json").read_text(encoding="utf-8"))
    ranks = _lines("ranks.txt")
    return {
        "pos_first": frozenset(p.split()[0].lower() for p in positions),
        "pos_word": frozenset(w.lower() for p in positions for w in p.split()),
        "honor": frozenset(h.lower().rstrip(".") for h in honor["before"] + honor["after"]),
        "rank": frozenset(w.lower() for r in ranks for w in r.split()),
    }


def token_features(
    words: list[str], ner: list[str], regions: list[str], rule: list[str] | None = None
) -> list[list[str]]:
    """CRF features for each token: words, the NER's BIO tags, region-gazetteer BIO marks and
    the rule linker's marks (name / position of an official it found)."""
    rule = rule or ["O"] * len(words)
    lex = _lexicons()
    n = len(words)
    low = [w.lower() for w in words]
    out = []
    for i, w in enumerate(words):
        lw = low[i]
        f = [
            "b",
            f"w={lw}",
            f"p3={lw[:3]}",
            f"s3={lw[-3:]}",
            f"sh={_shape(w)}",
            f"ner={ner[i]}",
            f"reg={regions[i]}",
            f"rule={rule[i]}",
        ]
        if w[:1].isupper():
            f.append("title")
        if w.isupper() and len(w) > 1:
            f.append("upper")
        if lw in lex["pos_first"]:
            f.append("lex:posfirst")
        if lw in lex["pos_word"]:
            f.append("lex:posword")
        if lw.rstrip(".") in lex["honor"]:
            f.append("lex:honor")
        if lw in lex["rank"]:
            f.append("lex:rank")
        if BUNDLED.match(w):
            f.append("lex:bundled")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < n:
                f.append(f"{d}:w={low[j]}")
                f.append(f"{d}:ner={ner[j]}")
                f.append(f"{d}:rule={rule[j]}")
                if abs(d) == 1:
                    f.append(f"{d}:sh={_shape(words[j])}")
                    if low[j] in lex["pos_first"]:
                        f.append(f"{d}:lex:posfirst")
                    if low[j] in lex["pos_word"]:
                        f.append(f"{d}:lex:posword")
            else:
                f.append(f"{d}:pad")
        out.append(f)
    return out


def rule_marks(toks: list[Any], rule_officials: list[dict], text: str) -> list[str]:
    """Per-token marks from the rule linker: NAME / POSITION of each official it found."""
    marks = ["O"] * len(toks)

    def mark(start: int, end: int, label: str) -> None:
        for i, t in enumerate(toks):
            if t.start >= start and t.end <= end and marks[i] == "O":
                marks[i] = label

    for o in rule_officials:
        s0, e0 = o.get("start", 0), o.get("end", 0)
        for label, value in (("NAME", o.get("name")), ("POSITION", o.get("position"))):
            if not value:
                continue
            at = text.lower().find(value.lower(), s0, e0 + 1)
            if at >= 0:
                mark(at, at + len(value), label)
    return marks


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, label) token spans of a BIO tag sequence."""
    spans: list[tuple[int, int, str]] = []
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, typ = tag.partition("-")
        if start is not None and (tag == "O" or prefix == "B" or typ != label):
            spans.append((start, i, label))
            start, label = None, ""
        if prefix == "B" or (prefix == "I" and start is None):
            start, label = i, typ
    return [s for s in spans if s[2]]


# --- links ---------------------------------------------------------------------------------


@dataclass
class Tok:
    text: str
    start: int
    end: int


def sentence_ids(words: list[str]) -> list[int]:
    out, k = [], 0
    for i, w in enumerate(words):
        out.append(k)
        if w in (".", "!", "?") and i + 1 < len(words) and words[i + 1][:1].isupper():
            k += 1
    return out


def pair_features(
    words: list[str],
    spans: list[tuple[int, int, str]],
    pos: tuple[int, int, str],
    per: tuple[int, int, str],
    rule: list[str] | None = None,
) -> set[str]:
    low = [w.lower() for w in words]
    after = per[0] >= pos[1]
    lo, hi = (pos[1], per[0]) if after else (per[1], pos[0])
    gap = max(0, hi - lo)
    between = low[lo:hi]
    labels_between = [s[2] for s in spans if s[0] >= lo and s[1] <= hi]
    covered = {i for s in spans if s[0] >= lo and s[1] <= hi for i in range(s[0], s[1])}
    uncovered = [low[i] for i in range(lo, hi) if i not in covered]
    f = {
        f"order={'after' if after else 'before'}",
        f"gap={min(gap, 6) if gap < 6 else ('6-9' if gap < 10 else '10+')}",
        f"pos1={low[pos[0]]}",
        f"labels={'_'.join(labels_between[:4])}|{after}",
        f"nuncov={min(len(uncovered), 4)}|{after}",
    }
    if "," in between:
        f.add(f"comma|{after}")
    if "POS" in labels_between:
        f.add(f"otherpos|{after}")
    if "PER" in labels_between:
        f.add(f"otherper|{after}")
    if any(w in LINK_WORDS for w in between):
        f.add(f"linkword|{after}")
    for w in uncovered[:4]:
        f.add(f"ub={w}|{after}")
    if not uncovered:
        f.add(f"adjacent|{after}")
    if per[0] > 0:
        f.add(f"perprev={low[per[0] - 1]}")
    if per[1] < len(low):
        f.add(f"pernext={low[per[1]]}")
    if pos[0] > 0:
        f.add(f"posprev={low[pos[0] - 1]}")
    if per[1] < len(low) and low[per[1]] == "(":
        f.add("per_paren")
    if rule:
        name_hit = any(rule[i] == "NAME" for i in range(per[0], per[1]))
        pos_hit = any(rule[i] == "POSITION" for i in range(pos[0], pos[1]))
        f.add(f"rule={int(name_hit)}{int(pos_hit)}")
    return f


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z > -60 else 0.0


def _title(text: str) -> str:
    """Drop-cap or all-caps positions ("ANGGOTA", "KETUA Umum") written as titles."""
    words = text.split()
    return " ".join(w.capitalize() if w.isupper() and len(w) > 3 else w for w in words)


def institution(
    words: list[Tok],
    spans: list[tuple[int, int, str]],
    pos: tuple[int, int, str],
    per: tuple[int, int, str],
    text: str,
) -> str | None:
    """The unit of a position: a ranked set of patterns over the tagged spans."""
    pos_text = text[words[pos[0]].start : words[pos[1] - 1].end]
    key = pos_text.lower()
    nxt = next((s for s in spans if s[0] >= pos[1] and s[2] != "POS"), None)
    # skip "(Kades)" style acronyms written right after the position
    k = pos[1]
    if k < len(words) and words[k].text == "(":
        close = next((j for j in range(k, min(k + 6, len(words))) if words[j].text == ")"), None)
        if close is not None:
            k = close + 1
            nxt = next((s for s in spans if s[0] >= k and s[2] != "POS"), None)
    # one capitalised word the tagger left between position and unit belongs to the unit
    # ("Kapolres Metro Jakarta Pusat")
    lead = k if nxt is not None and nxt[0] == k + 1 and words[k].text[:1].isupper() else None
    if (
        nxt is None
        or (nxt[0] > k and lead is None)
        or nxt[2] == "PER"
        or (per[0] >= pos[1] and nxt[0] >= per[0])
    ):
        m = BUNDLED.match(pos_text)
        if m and m.group(1).lower() in NATIONAL:
            return NATIONAL[m.group(1).lower()]
        return None
    first = lead if lead is not None else nxt[0]
    unit = text[words[first].start : words[nxt[1] - 1].end]
    # an acronym in parentheses right after the unit is part of it as written: "Badan Gizi
    # Nasional (BGN)"
    end = nxt[1]
    if end + 2 < len(words) and words[end].text == "(" and words[end + 2].text == ")":
        unit = text[words[first].start : words[end + 2].end]
    m = BUNDLED.match(pos_text)
    if m:
        body = m.group(1).lower()
        head = UNIT_OF.get(body, body[:1].upper() + body[1:])
        return f"{head} {unit}" if nxt[2] == "LOC" else unit
    if nxt[2] == "LOC":
        prefix = REGIONAL_HEADS.get(key) or REGIONAL_HEADS.get(key.split()[-1])
        if prefix:
            return unit if unit.lower().startswith(REGION_PREFIXES) else f"{prefix} {unit}"
        if unit in ("RI", "Indonesia", "Republik Indonesia"):
            return None  # Indonesian offices: no unit written separately
        return unit if unit.isupper() or len(unit) <= 12 else None
    return unit


@dataclass
class OfficialsModel:
    tagger: Any  # pycrfsuite.Tagger
    link: dict[str, float]
    link_bias: float
    threshold: float
    meta: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> OfficialsModel:
        import pycrfsuite

        tagger = pycrfsuite.Tagger()
        tagger.open(str(path / "tagger.crfsuite"))
        data = json.loads((path / "linker.json").read_text(encoding="utf-8"))
        return cls(tagger, data["link"], data["link_bias"], data["threshold"], data.get("meta", {}))

    def tag(
        self, words: list[str], ner: list[str], regions: list[str], rule: list[str] | None = None
    ) -> list[str]:
        """BIO tags; only sentences with a position word (lexicon, bundled title or the rule
        linker's mark) are tagged — no position, no official — the rest are "O"."""
        if not words:
            return []
        rule = rule or ["O"] * len(words)
        lex = _lexicons()
        sent = sentence_ids(words)
        keep = {
            sent[i]
            for i, w in enumerate(words)
            if w.lower() in lex["pos_first"]
            or BUNDLED.match(w)
            or TITLE_START.match(w)
            or rule[i] == "POSITION"
        }
        tags = ["O"] * len(words)
        i = 0
        while i < len(words):
            j = i
            while j < len(words) and sent[j] == sent[i]:
                j += 1
            if sent[i] in keep:
                feats = token_features(words[i:j], ner[i:j], regions[i:j], rule[i:j])
                tags[i:j] = self.tagger.tag(feats)
            i = j
        return tags

    def link_probability(self, feats: Iterable[str]) -> float:
        return _sigmoid(self.link_bias + sum(self.link.get(f, 0.0) for f in feats))

    def officials(
        self, text: str, toks: list[Tok], tags: list[str], rule: list[str] | None = None
    ) -> list[dict]:
        words = [t.text for t in toks]
        spans = bio_spans(tags)
        sent = sentence_ids(words)
        pairs = []
        for p in (s for s in spans if s[2] == "POS"):
            for q in (s for s in spans if s[2] == "PER"):
                if sent[p[0]] != sent[q[0]]:
                    continue
                prob = self.link_probability(pair_features(words, spans, p, q, rule))
                if prob >= self.threshold:
                    pairs.append((prob, p, q))
        used_pos: set[tuple] = set()
        out = []
        for prob, p, q in sorted(pairs, key=lambda x: -x[0]):
            if p in used_pos:
                continue
            used_pos.add(p)
            start = min(toks[p[0]].start, toks[q[0]].start)
            end = max(toks[p[1] - 1].end, toks[q[1] - 1].end)
            former = any(w.lower() in FORMER_WORDS for w in words[max(0, p[0] - 2) : p[0]])
            first = p[0]
            if first > 0 and words[first - 1].lower().rstrip(".") in ACTING:
                first -= 1  # "Plt Ketua", "Pj Bupati": the acting prefix is part of the position
            out.append(
                {
                    "name": text[toks[q[0]].start : toks[q[1] - 1].end],
                    "position": _title(text[toks[first].start : toks[p[1] - 1].end]),
                    "institution": institution(toks, spans, p, q, text),
                    "evidence": text[start:end],
                    "start": start,
                    "end": end,
                    "former": former,
                    "confidence": round(prob, 3),
                }
            )
        out.sort(key=lambda o: int(o["start"] or 0))
        return out


def find_model(spec: str = "auto") -> Path | None:
    return find_versioned(spec, MODEL_PREFIX, "linker.json", "a Pantau officials model")


@lru_cache(maxsize=2)
def load_model(path: str) -> OfficialsModel:
    return OfficialsModel.load(Path(path))
