"""Indonesian labels for the slugs the pages show (slugs stay the API's values)."""

from __future__ import annotations

VIOLATION_LABELS = {
    "politik_uang": "Politik uang",
    "netralitas": "Netralitas ASN/TNI/Polri",
    "fasilitas_negara": "Penyalahgunaan fasilitas negara",
    "kampanye_hitam": "Kampanye hitam & hoaks",
    "sara": "Politisasi SARA",
    "intimidasi": "Intimidasi & kekerasan",
    "manipulasi_suara": "Manipulasi suara",
    "kampanye_ilegal": "Kampanye di luar ketentuan",
    "dana_kampanye": "Dana kampanye ilegal",
    "penyelenggara": "Pelanggaran penyelenggara",
    "hak_pilih": "Hak pilih & daftar pemilih",
}

STATUS_LABELS = {
    "alleged": "dugaan",
    "investigated": "diusut",
    "found": "ditemukan",
    "sanctioned": "disanksi",
    "denied": "dibantah",
}

LABEL_NAMES = {"PER": "Tokoh", "ORG": "Organisasi", "LOC": "Wilayah"}


def violation_label(slug: str) -> str:
    return VIOLATION_LABELS.get(slug, slug.replace("_", " ").capitalize())


def status_label(slug: str) -> str:
    return STATUS_LABELS.get(slug, slug)


def install_filters(env: object) -> None:
    """Register the label filters on a Jinja2 environment."""
    filters = env.filters  # type: ignore[attr-defined]
    filters["violation_label"] = violation_label
    filters["status_label"] = status_label
    filters["label_name"] = lambda label: LABEL_NAMES.get(label, label)
