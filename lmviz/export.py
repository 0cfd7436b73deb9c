"""A trained model as a zip a user can download: safetensors weights, config, tokenizer, a report."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from dataclasses import asdict, is_dataclass
from pathlib import Path

from lmviz.models import LoadedModel


def model_zip(loaded: LoadedModel, report: dict | None = None) -> bytes:
    """Zip bytes of a folder that `transformers` (and lmviz's "Other: local folder") can load.

    Weights are safetensors only; `training_report.json` holds the settings and the loss curve.
    """
    with tempfile.TemporaryDirectory(prefix="lmviz-export-") as tmp:
        folder = Path(tmp)
        save_folder(loaded, folder)
        info = {"name": loaded.name, "kind": loaded.kind, "description": loaded.description}
        info.update({k: _plain(v) for k, v in (report or {}).items()})
        (folder / "training_report.json").write_text(json.dumps(info, indent=2, default=str), "utf-8")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zf:
            for path in sorted(folder.rglob("*")):
                if path.is_file():
                    zf.write(path, path.relative_to(folder).as_posix())
        return buffer.getvalue()


def save_folder(loaded: LoadedModel, folder: Path) -> None:
    """Weights (safetensors only) and tokenizer into `folder`, made if missing: a folder lmviz loads."""
    folder.mkdir(parents=True, exist_ok=True)
    loaded.model.save_pretrained(folder, safe_serialization=True)
    loaded.tokenizer.save_pretrained(folder)


def _plain(value):
    if is_dataclass(value) and not isinstance(value, type):
        return asdict(value)
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value
