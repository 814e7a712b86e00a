"""The transformers backend end to end on tiny random models built here (offline, no hub).

Models are rigged for exact assertions: position and token-type embeddings and every
layer's residual branches are zeroed, so each token's hidden state depends on its id only,
and the classifier reads the label straight from the word embedding.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from click.testing import CliRunner  # noqa: E402

from nlp.backends.labels import decode, map_label, parse_table  # noqa: E402
from nlp.backends.loading import TransformersModelError  # noqa: E402
from nlp.backends.transformers_ner import TransformersNER, window_starts  # noqa: E402
from nlp.extract import Extractor  # noqa: E402
from store.records import Analysis  # noqa: E402

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC",
          "B-PERSON", "I-PERSON", "S-GPE", "B-MISC"]  # fmt: skip
RIG = {"fathul": "B-PER", "qorib": "I-PER", "jose": "B-PERSON", "rizal": "I-PERSON",
       "surabaya": "S-GPE", "gadget": "B-MISC", "probolinggo": "B-PER"}  # fmt: skip
WORDS = ["ketua", "bawaslu", "kabupaten", "probolinggo", "fathul", "qorib", "mengatakan",
         "timnya", "menerima", "laporan", "warga", "di", "jose", "rizal", "surabaya", "gadget",
         "kata", "menemukan", "dugaan", "politik", "uang", "oleh", "tim", "sukses", "calon",
         "bupati", "menjelang", "pilkada", "dan", "yang", "##nya", "##an", ",", ".", "-", "("]  # fmt: skip
SPECIAL = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("TRANSFORMERS_OFFLINE", "1")


def make_model(
    path: Path, rigged: bool = True, kind: str = "token", rig: dict[str, str] | None = None
) -> Path:
    """A tiny BERT (token or sequence classifier) with its tokenizer, saved to ``path``."""
    path.mkdir(parents=True, exist_ok=True)
    vocab = SPECIAL + WORDS
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    tokenizer = transformers.BertTokenizerFast.from_pretrained(str(path))
    labels = LABELS if kind == "token" else ["mention", "report"]
    config = transformers.BertConfig(
        vocab_size=len(vocab), hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
        intermediate_size=64, id2label=dict(enumerate(labels)),
        label2id={name: i for i, name in enumerate(labels)},
    )  # fmt: skip
    torch.manual_seed(0)
    cls = (transformers.BertForTokenClassification if kind == "token"
           else transformers.BertForSequenceClassification)  # fmt: skip
    model = cls(config)
    if rigged and kind == "token":
        with torch.no_grad():
            emb = model.bert.embeddings
            emb.position_embeddings.weight.zero_()
            emb.token_type_embeddings.weight.zero_()
            for layer in model.bert.encoder.layer:
                for dense in (layer.attention.output.dense, layer.output.dense):
                    dense.weight.zero_()
                    dense.bias.zero_()
            emb.word_embeddings.weight.zero_()
            for token, idx in enumerate(vocab):
                label = (RIG if rig is None else rig).get(idx, "O")
                emb.word_embeddings.weight[token, LABELS.index(label)] = 10.0
            model.classifier.weight.zero_()
            model.classifier.weight[:, : len(LABELS)] = torch.eye(len(LABELS))
            model.classifier.bias.zero_()
    model.save_pretrained(path)
    tokenizer.save_pretrained(path)
    return path


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_model(tmp_path_factory.mktemp("tiny") / "ner")


def spans(found: list) -> list[tuple[str, str]]:
    return [(e.label, f"{e.start}:{e.end}") for e in found]


def test_offsets_survive_accents_emoji_and_extra_spaces(model_dir: Path) -> None:
    text = "Kata  José   Rizal di Surabaya, 😀 ketua  Fathul Qorib. Ada gadget."
    found = TransformersNER(model_dir, device="cpu").predict(text)
    assert [(e.label, text[e.start : e.end]) for e in found] == [
        ("PER", "José   Rizal"),
        ("LOC", "Surabaya"),
        ("PER", "Fathul Qorib"),
    ]  # B-MISC maps to nothing: dropped


def test_label_table_maps_foreign_names_and_can_be_overridden(model_dir: Path) -> None:
    table = parse_table(None)
    assert map_label("B-PERSON", table) == ("B", "PER")
    assert map_label("S-GPE", table) == ("S", "LOC")
    assert map_label("E-ORGANISATION", table) == ("E", "ORG")
    assert map_label("I-PLC", table) == ("I", "LOC")
    assert map_label("B-MISC", table) == ("O", "")
    assert map_label("PERSON", table) == ("I", "PER")  # IO scheme
    assert map_label("LABEL_3", parse_table('{"LABEL_3": "B-ORG"}')) == ("B", "ORG")
    assert decode([("B", "PER"), ("E", "PER"), ("S", "LOC"), ("I", "ORG"), ("O", "")]) == [
        (0, 2, "PER"), (2, 3, "LOC"), (3, 4, "ORG"),
    ]  # fmt: skip
    ner = TransformersNER(model_dir, labels='{"MISC": "ORG", "PERSON": null}', device="cpu")
    text = "Jose Rizal membeli gadget"
    assert [(e.label, text[e.start : e.end]) for e in ner.predict(text)] == [("ORG", "gadget")]
    with pytest.raises(ValueError, match="JSON"):
        parse_table("{not json")


def test_long_text_windows_map_back_exactly_without_duplicates(model_dir: Path) -> None:
    sentence = "Ketua  Fathul Qorib mengatakan di Surabaya, warga menerima laporan. "
    text = sentence * 40
    ner = TransformersNER(model_dir, device="cpu", max_length=16, stride=5, batch_size=4)
    assert ner.size == 14 and len(window_starts(len(ner._encode(text).ids), 14, 5)) > 20
    found = ner.predict(text)
    expected = sorted(
        [(m.start(), m.end(), "PER") for m in re.finditer("Fathul Qorib", text)]
        + [(m.start(), m.end(), "LOC") for m in re.finditer("Surabaya", text)]
    )
    assert [(e.start, e.end, e.label) for e in found] == expected
    assert all(text[e.start : e.end] in ("Fathul Qorib", "Surabaya") for e in found)
    assert window_starts(10, 4, 1) == [0, 3, 6]
    assert window_starts(3, 4, 1) == [0]


def test_batched_and_unbatched_predictions_agree(model_dir: Path) -> None:
    texts = ["Fathul Qorib di Surabaya.", "Kata Jose Rizal " * 30, "", "warga"]
    one = TransformersNER(model_dir, device="cpu", max_length=16, stride=4, batch_size=1)
    many = TransformersNER(model_dir, device="cpu", max_length=16, stride=4, batch_size=16)
    assert [spans(f) for f in one.predict_many(texts)] == [
        spans(f) for f in many.predict_many(texts)
    ]
    assert [spans(one.predict(t)) for t in texts] == [spans(f) for f in many.predict_many(texts)]


def test_hub_ids_are_never_downloaded(tmp_path: Path) -> None:
    with pytest.raises(TransformersModelError, match="PANTAU_TRANSFORMERS_MODEL"):
        TransformersNER("indobenchmark/indobert-base-p1-not-cached", device="cpu")
    (tmp_path / "empty").mkdir()
    with pytest.raises(TransformersModelError, match="not a loadable"):
        TransformersNER(tmp_path / "empty", device="cpu")


DESIGN = (
    "Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan timnya menerima laporan warga."
)


def test_pipeline_keeps_the_contract_and_respects_gazetteer_entities(
    model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_TRANSFORMERS_MODEL", str(model_dir))
    monkeypatch.setenv("PANTAU_TRANSFORMERS_DEVICE", "cpu")
    extractor = Extractor(model="none", backend="transformers")
    names = extractor.nlp.pipe_names
    assert names.index("pantau_regions_v1") < names.index("pantau_transformers_ner_v1")
    assert names.index("pantau_transformers_ner_v1") < names.index("pantau_org_merge_v1")
    assert extractor.name == "transformers:ner+rules"
    out = extractor.extract(DESIGN + " Tim di Surabaya.")
    ents = {(e["text"], e["label"], e["start"], e["end"]) for e in out["entities"]}
    assert ("Fathul Qorib", "PER", 36, 48) in ents  # from the model
    assert ("Bawaslu Kabupaten Probolinggo", "ORG", 6, 35) in ents  # gazetteer wins over B-PER
    assert not any(e["label"] == "PER" and "Probolinggo" in e["text"] for e in out["entities"])
    assert any(e["text"] == "Surabaya" and e["label"] == "LOC" for e in out["entities"])
    assert out["officials"][0]["name"] == "Fathul Qorib"
    Analysis.model_validate({**out, "pipeline": extractor.name})
    records = list(extractor.extract_records([{"id": 1, "text": DESIGN}, {"id": 2}]))
    assert records[0]["id"] == 1 and "entities" in records[0] and "error" in records[1]


def test_officials_come_from_rules_when_the_model_finds_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PANTAU_NER_BACKEND", "transformers")
    monkeypatch.setenv("PANTAU_TRANSFORMERS_MODEL", str(make_model(tmp_path / "o", rig={})))
    out = Extractor(model="none").extract(DESIGN)
    official = out["officials"][0]
    assert (official["name"], official["position"], official["region_code"]) == (
        "Fathul Qorib", "Ketua", "35.13",
    )  # fmt: skip
    # An untrained (random) model may tag junk, but every span still maps back exactly.
    monkeypatch.setenv("PANTAU_TRANSFORMERS_MODEL", str(make_model(tmp_path / "r", False)))
    out = Extractor(model="none").extract(DESIGN * 3)
    for e in out["entities"]:
        assert (DESIGN * 3)[e["start"] : e["end"]] == e["text"]
    assert out["officials"] and out["officials"][0]["position"] == "Ketua"


VIOLATION = "Bawaslu Kabupaten Probolinggo menemukan dugaan politik uang oleh tim sukses calon bupati menjelang pilkada."


@pytest.mark.parametrize(("bias", "expect"), [(4.0, "raised"), (-6.0, "demoted")])
def test_violation_classifier_adjusts_but_never_invents(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, bias: float, expect: str
) -> None:
    path = make_model(tmp_path / "clf", kind="sequence")
    model = transformers.BertForSequenceClassification.from_pretrained(str(path))
    with torch.no_grad():
        model.classifier.weight.zero_()
        model.classifier.bias.copy_(torch.tensor([0.0, bias]))
    model.save_pretrained(path)
    rules = Extractor(model="none").extract(VIOLATION)
    monkeypatch.setenv("PANTAU_VIOLATION_CLASSIFIER", str(path))
    extractor = Extractor(model="none")
    assert extractor.nlp.pipe_names[-2] == "pantau_violation_classifier_v1"
    out = extractor.extract(VIOLATION)
    (before,) = rules["violations"]
    if expect == "raised":
        (after,) = out["violations"]
        assert after["confidence"] > before["confidence"]
        assert {k: after[k] for k in ("category", "status", "evidence", "start", "end")} == {
            k: before[k] for k in ("category", "status", "evidence", "start", "end")
        }
    else:
        assert out["violations"] == []
        assert before["category"] in out["mentioned_violations"]
    assert Extractor(model="none").extract("Warga menerima laporan.")["violations"] == []


def test_train_command_writes_a_loadable_model_dir(
    model_dir: Path, tmp_path: Path, shared_data: Path
) -> None:
    from pantau.cli_nlp import nlp

    out = tmp_path / "trained"
    args = ["train", "--backend", "transformers", "--base", str(model_dir), "--output",
            str(out), "--max-steps", "3", "--limit", "40", "--profile", "permissive"]  # fmt: skip
    result = CliRunner().invoke(nlp, args, env={"PANTAU_SHARED_DATA": str(shared_data),
                                                "PANTAU_TRANSFORMERS_DEVICE": "cpu"})  # fmt: skip
    assert result.exit_code == 0, result.output
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["hyperparameters"]["steps"] == 3
    assert set(metrics["dev"]["idner"]["per_label"]) >= {"PER", "ORG", "LOC"}
    card = (out / "MODEL_CARD.md").read_text()
    assert "idner-news-2k" in card and "MIT" in card and str(model_dir) in card
    ner = TransformersNER(out, device="cpu")
    assert {t[1] for t in ner.tags} == {"", "PER", "ORG", "LOC"}
    for e in ner.predict(DESIGN):
        assert DESIGN[e.start : e.end].strip() == DESIGN[e.start : e.end]


def test_train_command_needs_a_base() -> None:
    from pantau.cli_nlp import nlp

    result = CliRunner().invoke(nlp, ["train", "--backend", "transformers"])
    assert result.exit_code != 0 and "--base" in result.output


def test_settings_refuse_a_bad_label_table_with_the_backend_message() -> None:
    from pydantic import ValidationError

    from pantau.settings import Settings

    assert Settings(transformers_labels='{"PERSON": "PER"}').transformers_labels
    for raw, message in [
        ("{not json", "not valid JSON"),
        ('["PER"]', "must be a JSON object"),
        ('{"PERSON": 3}', "must be a string or null"),
    ]:
        with pytest.raises(ValidationError, match=message):
            Settings(transformers_labels=raw)
