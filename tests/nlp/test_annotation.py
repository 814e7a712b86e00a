"""Annotation tooling: checks, stand-off conversion, agreement, frozen test splits."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nlp.annotation.agreement import kappa
from nlp.annotation.check import check_entity, check_violation, find_spans
from nlp.annotation.evaluate import normalise_official
from nlp.annotation.pool import ANNOTATIONS, frozen_ids, load_labels
from nlp.training.pool_corpus import split_region_tail, to_sentence

TEXT = "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan Ketua KPU juga hadir."


def test_find_spans_in_reading_order_and_reports_what_is_missing() -> None:
    spans, errs = find_spans(TEXT, [["Ketua", "POS"], ["Fathul Qorib", "PER"], ["Ketua", "POS"]])
    assert spans == [[0, 5, "POS"], [36, 48, "PER"], [60, 65, "POS"]]
    assert errs == []
    _, errs = find_spans(TEXT, [["Fathul Qoriib", "PER"], ["KPU", "XYZ"]])
    assert errs == ["'Fathul Qoriib' not in the text", "label 'XYZ' of 'KPU'"]
    _, errs = find_spans(TEXT, [["Bawaslu Kabupaten", "ORG"], ["Kabupaten Probolinggo", "LOC"]])
    assert errs and "overlapping" in errs[0]


def test_entity_labels_become_offsets_without_text() -> None:
    rec = {
        "id": "X1",
        "entities": [["Ketua", "POS"], ["Bawaslu Kabupaten Probolinggo", "ORG"], ["Fathul Qorib", "PER"]],
        "officials": [{"name": "Fathul Qorib", "position": "Ketua",
                       "institution": "Bawaslu Kabupaten Probolinggo"}],
    }  # fmt: skip
    conv, errs = check_entity(rec, TEXT)
    assert errs == []
    assert conv["spans"] == [[0, 5, "POS"], [6, 35, "ORG"], [36, 48, "PER"]]
    assert conv["officials"][0]["person"] == [36, 48]
    assert conv["officials"][0]["position"] == [0, 5]


def test_violation_label_rules() -> None:
    ok = {"reported": ["politik_uang"], "status": "alleged", "mentioned": []}
    assert check_violation(ok) == []
    assert check_violation({**ok, "status": "none"})  # a report needs a report status
    assert check_violation({"reported": [], "status": "found", "mentioned": []})
    assert check_violation({**ok, "mentioned": ["politik_uang"]})  # not both
    assert check_violation({**ok, "reported": ["korupsi"]})


def test_kappa() -> None:
    assert kappa([True, False, True, False], [True, False, True, False]) == 1.0
    assert kappa([True, True, False, False], [True, False, True, False]) == 0.0
    assert kappa([False, False], [False, False]) is None


def test_stored_labels_are_stand_off_only() -> None:
    """No pool text may live in the project: only ids, offsets and labels."""
    allowed = {
        "violations": {"id", "reported", "status", "mentioned", "annotator"},
        "entities": {"id", "spans", "officials", "annotator"},
        "quotes": {"id", "quotes", "annotator"},
    }
    quote_keys = {"start", "end", "kind", "speaker", "speaker_mention", "cue"}
    official_keys = {"name", "position_text", "institution_text", "former", "person", "position"}
    files = list(ANNOTATIONS.glob("*/*/*.jsonl"))
    assert files, "no annotations found"
    for path in files:
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            assert set(rec) <= allowed[path.parts[-3]], path
            assert "text" not in rec
            for o in rec.get("officials", []):
                assert set(o) <= official_keys
            for q in rec.get("quotes", []):
                assert set(q) <= quote_keys


def test_frozen_test_splits_are_disjoint_from_training() -> None:
    from nlp.training.violations import labelled_items

    for task in ("violations", "entities"):
        frozen = frozen_ids(task)
        labels = load_labels(task)
        assert frozen and len(frozen) < len(labels) / 4
    frozen = frozen_ids("violations")
    train = [it for it in labelled_items() if it["id"] not in frozen]
    assert train and not {it["id"] for it in train} & frozen


def test_official_normalisation_follows_the_later_decisions() -> None:
    text = "Plt Ketua Badan Gizi Nasional (BGN) Budi Santoso hadir."
    o = {"name": "Budi Santoso", "position_text": "Ketua", "position": [4, 9],
         "institution_text": "Badan Gizi Nasional", "person": [36, 48]}  # fmt: skip
    n = normalise_official(text, o)
    assert n["position_text"] == "Plt Ketua"
    assert n["institution_text"] == "Badan Gizi Nasional (BGN)"


def test_org_with_region_splits_for_the_ner() -> None:
    text = "Bawaslu Kabupaten Jember menerima laporan."
    assert split_region_tail(text, 0, 24) == [(0, 7, "ORG"), (8, 24, "LOC")]
    assert split_region_tail("DPW PPP Jawa Barat", 0, 18) == [(0, 18, "ORG")]
    sent = to_sentence(text, [[0, 24, "ORG"]])
    assert sent is not None
    assert sent.tags[:4] == ["B-ORG", "B-LOC", "I-LOC", "O"]


@pytest.mark.parametrize("task", ["violations", "entities", "quotes"])
def test_agreement_command_reports_the_double_annotated_sample(task: str) -> None:
    from click.testing import CliRunner

    from pantau.cli_nlp import nlp

    result = CliRunner().invoke(nlp, ["agreement", task])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    size = data["articles"] if task == "quotes" else data["items"]
    assert size >= (18 if task == "quotes" else 100)
    key = {"violations": "reported_micro_f1", "entities": "span_f1", "quotes": "quote_f1"}[task]
    assert 0.5 < data[key] <= 1.0


def test_annotation_guidelines_exist() -> None:
    doc = Path(__file__).resolve().parents[2] / "docs" / "annotation.md"
    text = doc.read_text(encoding="utf-8")
    assert "Task V" in text and "Task E" in text and "test split" in text


def test_queue_lists_unlabelled_items_closest_to_the_threshold(tmp_path: Path) -> None:
    from nlp.annotation.queue import queue
    from nlp.extract import Extractor
    from nlp.pipeline import build_pipeline
    from pantau.settings import Settings

    pool = tmp_path / "pool.jsonl"
    items = [  # our own sentences; ids that no annotation uses
        {"id": "Z1", "text": "Ketua KPU Kota Malang Budi Santoso membuka rapat pleno."},
        {"id": "Z2", "text": "Hujan deras mengguyur kota sejak pagi."},
        {"id": "Z3", "text": "Kepala Dinas Pendidikan hadir dalam acara itu."},
    ]
    pool.write_text("\n".join(json.dumps(i) for i in items) + "\n", encoding="utf-8")
    nlp = build_pipeline("auto", settings=Settings(officials_model="auto"))
    out = queue(pool, 5, "officials", Extractor(nlp=nlp))
    ids = [r["id"] for r in out]
    assert "Z2" not in ids  # nothing to ask about
    assert "Z3" in ids  # a position word and no official
    assert all(0 <= r["score"] <= 1 and r["why"] for r in out)
    assert all("text" not in r for r in out)
