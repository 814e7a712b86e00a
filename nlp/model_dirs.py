"""Where shipped models live and how ``auto`` picks the newest of one kind."""

from __future__ import annotations

from pathlib import Path

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"


def version_key(path: Path, prefix: str) -> tuple[int, ...]:
    """``pantau-ner-id-0.10.0`` sorts after ``pantau-ner-id-0.9.0``."""
    version = path.name[len(prefix) :]
    return tuple(int(p) if p.isdigit() else 0 for p in version.split("."))


def find_versioned(spec: str, prefix: str, marker: str, what: str) -> Path | None:
    """``none`` → None; ``auto`` → the newest ``MODELS_DIR/prefix*`` folder holding ``marker``
    (None when there is none); anything else must be a folder holding ``marker``."""
    if spec == "none":
        return None
    if spec == "auto":
        found = [p for p in MODELS_DIR.glob(f"{prefix}*") if (p / marker).is_file()]
        return max(found, key=lambda p: version_key(p, prefix)) if found else None
    path = Path(spec)
    if not (path / marker).is_file():
        raise FileNotFoundError(f"{path} has no {marker} ({what})")
    return path
