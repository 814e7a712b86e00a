"""Assemble Pantau's spaCy pipeline: trained NER (when shipped) plus rule components.

Order matters. With a trained NER the model decides first and the region gazetteer only fills
its gaps: ner → pantau_regions_v1 (defer) → pantau_officials_v1 → ...; rules only (or
``rules_first``): entity_ruler (election bodies, parties) → pantau_regions_v1 → pantau_org_merge_v1
  → pantau_officials_v1 → pantau_organizations_v1 → pantau_quotes_v1 → pantau_violations_v1
  [→ pantau_violation_classifier_v1] → pantau_keywords_v1
With PANTAU_NER_BACKEND=transformers, ``pantau_transformers_ner_v1`` takes ``ner``'s place.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

import spacy
from spacy.language import Language

import nlp.components  # noqa: F401 - registers the pantau.* factories
from nlp.model_dirs import find_versioned

if TYPE_CHECKING:
    from pantau.settings import Settings

log = logging.getLogger(__name__)

PATTERNS = Path(__file__).parent / "patterns"
MODEL_PREFIX = "pantau-ner-id-"
MAX_CHARS = 1_500_000


class ModelNotFoundError(Exception):
    """The configured NER model directory does not exist or is not a spaCy pipeline."""


def find_model(model: str = "auto") -> Path | None:
    """The NER model directory to load: 'auto' picks the newest shipped one."""
    try:
        return find_versioned(model, MODEL_PREFIX, "meta.json", "a spaCy pipeline")
    except FileNotFoundError:
        raise ModelNotFoundError(
            f"{model} is not a spaCy pipeline directory (no meta.json); set PANTAU_MODEL to a "
            "directory under models/, to 'auto' or to 'none' for rules only"
        ) from None


def _settings(settings: Settings | None) -> Settings:
    from pantau.settings import Settings

    return settings or Settings()


def build_pipeline(
    model: str = "auto",
    keyword_lists: dict[str, list[str]] | None = None,
    backend: str | None = None,
    settings: Settings | None = None,
    rules_first: bool = False,
) -> Language:
    """The full pipeline. ``backend`` (spacy | transformers) defaults to PANTAU_NER_BACKEND;
    the transformers backend and the violation classifier read their PANTAU_* settings."""
    cfg = _settings(settings)
    backend = backend or cfg.ner_backend
    if backend not in ("spacy", "transformers"):
        raise ValueError(f"unknown NER backend {backend!r}; use spacy or transformers")
    path = find_model(model) if backend == "spacy" else None
    if path is None:
        nlp = spacy.blank("id")
        if backend == "spacy":
            log.info("no NER model: running the rule components only")
    else:
        nlp = spacy.load(path, exclude=["entity_ruler"])
        log.info("loaded NER model %s", path.name)
    nlp.max_length = MAX_CHARS
    # With a statistical NER the model's spans win: the region gazetteer only fills the gaps
    # the model left (and lends region codes to the LOC spans it agrees with), and the
    # election-body ruler is not used (measured: it cost 0.8 F1 on NER UI dev as a gap
    # filler). Without a model (rules only) the ruler and the regions set the entities.
    # `rules_first` restores the old order, where gazetteer spans were fixed before the model
    # ran; `pantau nlp evaluate --pipeline` compares them.
    model_first = "ner" in nlp.pipe_names and not rules_first
    if model_first:
        nlp.add_pipe("pantau_regions_v1", config={"defer": True})
    else:
        ruler = nlp.add_pipe(
            "entity_ruler",
            name="election_ruler",
            before="ner" if "ner" in nlp.pipe_names else None,
            # Plain word sequences in organizations.jsonl are phrase patterns matched on LOWER
            # (one hash look-up per token); patterns that need case (TEXT) stay token patterns.
            config={"phrase_matcher_attr": "LOWER", "overwrite_ents": True},
        )
        ruler.from_disk(PATTERNS / "organizations.jsonl")  # type: ignore[attr-defined]
        nlp.add_pipe("pantau_regions_v1", after="election_ruler")
    if backend == "transformers":  # where `ner` would be: after the gazetteers
        nlp.add_pipe("pantau_transformers_ner_v1", config=transformers_config(cfg))
    if not model_first:
        # Rules only: "Bawaslu" + "Kabupaten Probolinggo" become one ORG entity. With a model,
        # entities keep the public NER sets' convention (body ORG, region LOC: merging cost
        # 0.4 F1 on NER UI dev) and the organizations output carries the whole unit.
        nlp.add_pipe("pantau_org_merge_v1")
    nlp.add_pipe(
        "pantau_officials_v1",
        config={
            # the learned officials model reads the statistical NER's spans as features
            "model": cfg.officials_model if "ner" in nlp.pipe_names else "none",
            "min_confidence": cfg.officials_min_confidence,
            "add_names": not model_first,
        },
    )
    nlp.add_pipe("pantau_organizations_v1")
    nlp.add_pipe("pantau_quotes_v1")
    nlp.add_pipe(
        "pantau_violations_v1",
        config={"model": cfg.violation_model, "threshold": cfg.violation_threshold},
    )
    if cfg.violation_classifier:
        nlp.add_pipe(
            "pantau_violation_classifier_v1",
            config={"model": cfg.violation_classifier, "device": cfg.transformers_device},
        )
    nlp.add_pipe("pantau_keywords_v1", config={"lists": keyword_lists or {}})
    return nlp


def transformers_config(cfg: Settings) -> dict[str, str | int]:
    """Factory config of ``pantau_transformers_ner_v1`` from the PANTAU_TRANSFORMERS_* settings."""
    return {
        "model": cfg.transformers_model or "",
        "labels": cfg.transformers_labels or "",
        "device": cfg.transformers_device,
        "batch_size": cfg.transformers_batch_size,
        "max_length": cfg.transformers_max_length,
        "stride": cfg.transformers_stride,
    }


def pipeline_name(nlp: Language) -> str:
    if "pantau_transformers_ner_v1" in nlp.pipe_names:
        model = nlp.get_pipe_config("pantau_transformers_ner_v1")["model"]
        return f"transformers:{Path(model).name}+rules"
    if "ner" not in nlp.pipe_names:
        return "rules-only"
    meta = nlp.meta
    return f"{meta.get('name', 'ner')}-{meta.get('version', '0')}+rules"
