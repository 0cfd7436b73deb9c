"""The "Why" page's cost on the issue's sizes: integrated gradients (with gradient x input and attention x
gradient) at 32 tokens and residual-stream patching at 16 tokens, each against one plain transformers
forward pass of the same tokens."""

from __future__ import annotations

import numpy as np
import torch

from lmviz.analysis.why import attribution, patching
from lmviz.models.loading import LoadedModel
from lmviz_app.bench.analysis import sample_text
from lmviz_app.bench.measure import median_s

ATTRIBUTION_TOKENS = 32
PATCHING_TOKENS = 16


def _ids(loaded: LoadedModel, n: int) -> list[int]:
    return list(loaded.tokenizer(sample_text(loaded, n))["input_ids"])


def _last_logits(loaded: LoadedModel, ids: list[int]) -> np.ndarray:
    with torch.inference_mode():
        logits = loaded.model(input_ids=torch.tensor([ids], device=loaded.device)).logits[0, -1]
    return logits.float().cpu().numpy()


def _plain_forward_s(loaded: LoadedModel, ids: list[int], repeats: int) -> float:
    x = torch.tensor([ids], device=loaded.device)

    def run() -> None:
        with torch.inference_mode():
            loaded.model(input_ids=x)

    return median_s(run, repeats)


def why_figures(loaded: LoadedModel, repeats: int = 3) -> tuple[dict, dict]:
    repeats = max(1, min(repeats, 3))  # an attribution is tens of passes: three medians are enough
    ids = _ids(loaded, ATTRIBUTION_TOKENS)
    last = len(ids) - 1
    answer = int(np.argmax(_last_logits(loaded, ids)))
    steps = 32
    attr_s = median_s(lambda: attribution.attribute(loaded, ids, last, answer, steps=steps), repeats)
    attr_fwd = _plain_forward_s(loaded, ids, 5)

    clean = _ids(loaded, PATCHING_TOKENS)
    corrupt = list(clean)
    corrupt[len(clean) // 2] = clean[len(clean) // 2 - 1]  # one token changed, same length
    answer_p, wrong_p = (int(i) for i in np.argsort(-_last_logits(loaded, clean))[:2])
    pos = len(clean) - 1
    patch_s = median_s(lambda: patching.patch(loaded, clean, corrupt, pos, answer_p, wrong_p), 1)
    patch_fwd = _plain_forward_s(loaded, clean, 5)
    n_passes = patching.passes(loaded.model.config.num_hidden_layers, len(clean))
    figures = {
        "why_attribution_s": round(attr_s, 3),
        "why_attribution_vs_forward": round(attr_s / attr_fwd, 1),
        "why_patching_s": round(patch_s, 3),
        "why_patching_vs_forward": round(patch_s / patch_fwd, 1),
    }
    details = {
        "why": {
            "attribution_tokens": len(ids),
            "ig_steps": steps,
            "forward_32_s": round(attr_fwd, 4),
            "patching_tokens": len(clean),
            "patching_passes": n_passes,
            "forward_16_s": round(patch_fwd, 4),
            "patching_per_pass_vs_forward": round(patch_s / n_passes / patch_fwd, 2),
        }
    }
    return figures, details
