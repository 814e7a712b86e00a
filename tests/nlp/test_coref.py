"""Within-article coreference of names (nlp/coref.py)."""

from __future__ import annotations

from nlp.coref import link_names, person_canonical


def test_partial_names_and_initials_take_the_full_name() -> None:
    names = ["Arfan Syamsuddin", "Arfan", "Agus Harimurti Yudhoyono", "AHY"]
    assert person_canonical("Arfan", names) == "Arfan Syamsuddin"
    assert person_canonical("AHY", names) == "Agus Harimurti Yudhoyono"
    assert person_canonical("Arfan Syamsuddin", names) == "Arfan Syamsuddin"
    assert person_canonical("Budi", names) == "Budi"


def test_ambiguous_partial_name_stays_itself() -> None:
    assert person_canonical("Budi", ["Budi Santoso", "Budi Gunawan"]) == "Budi"


def test_entities_get_canonical_names() -> None:
    ents = [
        {"text": "Badan Pengawas Pemilihan Umum", "label": "ORG"},
        {"text": "Arfan Syamsuddin", "label": "PER"},
        {"text": "Bawaslu", "label": "ORG"},
        {"text": "Arfan", "label": "PER"},
        {"text": "Makassar", "label": "LOC"},
    ]
    orgs = [{"name": "Bawaslu", "canonical": "Bawaslu", "acronym": "Bawaslu"},
            {"name": "Badan Pengawas Pemilihan Umum", "canonical": "Bawaslu"}]  # fmt: skip
    link_names(ents, orgs)
    assert [e.get("canonical") for e in ents] == [
        "Bawaslu",
        "Arfan Syamsuddin",
        "Bawaslu",
        "Arfan Syamsuddin",
        None,
    ]


def test_extraction_output_carries_canonical_names() -> None:
    from nlp.extract import Extractor

    out = Extractor(model="none").extract(
        "Ketua Bawaslu Kota Makassar Arfan Syamsuddin meninjau gudang logistik."
    )
    got = {(e["text"], e["label"]): e.get("canonical") for e in out["entities"]}
    assert got[("Arfan Syamsuddin", "PER")] == "Arfan Syamsuddin"
    assert got[("Bawaslu Kota Makassar", "ORG")] == "Bawaslu Kota Makassar"
