"""Rebuild Pantau's Indonesian NER pipeline from a named data profile and a committed config.

``train("full", Path("training/full"))`` writes ``corpus/{train,dev}.spacy``,
``model-best``/``model-last`` (spaCy's output) and ``metrics.json`` into the output folder.
Set ``OMP_NUM_THREADS=1`` (and the BLAS equivalents) before starting Python to keep training
on one core; the seed fixes data order, augmentation and initialisation.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.train import train as spacy_train
from thinc.api import Config

from nlp.training.augment import case_variants, entity_substitutions, template_sentences
from nlp.training.corpus import (
    Sentence,
    default_shared_data,
    load_split,
    split_path,
    to_docbin,
)
from nlp.training.evaluate import evaluate_conll, mention_recall, words_per_second

log = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).parent / "configs"
DEFAULT_CONFIG = CONFIG_DIR / "ner_cnn.cfg"
EVAL_SETS = ("idner", "nerui")


@dataclass(frozen=True)
class Profile:
    """Which data goes into training and model selection, and how it is augmented."""

    train_sets: tuple[str, ...]
    dev_sets: tuple[str, ...]
    case_rate: float = 0.0
    n_templates: int = 0
    extra_sets: tuple[str, ...] = ()  # out-of-domain sets (NERGrit, NERP)
    extra_limit: int = 0  # 0 = all sentences of each extra set
    description: str = ""
    template_version: str = "v1"
    subst_rate: float = 0.0  # share of news sentences copied with entities swapped


_NEWS = ("idner", "nerui")
PROFILES: dict[str, Profile] = {
    # Shipped profiles (augmentation choices follow the experiments in the model card).
    "permissive": Profile(
        ("idner",), ("idner",), 0.15, 300, description="MIT idner-news-2k only + templates"
    ),
    "full": Profile(_NEWS, _NEWS, 0.15, 300, description="idner-news-2k + NER UI + templates"),
    # Experiments (dev effects reported in models/pantau-ner-id-0.1.0/MODEL_CARD.md).
    "exp-base": Profile(_NEWS, _NEWS, description="news sets, no augmentation"),
    "exp-case": Profile(_NEWS, _NEWS, 0.15, description="+ casing/punctuation variants"),
    "exp-templates": Profile(_NEWS, _NEWS, 0.0, 300, description="+ election templates"),
    "exp-nergrit": Profile(_NEWS, _NEWS, 0.15, 300, ("nergrit",), description="+ NERGrit"),
    "exp-nerp": Profile(_NEWS, _NEWS, 0.15, 300, ("nerp",), 1500, description="+ NERP"),
    "exp-templates2": Profile(
        _NEWS, _NEWS, 0.0, 400, template_version="v2", description="+ election templates v2"
    ),
    "exp-case-templates2": Profile(
        _NEWS, _NEWS, 0.15, 400, template_version="v2", description="+ templates v2 + casing"
    ),
    "exp-case-templates2-nerp": Profile(
        _NEWS, _NEWS, 0.15, 400, ("nerp",), 1500, "+ templates v2 + casing + NERP", "v2"
    ),
    "exp-case-templates2-subst": Profile(
        _NEWS,
        _NEWS,
        0.15,
        400,
        description="+ templates v2 + casing + entity swaps",
        template_version="v2",
        subst_rate=0.3,
    ),
    "exp-idner-base": Profile(("idner",), ("idner",), description="idner-news-2k only, no aug"),
    "exp-idner-nergrit": Profile(
        ("idner",), ("idner",), 0.15, 300, ("nergrit",), description="permissive + NERGrit"
    ),
}


def build_corpus(
    profile: Profile, shared_data: Path | None, seed: int
) -> tuple[list[Sentence], list[Sentence]]:
    """Training and dev sentences of ``profile``; augmentation is seeded by ``seed``."""
    train: list[Sentence] = []
    for name in profile.train_sets:
        train.extend(load_split(name, "train", shared_data))
    rng = random.Random(seed)
    for name in profile.extra_sets:
        extra = load_split(name, "train", shared_data)
        if profile.extra_limit and len(extra) > profile.extra_limit:
            extra = rng.sample(extra, profile.extra_limit)
        train.extend(extra)
    if profile.subst_rate:
        train.extend(entity_substitutions(train, profile.subst_rate, seed, shared_data))
    if profile.template_version == "v1":  # v1: casing variants of the news data only
        if profile.case_rate:
            train.extend(case_variants(train, profile.case_rate, seed))
        if profile.n_templates:
            train.extend(template_sentences(profile.n_templates, seed))
    else:  # later versions: templates first, so they get casing variants too
        train.extend(template_sentences(profile.n_templates, seed, profile.template_version))
        if profile.case_rate:
            train.extend(case_variants(train, profile.case_rate, seed))
    rng.shuffle(train)
    dev = [s for name in profile.dev_sets for s in load_split(name, "dev", shared_data)]
    return train, dev


def train(
    profile: str = "full",
    output_dir: Path = Path("training/ner"),
    shared_data: Path | None = None,
    seed: int = 0,
    config_path: Path | None = None,
    max_steps: int | None = None,
) -> dict:
    """Train the NER pipeline for ``profile`` into ``output_dir`` and return its metrics."""
    if profile not in PROFILES:
        raise ValueError(f"Unknown profile {profile!r}; choose one of {sorted(PROFILES)}")
    spec = PROFILES[profile]
    output_dir = Path(output_dir)
    corpus_dir = output_dir / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    train_sents, dev_sents = build_corpus(spec, shared_data, seed)
    to_docbin(train_sents).to_disk(corpus_dir / "train.spacy")
    to_docbin(dev_sents).to_disk(corpus_dir / "dev.spacy")
    log.info("Profile %s: %d train / %d dev sentences", profile, len(train_sents), len(dev_sents))

    overrides: dict[str, Any] = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
        "system.seed": seed,
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    config = Path(config_path or DEFAULT_CONFIG)
    spacy_train(config, output_dir, use_gpu=-1, overrides=overrides)

    best = output_dir / "model-best"
    model_dir = best if best.exists() else output_dir / "model-last"
    metrics = evaluate_model(model_dir, shared_data)
    metrics.update(
        profile=profile,
        profile_description=spec.description,
        config=config.name,
        seed=seed,
        train_sentences=len(train_sents),
    )
    (output_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics


def evaluate_model(model_dir: Path, shared_data: Path | None = None) -> dict[str, Any]:
    """Dev-set scores on every news set we have, person/organization recall on the officials
    development set (eval/officials_dev.jsonl) and throughput on raw dev text."""
    nlp = spacy.load(model_dir)
    dev: dict[str, Any] = {}
    texts: list[str] = []
    for name in EVAL_SETS:
        path = split_path(shared_data, name, "dev")
        if not path.exists():
            log.warning("Skipping %s dev: %s not found", name, path)
            continue
        result = evaluate_conll(nlp, path)
        result["data"] = f"{name}/{path.name}"
        dev[name] = result
        texts.extend(" ".join(s.words) for s in load_split(name, "dev", shared_data))
    officials = (shared_data or default_shared_data()) / "eval" / "officials_dev.jsonl"
    return {
        "dev": dev,
        "officials_dev_mentions": mention_recall(nlp, officials) if officials.exists() else None,
        "words_per_second_cpu_1_thread": words_per_second(nlp, texts) if texts else None,
        "model_size_bytes": sum(
            f.stat().st_size for f in Path(model_dir).rglob("*") if f.is_file()
        ),
    }


def ship_model(
    model_dir: Path, dest: Path, metrics: dict[str, Any], version: str = "0.1.0"
) -> Path:
    """Copy a trained pipeline to ``dest`` (``nlp.to_disk``) with Pantau metadata and metrics."""
    nlp = spacy.load(model_dir)
    nlp.meta.update(
        name="pantau_ner",
        version=version,
        description="Pantau Indonesian news NER (PER / ORG / LOC), CNN, no vectors",
        author="Pantau contributors",
        license="see MODEL_CARD.md",
    )
    if dest.exists():
        shutil.rmtree(dest / "ner", ignore_errors=True)
        shutil.rmtree(dest / "tok2vec", ignore_errors=True)
        shutil.rmtree(dest / "vocab", ignore_errors=True)
    nlp.to_disk(dest)
    config = Config().from_disk(dest / "config.cfg", interpolate=False)
    config["paths"].update(train=None, dev=None)  # scratch corpus paths of the training run
    config.to_disk(dest / "config.cfg")
    (dest / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return dest
