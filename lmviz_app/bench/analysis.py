"""Analysis speed: lmviz's `inspect_text` against a bare transformers forward pass with attentions."""

from __future__ import annotations

import torch

from lmviz.analysis.inspection import inspect_text
from lmviz.models.loading import LoadedModel
from lmviz.text import corpora
from lmviz_app.bench.measure import side_by_side

SIZES = (16, 64, 256)


def sample_text(loaded: LoadedModel, n_tokens: int) -> str:
    """Wikipedia text that this model's tokenizer reads as `n_tokens` tokens (specials included), or as many
    as the model reads when that is fewer."""
    tok = loaded.tokenizer
    n_tokens = min(n_tokens, loaded.max_tokens)
    n_special = len(tok("a")["input_ids"]) - len(tok("a", add_special_tokens=False)["input_ids"])
    docs = corpora.wikipedia().documents
    ids: list[int] = []
    for doc in docs:
        ids.extend(tok(doc + "\n\n", add_special_tokens=False)["input_ids"])
        if len(ids) > 2 * n_tokens + 16:
            break
    # Decoding and re-encoding can merge pieces at the cut: trim until the count is right.
    want = n_tokens - n_special
    text = tok.decode(ids[:want], clean_up_tokenization_spaces=False)
    for extra in range(8):
        text = tok.decode(ids[: want + extra], clean_up_tokenization_spaces=False)
        if len(tok(text)["input_ids"]) >= n_tokens:
            break
    return text


def bare_forward(loaded: LoadedModel, text: str, max_tokens: int) -> None:
    """What anyone would write with plain transformers: tokenize, one forward pass asking for attentions."""
    with torch.inference_mode():
        enc = loaded.tokenizer(text, return_tensors="pt", truncation=True, max_length=max_tokens)
        enc = enc.to(loaded.device)
        loaded.model(**enc, output_attentions=True)
        _sync(loaded.device)


def _sync(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def analysis_ratios(loaded: LoadedModel, sizes=SIZES, repeats: int = 5) -> tuple[dict, dict]:
    """({"analysis_ratio_N": lmviz / bare}, details with both medians in seconds) for each size N."""
    figures, details = {}, {}
    for n in sizes:
        text = sample_text(loaded, n)

        def lmviz_side(text=text, n=n):
            inspect_text(loaded, text, n)
            _sync(loaded.device)

        def bare_side(text=text, n=n):
            bare_forward(loaded, text, n)

        medians = side_by_side({"lmviz": lmviz_side, "bare": bare_side}, repeats)
        figures[f"analysis_ratio_{n}"] = round(medians["lmviz"] / medians["bare"], 3)
        details[f"analysis_{n}"] = {
            "tokens": inspect_text(loaded, text, n).n_tokens,
            "lmviz_s": round(medians["lmviz"], 4),
            "bare_s": round(medians["bare"], 4),
        }
    return figures, details
