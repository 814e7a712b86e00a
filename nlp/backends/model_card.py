"""MODEL_CARD.md for fine-tuned transformers NER directories: base, data credits, scores."""

from __future__ import annotations

import logging
import os
import platform
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DATA_CREDITS = {
    "idner": "idner-news-2k (Khairunnisa et al., AACL-SRW 2020), MIT licence — "
    "https://github.com/khairunnisaor/idner-news-2k",
    "nerui": "NER UI (Gultom & Wibowo 2017) via IndoLEM (Koto et al., COLING 2020), fold 1; "
    "no licence file in indolem/indolem — research use, cite both",
    "nergrit": "NERGrit (grit-id/nergrit-corpus via IndoNLU): usable for learning or "
    "commercially; NERGRIT contributors and licence must be credited",
    "nerp": "NERP (Prosa.ai; Hoesen & Purwarianti 2018) via IndoNLU, Apache-2.0 repository",
}


def hardware(device: Any) -> str:
    """A one-line description of where training ran."""
    import torch

    if getattr(device, "type", str(device)) == "cuda":
        return f"GPU: {torch.cuda.get_device_name(device)} (torch {torch.__version__})"
    return (f"CPU: {platform.machine()}, {os.cpu_count()} cores, {torch.get_num_threads()} "
            f"torch threads (torch {torch.__version__})")  # fmt: skip


def write_model_card(output_dir: Path, metrics: dict[str, Any]) -> Path:
    """Write ``MODEL_CARD.md`` from the metrics of ``train_transformers``."""
    from nlp.training.train import PROFILES

    spec = PROFILES[metrics["profile"]]
    sets = [*spec.train_sets, *spec.extra_sets]
    lines = [
        "# Pantau transformers NER (PER / ORG / LOC)", "",
        f"- Base model: `{metrics['base']}` (its own licence applies to these weights)",
        f"- Profile: `{metrics['profile']}` — {metrics['profile_description']}",
        f"- Training sentences: {metrics['train_sentences']:,}",
        f"- Hardware: {metrics['hardware']}; training took {metrics['train_seconds']} s",
        "- Labels: O, B-/I-PER, B-/I-ORG, B-/I-LOC (only the first subword of a word is "
        "labelled)", "",
        "## Data and licences", "",
        *[f"- {DATA_CREDITS.get(name, name)}" for name in sets],
        "- Election templates: Pantau's own generated sentences (nlp/training/augment.py)", "",
        "## Hyperparameters", "",
        *[f"- {key}: {value}" for key, value in metrics["hyperparameters"].items()], "",
        "## Dev scores (entity level, exact span + label, %)", "",
        "| set | P | R | F1 | PER F1 | ORG F1 | LOC F1 | words/s |",
        "|---|---|---|---|---|---|---|---|",
    ]  # fmt: skip
    for name, s in metrics["dev"].items():
        per = s["per_label"]
        f1 = [per.get(label, {}).get("f", 0.0) for label in ("PER", "ORG", "LOC")]
        lines.append(f"| {name} | {s['micro']['p']} | {s['micro']['r']} | {s['micro']['f']} | "
                     f"{f1[0]} | {f1[1]} | {f1[2]} | {s['words_per_second']} |")  # fmt: skip
    lines += ["", "Use: `PANTAU_NER_BACKEND=transformers PANTAU_TRANSFORMERS_MODEL=<this dir>`."]
    path = Path(output_dir) / "MODEL_CARD.md"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path
