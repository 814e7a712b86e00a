"""The assembled pipeline and the extraction contract (shapes as in docs/ARCHITECTURE.md)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from nlp.extract import Extractor
from nlp.pipeline import find_model

DESIGN_TEXT = (
    "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan timnya menerima laporan warga."
)


@pytest.fixture(scope="module")
def rules() -> Extractor:
    return Extractor(model="none")


@pytest.fixture(scope="module")
def full() -> Extractor:
    if find_model("auto") is None:
        pytest.skip("no trained NER model under models/ yet")
    return Extractor(model="auto")


def test_the_design_example_gives_the_contract_output(rules: Extractor) -> None:
    out = rules.extract(DESIGN_TEXT)
    assert {"text": "Fathul Qorib", "label": "PER", "start": 36, "end": 48,
            "canonical": "Fathul Qorib"} in out["entities"]  # fmt: skip
    assert {
        "text": "Bawaslu Kabupaten Probolinggo",
        "label": "ORG",
        "start": 6,
        "end": 35,
        "code": "35.13",
        "canonical": "Bawaslu Kabupaten Probolinggo",
    } in out["entities"]
    official = out["officials"][0]
    assert {
        k: official[k]
        for k in ("name", "position", "institution", "region", "region_code", "start", "end")
    } == {
        "name": "Fathul Qorib",
        "position": "Ketua",
        "institution": "Bawaslu Kabupaten Probolinggo",
        "region": "Kabupaten Probolinggo",
        "region_code": "35.13",
        "start": 0,
        "end": 48,
    }
    assert official["evidence"] == DESIGN_TEXT[0:48]
    assert out["organizations"][0]["canonical"] == "Bawaslu Kabupaten Probolinggo"
    assert out["organizations"][0]["acronym"] == "Bawaslu"
    for e in out["entities"]:
        assert DESIGN_TEXT[e["start"] : e["end"]] == e["text"]


def test_reports_and_mentions_are_separated(rules: Extractor) -> None:
    report = rules.extract(
        "Bawaslu menemukan relawan membagikan amplop berisi uang kepada warga menjelang pencoblosan pilkada."
    )
    assert [v["category"] for v in report["violations"]] == ["politik_uang"]
    appeal = rules.extract("Bawaslu mengimbau masyarakat menolak politik uang menjelang pilkada.")
    assert appeal["violations"] == [] and appeal["mentioned_violations"] == ["politik_uang"]


def test_title_is_analysed_with_offsets_into_the_title(rules: Extractor) -> None:
    out = rules.extract(
        "Isi berita tanpa kata kunci.", title="Bawaslu Temukan Politik Uang di Pilkada Garut"
    )
    (violation,) = out["violations"]
    assert violation["field"] == "title" and violation["start"] == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "The election commission said turnout was high.",
        "选举委员会 Комиссия 選挙 بوسلو",
        "Bawaslu\x00\x07 menemukan\x1b politik uang",
        "a" * 5000,
        "Ketua " * 3000,
    ],
)
def test_bad_input_gives_a_valid_result(rules: Extractor, text: str) -> None:
    out = rules.extract(text)
    assert set(out) >= {
        "entities",
        "officials",
        "organizations",
        "violations",
        "mentioned_violations",
    }
    for e in out["entities"]:
        assert 0 <= e["start"] < e["end"] <= len(text)


def test_a_megabyte_of_text_is_processed_and_too_much_is_refused(rules: Extractor) -> None:
    paragraph = "Ketua KPU Kota Surabaya Budi Santoso mengatakan logistik pemilu sudah siap. "
    big = paragraph * (1_000_000 // len(paragraph))
    out = rules.extract(big)
    assert [o["name"] for o in out["officials"]] == ["Budi Santoso"]  # one official, repeated
    assert len([e for e in out["entities"] if e["label"] == "ORG"]) > 10_000
    results = list(rules.extract_records([{"id": "x", "text": "a" * 2_000_000}]))
    assert "limit" in results[0]["error"]


@Language.component("pantau_test_fail_on_kpu")
def _fail_on_kpu(doc: Doc) -> Doc:
    """A component that breaks on one kind of record."""
    if doc.text.startswith("KPU"):
        raise RuntimeError("boom")
    return doc


def test_batched_records_match_one_by_one_and_a_failure_stays_with_its_record() -> None:
    extractor = Extractor(model="none")
    texts = [DESIGN_TEXT, "KPU menetapkan jadwal.", "Bawaslu menerima laporan politik uang."]
    records = [{"id": i, "text": t, "title": "Pemilu"} for i, t in enumerate(texts)]
    one_by_one = [{"id": i, **extractor.extract(t, "Pemilu")} for i, t in enumerate(texts)]
    assert list(extractor.extract_records(records, batch_size=2)) == one_by_one

    extractor.nlp.add_pipe("pantau_test_fail_on_kpu", last=True)
    results = list(extractor.extract_records(records, batch_size=3))
    assert [r["id"] for r in results] == [0, 1, 2]
    assert results[0] == one_by_one[0] and results[2] == one_by_one[2]
    assert results[1]["error"] == "extraction failed: RuntimeError: boom"


def test_trained_model_keeps_the_contract(full: Extractor) -> None:
    out = full.extract(DESIGN_TEXT)
    labels = {(e["text"], e["label"]) for e in out["entities"]}
    assert ("Fathul Qorib", "PER") in labels
    # With a model, entities follow the public NER sets (body ORG, region LOC, with its code);
    # the whole unit is the organization and the official's institution.
    assert {("Bawaslu", "ORG"), ("Kabupaten Probolinggo", "LOC")} <= labels
    region = next(e for e in out["entities"] if e["text"] == "Kabupaten Probolinggo")
    assert region["code"] == "35.13"
    assert "Bawaslu Kabupaten Probolinggo" in {o["name"] for o in out["organizations"]}
    assert out["officials"][0]["name"] == "Fathul Qorib"
    assert out["officials"][0]["institution"] == "Bawaslu Kabupaten Probolinggo"


def test_rules_first_order_is_still_available() -> None:
    """`rules_first` restores gazetteers before the model (kept for comparison)."""
    from nlp.pipeline import build_pipeline

    nlp = build_pipeline("auto", rules_first=True)
    assert nlp.pipe_names.index("election_ruler") < nlp.pipe_names.index("ner")
    out = Extractor(nlp=nlp).extract(DESIGN_TEXT)
    assert ("Bawaslu Kabupaten Probolinggo", "ORG") in {
        (e["text"], e["label"]) for e in out["entities"]
    }


def test_model_spans_win_over_the_region_gazetteer(full: Extractor) -> None:
    """A region name inside a person's name stays part of the name; a bare one-word region
    the model did not tag is only added after a preposition of place."""
    from nlp.components.regions import RegionMarker

    nlp = full.nlp
    doc = nlp.make_doc("Warga Jember datang ke Jember kemarin.")
    doc = RegionMarker(defer=True)(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Jember", "LOC")]
    assert doc.ents[0].start_char == len("Warga Jember datang ke ")


def test_extract_command_streams_jsonl_and_reports_bad_records() -> None:
    lines = [
        json.dumps({"id": "a", "text": DESIGN_TEXT}),
        "{not json",
        json.dumps({"id": "b"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"id": "c", "text": "KPU menetapkan jadwal.", "title": "Jadwal"}),
    ]
    done = subprocess.run(
        [sys.executable, "-m", "pantau", "extract", "--model", "none"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    out = [json.loads(line) for line in done.stdout.splitlines()]
    assert [o.get("id") for o in out] == ["a", None, "b", None, "c"]
    assert out[0]["officials"][0]["name"] == "Fathul Qorib"
    assert (
        "invalid JSON" in out[1]["error"]
        and "text" in out[2]["error"]
        and "object" in out[3]["error"]
    )
    assert "error" not in out[4]


def test_extract_with_workers_keeps_input_order_and_matches_one_process(tmp_path: Path) -> None:
    lines = []
    for i in range(150):  # three chunks of 64 records, bad lines in the first and the last
        if i in (3, 140):
            lines.append("{broken")
        else:
            text = f"Bawaslu Kota Medan menemukan politik uang di TPS {i}. " + DESIGN_TEXT
            lines.append(json.dumps({"id": f"r{i}", "text": text}))
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")

    def run(workers: int) -> list[dict]:
        done = subprocess.run(
            [sys.executable, "-m", "pantau", "extract", "--model", "none",
             "--workers", str(workers), "--input", str(source)],
            capture_output=True, text=True, timeout=300,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        return [json.loads(line) for line in done.stdout.splitlines()]

    parallel = run(2)
    assert [o["id"] for o in parallel] == [None if i in (3, 140) else f"r{i}" for i in range(150)]
    assert "invalid JSON" in parallel[140]["error"]
    assert parallel[149]["officials"][0]["name"] == "Fathul Qorib"
    assert parallel == run(1)
