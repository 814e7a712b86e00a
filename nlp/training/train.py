"""Rebuild Pantau's Indonesian NER pipeline from a named data profile and a committed config.

``train("full", SHIPPED_DIR)`` builds the profile's corpus, runs
``spacy train`` in a scratch folder (``work_dir``, a temporary one by default) and writes the
best pipeline (``nlp.to_disk``, Pantau metadata) plus ``metrics.json`` into ``output_dir``;
a ``MODEL_CARD.md`` already there is left alone. Set ``OMP_NUM_THREADS=1`` (and the BLAS
equivalents) before starting Python to keep training on one core; the seed fixes data order,
augmentation and initialisation.
"""

from __future__ import annotations

import json
import logging
import random
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.cli.train import train as spacy_train
from thinc.api import Config

from nlp.model_dirs import MODELS_DIR
from nlp.pipeline import MODEL_PREFIX
from nlp.training.augment import case_variants, entity_substitutions, template_sentences
from nlp.training.corpus import Sentence, default_shared_data, load_split, split_path, to_docbin
from nlp.training.evaluate import (
    evaluate_conll,
    evaluate_sentences,
    mention_recall,
    words_per_second,
)
from nlp.training.pretrain import PRETRAIN_CONFIG, pretrain_tok2vec

log = logging.getLogger(__name__)

CONFIG_DIR = Path(__file__).parent / "configs"
DEFAULT_CONFIG = CONFIG_DIR / "ner_cnn.cfg"
EVAL_SETS = ("idner", "nerui")
SHIPPED_VERSION = "0.3.0"  # profile full-pool, seed 1 (see its MODEL_CARD.md)
SHIPPED_DIR = MODELS_DIR / f"{MODEL_PREFIX}{SHIPPED_VERSION}"


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
    pretrain_epochs: int = 0  # > 0: pretrain tok2vec on raw text first (nlp.training.pretrain)
    pretrain_sources: tuple[str, ...] = ("nlpid", "nergrit", "idner", "nerui")
    pretrain_seed: int = 0  # fixed apart from the NER seed: a seed sweep shares one pretraining
    averages: bool = False  # evaluate and ship parameter averages (training.optimizer)
    pool: bool = False  # + our own annotated pool sentences (annotations/entities, train split)
    news_repeat: int = 1  # copies of the news sets (keeps their conventions dominant)
    init_tok2vec: str | None = None  # reuse pretrained weights from this file (skips pretraining)


_NEWS = ("idner", "nerui")
_IDNER = ("idner",)


def _news(case: float = 0.0, n: int = 0, desc: str = "", **kw: Any) -> Profile:
    """A profile trained and selected on both news sets (idner-news-2k + NER UI)."""
    return Profile(_NEWS, _NEWS, case, n, description=desc, **kw)


# fmt: off
PROFILES: dict[str, Profile] = {
    # Shipped profiles; the choices follow the experiments in the model card.
    "full-pool": _news(0.15, 800, "full + our annotated pool sentences (annotations/entities, "
                       "train split)", template_version="v3", pretrain_epochs=12,
                       averages=True, pool=True),
    "full-pool-news2": _news(0.15, 800, "full-pool with two copies of the news sets",
                             template_version="v3", pretrain_epochs=12, averages=True,
                             pool=True, news_repeat=2),
    "full": _news(0.15, 800, "idner-news-2k + NER UI + templates v3 + casing, tok2vec "
                  "pretrained 12 epochs on raw text, parameter averaging",
                  template_version="v3", pretrain_epochs=12, averages=True),
    "permissive": Profile(_IDNER, _IDNER, 0.15, 800, ("nergrit",), template_version="v3",
                          pretrain_epochs=12, pretrain_sources=("nlpid", "nergrit", "idner"),
                          averages=True,
                          description="MIT idner-news-2k + NERGrit + templates v3 + casing, "
                          "tok2vec pretrained without NER UI text, parameter averaging"),
    "full-v2": _news(0.15, 400, "idner-news-2k + NER UI + templates v2 + casing",
                     template_version="v2"),
    "permissive-v2": Profile(_IDNER, _IDNER, 0.15, 400, ("nergrit",), template_version="v2",
                             description="MIT idner-news-2k + NERGrit + templates v2 + casing"),
    # The 0.1.0 profiles (no pretraining, no averaging).
    "full-0.1.0": _news(0.15, 800, "idner-news-2k + NER UI + templates v3 + casing",
                        template_version="v3"),
    "permissive-0.1.0": Profile(_IDNER, _IDNER, 0.15, 800, ("nergrit",), template_version="v3",
                                description="MIT idner-news-2k + NERGrit + templates v3 + casing"),
    # Experiments (dev effects reported in the shipped model's MODEL_CARD.md).
    "exp-base": _news(desc="news sets, no augmentation"),
    "exp-case": _news(0.15, desc="+ casing/punctuation variants"),
    "exp-templates": _news(0.0, 300, "+ election templates"),
    "exp-case-templates": _news(0.15, 300, "+ casing + templates"),
    "exp-nergrit": _news(0.15, 300, "+ NERGrit", extra_sets=("nergrit",)),
    "exp-nerp": _news(0.15, 300, "+ NERP", extra_sets=("nerp",), extra_limit=1500),
    "exp-templates2": _news(0.0, 400, "+ election templates v2", template_version="v2"),
    "exp-case-templates2": _news(0.15, 400, "+ templates v2 + casing", template_version="v2"),
    "exp-case-templates2-800": _news(0.15, 800, "+ templates v2 (800) + casing",
                                     template_version="v2"),
    "exp-case-templates2-subst": _news(0.15, 400, "+ templates v2 + casing + entity swaps",
                                       template_version="v2", subst_rate=0.3),
    "exp-case-templates3": _news(0.15, 800, "+ templates v3 (800, lexicon names) + casing",
                                 template_version="v3"),
    "exp-case-templates3-400": _news(0.15, 400, "+ templates v3 (400, lexicon names) + casing",
                                     template_version="v3"),
    "exp-pretrain8": _news(0.15, 800, "full-0.1.0 + tok2vec pretrained 8 epochs on raw text",
                           template_version="v3", pretrain_epochs=8),
    "exp-pretrain12": _news(0.15, 800, "full-0.1.0 + tok2vec pretrained 12 epochs",
                            template_version="v3", pretrain_epochs=12),
    "exp-averages": _news(0.15, 800, "full-0.1.0 + parameter averaging", template_version="v3",
                          averages=True),
    "exp-pretrain12-nerp": _news(0.15, 800, "full + NERP's lower-case words in pretraining",
                                 template_version="v3", pretrain_epochs=12, averages=True,
                                 pretrain_sources=("nlpid", "nergrit", "idner", "nerui", "nerp")),
    "exp-pretrain24": _news(0.15, 800, "full with 24 pretraining epochs", template_version="v3",
                            pretrain_epochs=24, averages=True),
    "exp-idner-base": Profile(_IDNER, _IDNER, description="idner-news-2k only, no aug"),
    "exp-idner-case-templates": Profile(_IDNER, _IDNER, 0.15, 300,
                                        description="idner-news-2k + casing + templates"),
    "exp-idner-nergrit": Profile(_IDNER, _IDNER, 0.15, 300, ("nergrit",),
                                 description="idner-news-2k + casing + templates + NERGrit"),
}
# fmt: on


def build_corpus(
    profile: Profile, shared_data: Path | None, seed: int
) -> tuple[list[Sentence], list[Sentence]]:
    """Training and dev sentences of ``profile``; augmentation is seeded by ``seed``."""
    train: list[Sentence] = []
    for name in profile.train_sets:
        train.extend(load_split(name, "train", shared_data) * profile.news_repeat)
    rng = random.Random(seed)
    for name in profile.extra_sets:
        extra = load_split(name, "train", shared_data)
        if profile.extra_limit and len(extra) > profile.extra_limit:
            extra = rng.sample(extra, profile.extra_limit)
        train.extend(extra)
    if profile.pool:
        from nlp.training.pool_corpus import pool_sentences

        train.extend(pool_sentences("train"))
    if profile.subst_rate:
        train.extend(entity_substitutions(train, profile.subst_rate, seed, shared_data))
    if profile.template_version == "v1":  # v1: casing variants of the news data only
        if profile.case_rate:
            train.extend(case_variants(train, profile.case_rate, seed))
        if profile.n_templates:
            train.extend(template_sentences(profile.n_templates, seed))
    else:  # later versions: templates first, so they get casing variants too
        version = profile.template_version
        train.extend(template_sentences(profile.n_templates, seed, version, shared_data))
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
    *,
    work_dir: Path | None = None,
) -> dict:
    """Train the NER pipeline for ``profile``, save it to ``output_dir``, return its metrics.

    ``work_dir`` keeps spaCy's scratch output (corpus, model-best, model-last) for inspection;
    without it a temporary folder is used and removed afterwards.
    """
    if profile not in PROFILES:
        raise ValueError(f"Unknown profile {profile!r}; choose one of {sorted(PROFILES)}")
    spec = PROFILES[profile]
    scratch = (
        Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix=f"pantau-ner-{profile}-"))
    )
    try:
        metrics = _train_in(spec, scratch, shared_data, seed, config_path, max_steps)
        metrics["profile"] = profile
        ship_model(scratch / "model-best", Path(output_dir), metrics)
    finally:
        if work_dir is None:
            shutil.rmtree(scratch, ignore_errors=True)
    return metrics


def _train_in(
    spec: Profile,
    output_dir: Path,
    shared_data: Path | None,
    seed: int,
    config_path: Path | None,
    max_steps: int | None,
) -> dict[str, Any]:
    corpus_dir = output_dir / "corpus"
    corpus_dir.mkdir(parents=True, exist_ok=True)
    train_sents, dev_sents = build_corpus(spec, shared_data, seed)
    to_docbin(train_sents).to_disk(corpus_dir / "train.spacy")
    to_docbin(dev_sents).to_disk(corpus_dir / "dev.spacy")
    log.info("%s: %d train / %d dev sentences", spec.description, len(train_sents), len(dev_sents))

    overrides: dict[str, Any] = {
        "paths.train": str(corpus_dir / "train.spacy"),
        "paths.dev": str(corpus_dir / "dev.spacy"),
        "system.seed": seed,
    }
    if max_steps is not None:
        overrides["training.max_steps"] = max_steps
    if spec.averages:
        overrides["training.optimizer.use_averages"] = True
    config = Path(config_path or DEFAULT_CONFIG)
    if spec.pretrain_epochs and spec.init_tok2vec:
        config = Path(config_path or PRETRAIN_CONFIG)
        overrides["paths.init_tok2vec"] = spec.init_tok2vec
    elif spec.pretrain_epochs:
        config = Path(config_path or PRETRAIN_CONFIG)
        overrides["paths.init_tok2vec"] = str(
            pretrain_tok2vec(
                spec.pretrain_sources,
                output_dir / "pretrain",
                spec.pretrain_epochs,
                spec.pretrain_seed,
                shared_data,
                config,
            )
        )
    spacy_train(config, output_dir, use_gpu=-1, overrides=overrides)

    best = output_dir / "model-best"
    if not best.exists():  # no evaluation happened (tiny runs): ship the last model
        shutil.copytree(output_dir / "model-last", best)
    metrics = evaluate_model(best, shared_data)
    metrics.update(
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
        sentences = load_split(name, "dev", shared_data)
        texts.extend(" ".join(s.words) for s in sentences)
        for case in ("lower", "upper"):  # robustness to headline caps / lower-cased text
            variant = [Sentence([getattr(w, case)() for w in s.words], s.tags) for s in sentences]
            result[f"{case}_case_micro"] = evaluate_sentences(nlp, variant)["micro"]
    officials = (shared_data or default_shared_data()) / "eval" / "officials_dev.jsonl"
    try:
        from nlp.training.pool_corpus import pool_sentences

        pool_test = pool_sentences("test")
    except FileNotFoundError:
        pool_test = []
    if pool_test:  # our own frozen test split (annotations/entities/test_ids.txt)
        dev["pool_test"] = evaluate_sentences(nlp, pool_test)
        dev["pool_test"]["data"] = "annotations/entities (frozen test split)"
    return {
        "dev": dev,
        "officials_dev_mentions": mention_recall(nlp, officials) if officials.exists() else None,
        "words_per_second_cpu_1_thread": words_per_second(nlp, texts) if texts else None,
        "model_size_bytes": sum(
            f.stat().st_size for f in Path(model_dir).rglob("*") if f.is_file()
        ),
    }


def ship_model(
    model_dir: Path, dest: Path, metrics: dict[str, Any], version: str = SHIPPED_VERSION
) -> Path:
    """Copy a trained pipeline to ``dest`` (``nlp.to_disk``) with Pantau metadata and metrics."""
    nlp = spacy.load(model_dir)
    nlp.meta.update(
        name="pantau_ner",
        version=version,
        description="Pantau Indonesian news NER (PER / ORG / LOC), CNN, pretrained tok2vec",
        author="Pantau contributors",
        license="see MODEL_CARD.md",
    )
    if dest.exists():
        shutil.rmtree(dest / "ner", ignore_errors=True)
        shutil.rmtree(dest / "tok2vec", ignore_errors=True)
        shutil.rmtree(dest / "vocab", ignore_errors=True)
    nlp.to_disk(dest)
    config = Config().from_disk(dest / "config.cfg", interpolate=False)
    # scratch paths of the training run (corpus, pretrained weights, raw text) mean nothing here
    config["paths"].update({k: None for k in ("train", "dev", "init_tok2vec", "raw_text")
                            if k in config["paths"]})  # fmt: skip
    config.to_disk(dest / "config.cfg")
    (dest / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return dest
