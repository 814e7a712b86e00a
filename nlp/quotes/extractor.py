"""Statement extraction: a cue lexicon, quotation-mark pairing and speaker resolution.

Direct statements are the words between quotation marks that an attribution clause claims as
said: after the closing mark (``"...," kata X`` / ``ujarnya``), before the opening mark (``X
mengatakan, "..."`` / ``Menurut X, "..."`` / ``X: "..."``), or a quote that continues the
previous one (``"A," kata X, "B."``). Quotation marks with no attribution (titles, slogans,
scare quotes) are not statements. Indirect statements are the clause after a speech verb
(``X mengatakan (bahwa) ...``) or after ``Menurut X,`` — only when a speaker is found: an
agentless passive says nothing about who spoke.

Speakers are PER/ORG entities of the pipeline (or a run of capitalised words the NER missed);
``ia``, ``dia``, ``beliau``, ``-nya`` clitics (``ujarnya``, ``Menurutnya``) and epithets resolve
to the last established speaker; a partial name ("Khozin") resolves to the full name the
article introduced ("Muhammad Khozin").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.violations.sentences import split_sentences

# Attribution after a closing quotation mark: "...," kata X / ujarnya / tutur dia.
POST_CUES = (
    "kata", "ujar", "tutur", "ucap", "jelas", "tegas", "imbuh", "tambah", "sebut", "terang",
    "papar", "lanjut", "ungkap", "pungkas", "tandas", "bilang", "seru", "kilah", "akunya",
    "katanya", "ujarnya", "tuturnya", "ucapnya", "jelasnya", "tegasnya", "imbuhnya",
    "tambahnya", "sebutnya", "terangnya", "paparnya", "lanjutnya", "ungkapnya", "pungkasnya",
    "tandasnya", "serunya", "kilahnya", "berujar", "menurutnya",
)  # fmt: skip
# Speech verbs that introduce what someone said (direct or indirect).
SPEECH_VERBS = (
    "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "menilai", "menyebut",
    "menyebutkan", "mengungkapkan", "menuturkan", "menambahkan", "menekankan", "mengaku",
    "meminta", "mengingatkan", "mengajak", "mendorong", "berharap", "berjanji", "menjamin",
    "mempertanyakan", "mengeluhkan", "mencontohkan", "memastikan", "membantah", "menampik",
    "menyampaikan", "mengimbau", "menduga", "memperkirakan", "menerangkan", "memaparkan",
    "mengklaim", "berpendapat", "menganggap", "menginstruksikan", "mengusulkan", "berujar",
    "mengutarakan", "mengemukakan", "menandaskan", "mengungkap", "menyoroti", "mengkritik",
    "menyarankan", "mengharapkan", "menuding", "menuturkan", "mengakui", "menjanjikan",
    "melaporkan", "mewanti-wanti", "mengimbuhkan", "memprediksi", "menanggapi",
    "memperingatkan", "menuduh", "menginformasikan", "mengumumkan", "mencatat", "mendesak",
    "menuntut", "menyimpulkan", "mengonfirmasi", "membenarkan", "menyerukan", "mengimbau",
    "menerangkan", "menyinggung", "menyatakan", "menginginkan", "meyakini", "mengingatkan",
)  # fmt: skip
# Words a run of capitalised words must not be: days, months, sentence openers.
NOT_NAMES = frozenset(
    [
        "senin",
        "selasa",
        "rabu",
        "kamis",
        "jumat",
        "sabtu",
        "minggu",
        "januari",
        "februari",
        "maret",
        "april",
        "mei",
        "juni",
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
        "sementara",
        "selain",
        "namun",
        "menurut",
        "adapun",
        "sebelumnya",
        "kemudian",
        "lebih",
    ]
)
PRONOUNS = {"ia", "dia", "beliau", "mereka"}
HONORIFICS = frozenset(
    [
        "saudara",
        "saudari",
        "sdr",
        "bapak",
        "ibu",
        "pak",
        "bu",
        "tuan",
        "nyonya",
        "kak",
        "mas",
        "mbak",
        "bung",
    ]
)
QUOTE_PAIRS = (("“", "”"), ('"', '"'))

_POST = re.compile(
    r"\s*[,.]?\s*(?P<cue>" + "|".join(sorted(POST_CUES, key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_VERB = re.compile(
    r"\b(?P<verb>" + "|".join(sorted(set(SPEECH_VERBS), key=len, reverse=True)) + r")\b"
)
_MENURUT = re.compile(r"\b(?P<cue>[Mm]enurut(?:nya)?)\b")
_CAPS = re.compile(r"(?:[A-Z][\w'.-]*\s+){0,4}[A-Z][\w'.-]*")
_TRAIL = " ,.;:"


@dataclass
class Speaker:
    name: str
    start: int
    end: int


@dataclass
class _Ent:
    text: str
    start: int
    end: int
    label: str


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in " ,:":
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def _quote_spans(text: str) -> list[tuple[int, int, int, int]]:
    """(open, close, content_start, content_end) of every pair of quotation marks."""
    out = []
    for a, b in QUOTE_PAIRS:
        pos = 0
        while True:
            i = text.find(a, pos)
            if i < 0:
                break
            j = text.find(b, i + 1)
            if j < 0:
                break
            out.append((i, j + 1, i + 1, j))
            pos = j + 1
    out.sort()
    kept: list[tuple[int, int, int, int]] = []
    for q in out:
        if kept and q[0] < kept[-1][1]:
            continue
        kept.append(q)
    return kept


class _Resolver:
    """Keeps the article's established speakers: full names and the last one who spoke."""

    def __init__(self, ents: list[_Ent]) -> None:
        self.ents = ents
        self.names: list[str] = []
        self.last: Speaker | None = None

    def full(self, mention: str) -> str:
        """The full name an article introduced for a partial one ("Khozin") or its initials
        ("AHY" for "Agus Harimurti Yudhoyono")."""
        m = mention.lower()
        for name in reversed(self.names):
            parts = name.lower().split()
            if m == name.lower() or m in parts or (len(m) > 3 and m in name.lower()):
                return name
            initials = "".join(p[0] for p in parts)
            if mention.isupper() and len(parts) == len(mention) >= 2 and initials == m:
                return name
        return mention

    def establish(self, name: str, start: int, end: int) -> Speaker:
        words = name.split()
        while len(words) > 1 and words[0].lower().rstrip(".") in HONORIFICS:
            start += len(words[0]) + 1
            words = words[1:]
        name = " ".join(words)
        full = self.full(name)
        if full == name and name not in self.names:
            self.names.append(name)
        self.last = Speaker(full, start, end)
        return self.last

    def entity_in(self, start: int, end: int, last: bool = True) -> _Ent | None:
        """A person in the window when there is one (the last or the first), else an
        organization or a place speaking for itself ("Hamas", "Portugal")."""
        found = [e for e in self.ents if e.start >= start and e.end <= end]
        if not found:
            return None
        people = [e for e in found if e.label == "PER"] or found
        return people[-1] if last else people[0]


def _caps_before(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The last run of capitalised words in text[start:end] (a name the NER missed)."""
    best = None
    for m in _CAPS.finditer(text, start, end):
        words = m.group(0).rstrip(".").split()
        while words and words[0].lower().rstrip(".") in NOT_NAMES:
            words = words[1:]
        if words and m.start() > 0 and text[m.start() - 1] not in '."“':
            run = " ".join(words)
            if len(run) >= 3 and not run.lower().endswith("nya"):
                at = m.start() + m.group(0).index(run)
                best = (at, at + len(run))
    return best


def extract_quotes(
    text: str, entities: list[dict] | None = None, officials: list[dict] | None = None
) -> list[dict]:
    """Statements of ``text`` in reading order; see the module docstring."""
    if not text or not text.strip():
        return []
    ents = [
        _Ent(e["text"], e["start"], e["end"], e["label"])
        for e in entities or []
        if e.get("label") in ("PER", "ORG", "LOC")
    ]
    by_name = {o["name"]: o for o in officials or []}
    res = _Resolver(sorted(ents, key=lambda e: e.start))
    for e in res.ents:  # names the article introduces, in order, for partial-name lookups
        if e.label == "PER" and len(e.text.split()) > 1 and e.text not in res.names:
            res.names.append(e.text)
    sentences = split_sentences(text)
    marks = _quote_spans(text)
    quotes = _direct(text, res, sentences, marks)
    quotes += _indirect(text, res, sentences, [(q[0], q[1]) for q in marks])
    quotes.sort(key=lambda q: q["start"])
    # second pass for speakers in order: pronouns point to the last speaker before them
    last: Speaker | None = None
    for q in quotes:
        if q.pop("_pronoun", False):
            if last is None:
                q["speaker"] = None
                q["confidence"] = 0.3
            else:
                q["speaker"], q["speaker_start"], q["speaker_end"] = last.name, last.start, last.end
        elif q["speaker"]:
            q["speaker"] = res.full(q["speaker"])
            last = Speaker(q["speaker"], q["speaker_start"], q["speaker_end"])
        official = by_name.get(q["speaker"] or "")
        if official:
            q["official"] = {
                "position": official.get("position"),
                "institution": official.get("institution"),
            }
    return [q for q in quotes if q["end"] > q["start"]]


def _record(
    text: str, start: int, end: int, kind: str, cue: str, speaker: Speaker | None,
    pronoun: bool, confidence: float,
) -> dict:  # fmt: skip
    return {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": kind,
        "speaker": speaker.name if speaker else None,
        "speaker_start": speaker.start if speaker else None,
        "speaker_end": speaker.end if speaker else None,
        "cue": cue,
        "confidence": confidence,
        "_pronoun": pronoun,
    }


def _speaker_after(
    text: str, res: _Resolver, start: int, limit: int
) -> tuple[Speaker | None, bool]:
    """Speaker named after a post-quote cue: "kata Ketua KPU Budi", "ujar dia", "ujarnya"."""
    window = text[start:limit]
    m = re.match(r"\s*(dia|ia|beliau)\b", window, re.IGNORECASE)
    if m:
        return None, True
    ent = res.entity_in(start, limit, last=False)
    stop = re.search(r"[.;]\s|,\s+(?:saat|ketika|di|pada|dalam|usai|seusai|kepada)\b", window)
    if ent is not None and (stop is None or ent.start < start + stop.start()):
        return res.establish(ent.text, ent.start, ent.end), False
    caps = _caps_before(text, start, start + (stop.start() if stop else min(len(window), 60)))
    if caps:
        return res.establish(text[caps[0] : caps[1]], caps[0], caps[1]), False
    return None, True


_ADVERBS = re.compile(
    r"(?:\s+(?:juga|pun|kala itu|saat itu|kemudian|lalu|sendiri|sebelumnya|telah|sudah|"
    r"pernah|turut|lantas|bahkan|kembali|secara tegas|dengan tegas))+\s*$",
    re.IGNORECASE,
)
_GROUP_PRONOUNS = re.compile(r"\b(mereka|pihaknya|kelompok tersebut|keduanya)\s*$", re.I)


def _speaker_before(text: str, res: _Resolver, start: int, end: int) -> tuple[Speaker | None, bool]:
    """Subject of a speech verb between ``start`` (sentence start) and ``end`` (the verb)."""
    head = text[start:end]
    if re.match(r"\s*(ia|dia|beliau)\b", head, re.IGNORECASE) or not head.strip():
        return None, True
    ent = res.entity_in(start, end)
    if ent is not None:
        return res.establish(ent.text, ent.start, ent.end), False
    # the words right before the verb (adverbs skipped): a pronoun or a name the NER missed
    core = _ADVERBS.sub("", head).rstrip()
    if re.search(r"\b(ia|dia|beliau)$", core, re.IGNORECASE) or _GROUP_PRONOUNS.search(core):
        return None, True
    m = re.search(r"((?:[A-Z][\w'.-]*\s+){0,4}[A-Z][\w'.-]*)$", core)
    if m:
        words = m.group(1).split()
        while words and words[0].lower().rstrip(".") in NOT_NAMES:
            words = words[1:]
        run = " ".join(words)
        if len(run) >= 3:
            at = start + m.end(1) - len(run)
            return res.establish(run, at, at + len(run)), False
    caps = _caps_before(text, start, end)
    if caps and caps[0] > start:  # a capitalised run that is not just the sentence's first word
        return res.establish(text[caps[0] : caps[1]], caps[0], caps[1]), False
    return None, False


def _direct(
    text: str, res: _Resolver, sentences: list, marks: list[tuple[int, int, int, int]]
) -> list[dict]:
    out: list[dict] = []
    prev_end = -1
    prev_speaker: tuple[Speaker | None, bool] | None = None
    for open_, close, cs, ce in marks:
        start, end = _strip(text, cs, ce)
        if end <= start:
            continue
        sent_start = max((s.start for s in sentences if s.start <= open_), default=0)
        after = _POST.match(text, close)
        speaker: Speaker | None = None
        pronoun = False
        cue = ""
        if after:
            cue = after.group("cue")
            if cue.lower().endswith("nya"):
                pronoun = True
            else:
                sent_end = min((s.end for s in sentences if s.end > after.end()), default=len(text))
                speaker, pronoun = _speaker_after(text, res, after.end(), sent_end)
            confidence = 0.9 if speaker else 0.8
        else:
            before = text[sent_start:open_]
            verb = list(_VERB.finditer(before))
            menurut = list(_MENURUT.finditer(before))
            colon = before.rstrip().endswith(":")
            if menurut:
                cue = menurut[-1].group("cue")
                if cue.lower().endswith("nya"):
                    pronoun = True
                else:
                    mstart = sent_start + menurut[-1].end()
                    ent = res.entity_in(mstart, open_, last=False)
                    if ent:
                        speaker = res.establish(ent.text, ent.start, ent.end)
                    else:
                        pronoun = True
                confidence = 0.8
            elif verb and (
                re.fullmatch(r"\s*[,:]?\s*(?:bahwa\s*)?", before[verb[-1].end() :])
                or re.search(r"[,:]\s*$", before[verb[-1].end() :])
            ):  # "X mengatakan (kepada wartawan), "..."" — not "menyebut acara itu "pesta""
                cue = verb[-1].group("verb")
                speaker, pronoun = _speaker_before(
                    text, res, sent_start, sent_start + verb[-1].start()
                )
                confidence = 0.8
            elif colon:
                cue = ":"
                speaker, pronoun = _speaker_before(text, res, sent_start, open_)
                confidence = 0.6
            elif prev_speaker is not None and 0 <= open_ - prev_end <= 60:
                cue = out[-1]["cue"] if out else ""
                speaker, pronoun = prev_speaker
                confidence = 0.75
            else:
                words = len(text[start:end].split())
                if words < 6 or (open_ - sent_start) > 0:
                    continue  # a title, a term or a scare quote: not speech
                # a whole-sentence quote right after a speaker spoke: the same speaker
                if res.last is None:
                    continue
                speaker, pronoun, cue, confidence = None, True, "", 0.5
            if speaker is None and not pronoun:
                continue
        out.append(_record(text, start, end, "direct", cue, speaker, pronoun, confidence))
        prev_end = after.end() if after else close
        prev_speaker = (speaker, pronoun)
    return out


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a - 1 <= start < b + 1 or a - 1 < end <= b + 1 for a, b in spans)


def _indirect(
    text: str, res: _Resolver, sentences: list, marks: list[tuple[int, int]]
) -> list[dict]:
    """Indirect statements outside quotation marks (``marks``: their open/close offsets)."""
    out: list[dict] = []
    for s in sentences:
        if any(a <= s.start and s.end <= b for a, b in marks):
            continue
        body = text[s.start : s.end]
        m = _MENURUT.match(body.lstrip())
        if m:
            lead = s.start + (len(body) - len(body.lstrip()))
            cue = m.group("cue")
            comma = text.find(",", lead + m.end(), s.end)
            if cue.lower().endswith("nya") and (comma < 0 or comma > lead + m.end() + 1):
                comma = lead + m.end()  # "Menurutnya hal itu ..." without a comma
            if comma < 0:
                continue
            if cue.lower().endswith("nya"):
                speaker, pronoun = None, True
            else:
                ent = res.entity_in(lead + m.end(), comma, last=False)
                if ent is None:
                    continue
                speaker, pronoun = res.establish(ent.text, ent.start, ent.end), False
            start, end = _strip(text, comma + 1, s.end)
            if _inside(marks, start, end) or len(text[start:end].split()) < 3:
                continue
            out.append(_record(text, start, end, "indirect", cue, speaker, pronoun, 0.7))
            continue
        inserted = re.search(
            r",\s*(?P<cue>kata|ujar|tutur|menurut|lanjut|tambah)\s+(?P<who>[^,]{1,60}),\s*", body
        )
        if inserted and inserted.start() > 0 and not _VERB.search(body[: inserted.start()]):
            start, end = _strip(text, s.start, s.end)
            who_start = s.start + inserted.start("who")
            who = text[who_start : s.start + inserted.end("who")]
            if who.lower() in PRONOUNS:
                speaker, pronoun = None, True
            else:
                ent = res.entity_in(who_start, who_start + len(who), last=False)
                speaker = res.establish(ent.text, ent.start, ent.end) if ent else None
                pronoun = speaker is None
            if not _inside(marks, start, end):
                out.append(
                    _record(text, start, end, "indirect", inserted.group("cue"), speaker,
                            pronoun, 0.6)
                )  # fmt: skip
            continue
        verb = _VERB.search(body)
        if not verb:
            continue
        vstart, vend = s.start + verb.start(), s.start + verb.end()
        if any(a <= vstart < b for a, b in marks):
            continue
        start = vend
        rest = text[start : s.end]
        lead = re.match(r"\s*(?:,\s*)?(?:bahwa\s+)?(?:,\s*)?", rest)
        start += lead.end() if lead else 0
        # the clause ends at the sentence end or where a direct quote starts
        end = s.end
        for a, _b in marks:
            if start <= a < end:
                end = a
                break
        start, end = _strip(text, start, end)
        if len(text[start:end].split()) < 3:
            continue
        speaker, pronoun = _speaker_before(text, res, s.start, vstart)
        if speaker is None and not pronoun:
            continue
        out.append(_record(text, start, end, "indirect", verb.group("verb"), speaker, pronoun, 0.7))
    return out
