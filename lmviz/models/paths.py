"""Where lmviz keeps its one-time conversions and downloads: $LMVIZ_CACHE, else ~/.cache/lmviz."""

from __future__ import annotations

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parents[1]  # the lmviz package folder
BUNDLED_DIR = PACKAGE_DIR / "bundled"


def cache_dir() -> Path:
    env = os.environ.get("LMVIZ_CACHE")
    return Path(env).expanduser() if env else Path.home() / ".cache" / "lmviz"
