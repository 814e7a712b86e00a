"""Offline-only loading of local Hugging Face model directories, and device choice.

Pantau never downloads a model at run time: every ``from_pretrained`` call passes
``local_files_only=True``. A hub id works only when it is already in the local cache.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DEVICES = ("auto", "cpu", "cuda")


class TransformersModelError(Exception):
    """A transformers model cannot be loaded; the message says what to do."""


def require_transformers() -> None:
    """Fail with an install hint when torch / transformers are missing."""
    try:
        import torch  # noqa: F401
        import transformers  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise TransformersModelError(
            "the transformers backend needs torch and transformers: "
            "pip install 'pantau[transformers]' (or `make setup`)"
        ) from exc


def resolve_device(device: str = "auto") -> Any:
    """A ``torch.device`` for 'auto' (GPU when present), 'cpu' or 'cuda[:N]'."""
    import torch

    if device == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    if device.startswith("cuda") and not torch.cuda.is_available():
        raise TransformersModelError(
            f"PANTAU_TRANSFORMERS_DEVICE={device} but no CUDA GPU is visible to torch; "
            "use 'auto' or 'cpu'"
        )
    if device != "cpu" and not device.startswith("cuda"):
        raise TransformersModelError(f"unknown device {device!r}; use auto, cpu or cuda")
    return torch.device(device)


def _offline_error(name: str, setting: str, exc: Exception) -> TransformersModelError:
    if Path(name).exists():
        return TransformersModelError(
            f"{name} is not a loadable Hugging Face model directory ({exc}); it needs "
            "config.json, the weights and a fast tokenizer (tokenizer.json)"
        )
    return TransformersModelError(
        f"{name!r} is not a local model directory and is not in the local cache; Pantau "
        "never downloads models at run time. Download the model directory on a machine "
        f"with network access (e.g. `hf download {name} --local-dir DIR`), copy it here "
        f"and point {setting} at DIR"
    )


def load_tokenizer(name: str | Path, setting: str) -> Any:
    """The fast tokenizer of a local model directory (offsets need a fast tokenizer)."""
    require_transformers()
    from transformers import AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(name), local_files_only=True)
    except (OSError, ValueError) as exc:
        raise _offline_error(str(name), setting, exc) from exc
    if not getattr(tokenizer, "is_fast", False):
        raise TransformersModelError(
            f"{name}: Pantau needs a fast tokenizer (tokenizer.json) for character offsets"
        )
    return tokenizer


def load_model(name: str | Path, auto_class: str, setting: str, **kwargs: Any) -> Any:
    """``transformers.<auto_class>.from_pretrained(name, local_files_only=True)`` in eval mode."""
    require_transformers()
    import transformers

    transformers.utils.logging.disable_progress_bar()  # no tqdm bars in service logs
    cls = getattr(transformers, auto_class)
    try:
        model = cls.from_pretrained(str(name), local_files_only=True, **kwargs)
    except (OSError, ValueError) as exc:
        raise _offline_error(str(name), setting, exc) from exc
    model.eval()
    return model
