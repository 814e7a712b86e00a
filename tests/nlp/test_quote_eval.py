"""Quote scoring (the shared scorer's rules) and the evaluate-quotes command."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from nlp.quotes.evaluate import evaluate_items, jaccard, same_speaker
from pantau.cli_nlp import nlp


def test_matching_rules() -> None:
    assert jaccard((0, 10), (5, 15)) == 5 / 15
    assert same_speaker("Khozin", "Muhammad Khozin")  # the gold name's last word
    assert same_speaker("Ketua KPU Budi Santoso", "Budi Santoso")  # contains it
    assert not same_speaker("Budi", "Siti Aminah")
    assert not same_speaker(None, "Budi")


def test_evaluate_items_counts_spans_and_speakers() -> None:
    gold = [{"start": 0, "end": 10, "kind": "direct", "speaker": "Budi Santoso"},
            {"start": 20, "end": 40, "kind": "indirect", "speaker": "Siti Aminah"}]  # fmt: skip
    pred = [{"start": 0, "end": 9, "speaker": "Santoso", "confidence": 0.9},
            {"start": 20, "end": 40, "speaker": "Budi", "confidence": 0.7},
            {"start": 50, "end": 60, "speaker": "X", "confidence": 0.4}]  # fmt: skip
    r = evaluate_items([{"quotes": gold}], lambda item: pred)
    assert (r["quotes"]["tp"], r["quotes"]["fp"], r["quotes"]["fn"]) == (2, 1, 0)
    assert r["attribution_accuracy"] == 0.5
    assert r["recall_by_kind"] == {"direct": 1.0, "indirect": 1.0}


def test_evaluate_quotes_command(tmp_path: Path) -> None:
    text = (
        "Ketua KPU Kota Malang Budi Santoso mengatakan pendaftaran pemilih diperpanjang. "
        '"Kami ingin semua warga terdaftar," kata Budi.'
    )
    start = text.index("pendaftaran")
    q2 = text.index("Kami")
    item = {"id": "ex1", "text": text, "quotes": [
        {"start": start, "end": start + len("pendaftaran pemilih diperpanjang"),
         "kind": "indirect", "speaker": "Budi Santoso"},
        {"start": q2, "end": q2 + len("Kami ingin semua warga terdaftar"), "kind": "direct",
         "speaker": "Budi Santoso"}]}  # fmt: skip
    data = tmp_path / "q.jsonl"
    data.write_text(json.dumps(item) + "\n", encoding="utf-8")
    result = CliRunner().invoke(nlp, ["evaluate-quotes", "--data", str(data)])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["quotes"]["tp"] == 2 and out["attributed_f1"] == 1.0
    bad = CliRunner().invoke(nlp, ["evaluate-quotes"])
    assert bad.exit_code != 0 and "exactly one" in bad.output
