"""A trained model as a zip a user can download: safetensors weights, config, tokenizer, a report."""

from __future__ import annotations

import json
import re
import tempfile
import uuid
import zipfile
from dataclasses import dataclass, fields, is_dataclass
from pathlib import Path

from lmviz.errors import Message
from lmviz.models.loading import LoadedModel

DOWNLOADS_DIR = Path(tempfile.gettempdir()) / "lmviz-downloads"  # zips prepared for the training page
MAX_DOWNLOADS = 4  # kept on disk server-wide (a fine-tuned SmolLM2 is ~0.5 GB)


def model_zip(loaded: LoadedModel, report: dict | None = None) -> bytes:
    """Zip bytes of a folder that `transformers` (and lmviz's "Other: local folder") can load.

    Weights are safetensors only; `training_report.json` holds the settings and the loss curve.
    """
    with tempfile.TemporaryDirectory(prefix="lmviz-export-") as tmp:
        path = write_zip(loaded, Path(tmp) / "model.zip", report)
        return path.read_bytes()


def write_zip(loaded: LoadedModel, path: Path, report: dict | None = None) -> Path:
    """The zip of `model_zip` written to `path` (a file: a fine-tuned SmolLM2 is ~0.5 GB, better on disk
    than in memory). Raises what saving raises; a half-written zip is removed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        with tempfile.TemporaryDirectory(prefix="lmviz-export-", dir=path.parent) as tmp:
            folder = Path(tmp)
            save_folder(loaded, folder)
            info = {"name": loaded.name, "kind": loaded.kind, "description": _plain(loaded.description)}
            info.update({k: _plain(v) for k, v in (report or {}).items()})
            (folder / "training_report.json").write_text(json.dumps(info, indent=2, default=str), "utf-8")
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
                for file in sorted(folder.rglob("*")):
                    if file.is_file():
                        zf.write(file, file.relative_to(folder).as_posix())
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


@dataclass(frozen=True)
class PreparedZip:
    """A zip written for a page's download button (the page itself touches no files)."""

    path: Path

    @property
    def size_bytes(self) -> int:
        return self.path.stat().st_size if self.path.is_file() else 0

    def ready(self) -> bool:
        return self.path.is_file()

    def read(self) -> bytes:
        return self.path.read_bytes()


def prepare_zip(loaded: LoadedModel, label: str, report: dict | None = None) -> PreparedZip:
    """`write_zip` into DOWNLOADS_DIR under a fresh name; only the MAX_DOWNLOADS newest zips are kept."""
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-")[:80] or "model"
    path = write_zip(loaded, DOWNLOADS_DIR / f"{uuid.uuid4().hex[:12]}-{safe}.zip", report)
    zips = sorted(DOWNLOADS_DIR.glob("*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in zips[MAX_DOWNLOADS:]:
        old.unlink(missing_ok=True)
    return PreparedZip(path)


def save_folder(loaded: LoadedModel, folder: Path) -> None:
    """Weights (safetensors only) and tokenizer into `folder`, made if missing: a folder lmviz loads."""
    folder.mkdir(parents=True, exist_ok=True)
    loaded.model.save_pretrained(folder, safe_serialization=True)
    loaded.tokenizer.save_pretrained(folder)


def _plain(value):
    """`value` for the report's JSON: dataclasses as dicts, messages in English."""
    if isinstance(value, Message):
        return str(value)
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
