"""The learned violation classifier: loading, decisions, pipeline wiring, output shape."""

from __future__ import annotations

from pathlib import Path

import pytest

from nlp.violations.model import ViolationModel, classify, find_model, load_model


@pytest.fixture(scope="module")
def model() -> ViolationModel:
    path = find_model("auto")
    assert path is not None, "no shipped violation classifier under models/"
    return load_model(str(path))


def test_a_reported_incident_is_reported(model: ViolationModel) -> None:
    r = classify("Bawaslu Temukan Dugaan Politik Uang oleh Caleg di Kabupaten Jember", None, model)
    assert [v["category"] for v in r.violations] == ["politik_uang"]
    v = r.violations[0]
    assert 0.0 < v["confidence"] <= 1.0 and v["status"] in ("alleged", "investigated", "found")
    assert v["evidence"].startswith("Bawaslu Temukan")


def test_an_appeal_is_a_mention_not_a_report(model: ViolationModel) -> None:
    r = classify("Bawaslu Imbau Warga Tolak Politik Uang Jelang Pencoblosan", None, model)
    assert r.violations == []
    assert "politik_uang" in r.mentioned


def test_threshold_one_reports_nothing_the_patterns_do_not_vouch_for(
    model: ViolationModel,
) -> None:
    text = "Stiker Capres Terpasang di Mobil Dinas Pemkab, Bawaslu Turun Tangan"
    strict = classify(text, None, model, threshold=1.0)
    floor = model.rule_floor if model.rule_floor is not None else 2.0
    from nlp.violations import detect

    vouched = {v["category"] for v in detect(text).violations if v["confidence"] >= floor}
    assert {v["category"] for v in strict.violations} == vouched


def test_save_and_load_round_trip(model: ViolationModel, tmp_path: Path) -> None:
    model.save(tmp_path / "m")
    again = ViolationModel.load(tmp_path / "m")
    assert again.threshold == model.threshold and again.rule_floor == model.rule_floor
    text = "KPU Diadukan ke DKPP karena Dugaan Pelanggaran Kode Etik"
    assert classify(text, None, again).violations == classify(text, None, model).violations


def test_pipeline_uses_the_classifier_when_asked() -> None:
    from nlp.extract import Extractor
    from nlp.pipeline import build_pipeline
    from pantau.settings import Settings

    nlp = build_pipeline("none", settings=Settings(violation_model="auto"))
    assert nlp.get_pipe("pantau_violations_v1").model is not None  # type: ignore[attr-defined]
    out = Extractor(nlp=nlp).extract(
        "Warga Desa Sukorejo melaporkan dugaan politik uang oleh tim sukses caleg Budi Santoso "
        "ke Bawaslu Kabupaten Malang."
    )
    cats = {v["category"]: v for v in out["violations"]}
    assert "politik_uang" in cats
    assert "Desa Sukorejo" not in cats["politik_uang"]["actors"]  # actors are never places
    none = build_pipeline("none", settings=Settings(violation_model="none"))
    assert none.get_pipe("pantau_violations_v1").model is None  # type: ignore[attr-defined]


def test_missing_model_directory_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"model\.json"):
        find_model(str(tmp_path))
