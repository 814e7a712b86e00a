"""Tests for nlp.training: readers, label mapping, a tiny training run, evaluation, shipped model.

The CoNLL snippets below are sentences written for these tests, not copies of shared data.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from nlp.training.corpus import (
    default_shared_data,
    entity_spans,
    map_tag,
    read_conll,
    repair_bio,
    to_docbin,
)
from nlp.training.evaluate import evaluate_conll

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "models" / "pantau-ner-id-0.3.0"
PREVIOUS = REPO / "models" / "pantau-ner-id-0.2.0"

# idner-news-2k shape: token POS tag, space separated, CRLF line endings.
IDNER = (
    "Ketua PROPN O\r\nBawaslu PROPN B-ORG\r\nJawa PROPN B-LOC\r\nTimur PROPN I-LOC\r\n"
    "Siti PROPN B-PER\r\nRahma PROPN I-PER\r\nhadir VERB O\r\n. PUNCT O\r\n\r\n"
    "KPU PROPN B-ORG\r\nmenetapkan VERB O\r\njadwal NOUN O\r\n. PUNCT O\r\n"
)
# NER UI / NERGrit shape: token<TAB>tag with the long label names.
NERUI = "Bupati\tO\nAgus\tB-PERSON\nbertemu\tO\nwarga\tO\ndi\tO\nSleman\tB-LOCATION\n"
NERGRIT = "Rapat\tO\nPartai\tB-ORGANISATION\nMaju\tI-ORGANISATION\ndi\tO\nMedan\tB-PLACE\n"
# NERP shape: lower-case, PPL / PLC / IND labels, tokens holding spaces.
NERP = "di samping itu\tO\nbudi\tB-PPL\nke\tO\nkota baru\tB-PLC\nmembeli\tO\nindomie\tB-IND\n"


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_map_tag_unifies_labels_and_drops_others() -> None:
    assert map_tag("B-PERSON") == "B-PER"
    assert map_tag("I-ORGANISATION") == "I-ORG"
    assert map_tag("B-PLACE") == "B-LOC"
    assert map_tag("B-PLC") == "B-LOC"
    assert map_tag("B-IND") == "O"
    assert map_tag("I-EVT") == "O"
    assert repair_bio(["O", "I-PER", "I-PER", "I-LOC"]) == ["O", "B-PER", "I-PER", "B-LOC"]


def test_read_idner_crlf_three_columns(tmp_path: Path) -> None:
    sents = read_conll(_write(tmp_path, "idner.txt", IDNER))
    assert len(sents) == 2
    assert sents[0].words[:3] == ["Ketua", "Bawaslu", "Jawa"]
    assert not any("\r" in w for s in sents for w in s.words)
    assert entity_spans(sents[0].tags) == {(1, 2, "ORG"), (2, 4, "LOC"), (4, 6, "PER")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (NERUI, {(1, 2, "PER"), (5, 6, "LOC")}),
        (NERGRIT, {(1, 3, "ORG"), (4, 5, "LOC")}),
    ],
)
def test_read_tab_formats(tmp_path: Path, text: str, expected: set) -> None:
    (sent,) = read_conll(_write(tmp_path, "data.tsv", text))
    assert entity_spans(sent.tags) == expected


def test_read_nerp_splits_multiword_tokens(tmp_path: Path) -> None:
    (sent,) = read_conll(_write(tmp_path, "nerp.txt", NERP))
    assert sent.words[:4] == ["di", "samping", "itu", "budi"]
    assert sent.tags[4:8] == ["O", "B-LOC", "I-LOC", "O"]
    assert entity_spans(sent.tags) == {(3, 4, "PER"), (5, 7, "LOC")}


def test_augmentation_is_seeded_and_well_formed() -> None:
    from nlp.training.augment import case_variants, template_sentences

    first = template_sentences(40, seed=3, version="v2")
    again = template_sentences(40, seed=3, version="v2")
    assert [s.words for s in first] == [s.words for s in again]
    assert all(len(s.words) == len(s.tags) and repair_bio(s.tags) == s.tags for s in first)
    labels = {label for s in first for *_, label in entity_spans(s.tags)}
    assert labels == {"PER", "ORG", "LOC"}
    variants = case_variants(first, rate=1.0, seed=0)
    assert len(variants) == len(first)
    assert all(entity_spans(v.tags) for v in variants)


def test_docbin_keeps_entities(tmp_path: Path) -> None:
    nlp = spacy.blank("id")
    docs = list(to_docbin(read_conll(_write(tmp_path, "i.txt", IDNER))).get_docs(nlp.vocab))
    assert [(e.text, e.label_) for e in docs[0].ents] == [
        ("Bawaslu", "ORG"),
        ("Jawa Timur", "LOC"),
        ("Siti Rahma", "PER"),
    ]


def test_evaluate_conll_exact_scores(tmp_path: Path) -> None:
    """A rule 'model' predicts Bawaslu/ORG (right), Jawa/LOC (span too short), Agus/PER (right)
    and Sleman/ORG (wrong label): 2 true positives, 4 predictions, 6 gold entities."""
    nlp = spacy.blank("id")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(
        [
            {"label": "ORG", "pattern": "Bawaslu"},
            {"label": "LOC", "pattern": "Jawa"},
            {"label": "PER", "pattern": "Agus"},
            {"label": "ORG", "pattern": "Sleman"},
        ]
    )
    path = _write(
        tmp_path, "gold.txt", IDNER.replace("\r\n", "\n") + "\n" + NERUI.replace("\t", " ")
    )
    result = evaluate_conll(nlp, path)
    assert result["micro"] == {"p": 50.0, "r": 33.33, "f": 40.0, "support": 6}
    assert result["per_label"]["ORG"] == {"p": 50.0, "r": 50.0, "f": 50.0, "support": 2}
    assert result["per_label"]["PER"] == {"p": 100.0, "r": 50.0, "f": 66.67, "support": 2}
    assert result["per_label"]["LOC"] == {"p": 0.0, "r": 0.0, "f": 0.0, "support": 2}


def test_tiny_training_run(tmp_path: Path) -> None:
    from nlp.training.train import CONFIG_DIR, train

    data = tmp_path / "data"
    folder = data / "nlp" / "ner" / "idner-news-2k"
    folder.mkdir(parents=True)
    for name in ("train.txt", "dev.txt"):
        _write(folder, name, IDNER)
    out = tmp_path / "out"
    metrics = train(
        "exp-idner-base",
        out,
        shared_data=data,
        config_path=CONFIG_DIR / "ner_cnn_tiny.cfg",
        max_steps=3,
        work_dir=tmp_path / "work",
    )
    assert (tmp_path / "work" / "model-last" / "ner").is_dir()
    assert spacy.load(out).pipe_names == ["tok2vec", "ner"]
    assert (out / "metrics.json").is_file()
    assert metrics["profile"] == "exp-idner-base"
    # the profile's dev set, plus our own frozen pool test split when annotations exist
    assert set(metrics["dev"]) - {"pool_test"} == {"idner"}
    assert 0.0 <= metrics["dev"]["idner"]["micro"]["f"] <= 100.0


@pytest.fixture(scope="module")
def shipped_nlp() -> Language:
    if not (SHIPPED / "meta.json").exists():
        pytest.skip(f"shipped model missing at {SHIPPED}")
    return spacy.load(SHIPPED)


def test_shipped_model_tags_official_sentence(shipped_nlp: Language) -> None:
    doc = shipped_nlp("Ketua Bawaslu Kabupaten Probolinggo Fathul Qorib mengatakan pihaknya siap.")
    found = {(e.text, e.label_) for e in doc.ents}
    assert ("Fathul Qorib", "PER") in found
    assert any(e.label_ == "ORG" and "Bawaslu" in e.text for e in doc.ents)
    assert not any("Ketua" in e.text for e in doc.ents)


def test_shipped_model_scores_on_news_dev(shipped_nlp: Language) -> None:
    data = default_shared_data() / "nlp" / "ner" / "idner-news-2k" / "dev.txt"
    if not data.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"shared data missing at {data} (CI=true requires it)")
        pytest.skip(f"shared data not found at {data}; set PANTAU_SHARED_DATA to run")
    result = evaluate_conll(shipped_nlp, data)
    assert result["micro"]["f"] > 75.0  # 0.3.0 scores about 80.0; see metrics.json


# nlp-id POS corpus shape: token<TAB>tag, blank line between sentences.
NLPID = (
    "Bawaslu\tNNP\nmengawasi\tVB\nkampanye\tNN\n.\tSYM\n\nKPU\tNNP\nmenetapkan\tVB\ncalon\tNN\n\n"
)


def _pretrain_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    pos = data / "nlp" / "pos" / "nlpid-postag"
    pos.mkdir(parents=True)
    _write(pos, "dataset_postag.txt", NLPID * 5)
    ner = data / "nlp" / "ner" / "idner-news-2k"
    ner.mkdir(parents=True)
    for name in ("train.txt", "dev.txt"):
        _write(ner, name, IDNER)
    return data


def test_raw_sentences_read_corpus_and_train_words_only(tmp_path: Path) -> None:
    from nlp.training.pretrain import raw_sentences, write_raw_jsonl

    data = _pretrain_data(tmp_path)
    sents = list(raw_sentences(("nlpid", "idner"), data))
    assert sents[0] == ["Bawaslu", "mengawasi", "kampanye", "."]
    assert len(sents) == 10 + 2  # five copies of two corpus sentences + two train sentences
    assert sents[-1] == ["KPU", "menetapkan", "jadwal", "."]
    n = write_raw_jsonl(sents, tmp_path / "raw.jsonl")
    assert n == sum(len(s) for s in sents)
    first = (tmp_path / "raw.jsonl").read_text(encoding="utf-8").splitlines()[0]
    assert first == '{"text": "Bawaslu mengawasi kampanye ."}'
    with pytest.raises(ValueError, match="Unknown raw-text source"):
        list(raw_sentences(("wikipedia",), data))


def test_training_with_pretrained_tok2vec_loads_the_weights(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from nlp.training import train as train_module

    data = _pretrain_data(tmp_path)
    profile = train_module.Profile(
        ("idner",), ("idner",), pretrain_epochs=2, pretrain_sources=("nlpid", "idner")
    )
    monkeypatch.setitem(train_module.PROFILES, "test-pretrain", profile)
    with caplog.at_level("INFO", logger="spacy"):
        train_module.train(
            "test-pretrain",
            tmp_path / "out",
            shared_data=data,
            max_steps=2,
            work_dir=tmp_path / "work",
        )
    weights = tmp_path / "work" / "pretrain" / "model1.bin"
    assert weights.is_file()
    assert f"Loaded pretrained weights from {weights}" in caplog.text
    assert spacy.load(tmp_path / "out").pipe_names == ["tok2vec", "ner"]


def test_every_profile_the_model_card_names_can_be_rebuilt() -> None:
    import re

    from nlp.training.train import PROFILES

    card = (PREVIOUS / "MODEL_CARD.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:full|permissive|exp)(?:-[A-Za-z0-9.]+)*)`", card))
    assert {"full", "permissive", "full-0.1.0"} <= named
    card = (SHIPPED / "MODEL_CARD.md").read_text(encoding="utf-8")
    now = set(re.findall(r"`((?:full|permissive|exp)(?:-[A-Za-z0-9.]+)*)`", card))
    assert {"full-pool", "full-pool-news2"} <= now
    named |= now
    assert named <= set(PROFILES), f"card names profiles that do not exist: {named - set(PROFILES)}"
