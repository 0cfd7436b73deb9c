"""The classroom cloze benchmark (lmviz.analysis.cloze) and held-out Wikipedia accuracy, for the default
masked model, the BERT-architecture one, the causal model's left-only guess and its whole-sentence
rescoring: `lmviz bench --only cloze`."""

from __future__ import annotations

from lmviz.analysis import cloze
from lmviz.analysis.compare import rescore
from lmviz.models.loading import LoadedModel, load_model
from lmviz.training.masking import chunk_ids, masked_accuracy, wikipedia_split

WIKI_ROWS = 256  # held-out rows of 128 tokens, 15% of their tokens masked (seeded)
OTHER_MASKED = "minilm-l6-mlm"  # the BERT architecture, for comparison


def wiki_figures(masked: LoadedModel) -> tuple[float, float]:
    _, held_out = wikipedia_split()
    rows = chunk_ids(masked.tokenizer, held_out, 128)[:WIKI_ROWS]
    return masked_accuracy(masked.model, masked.tokenizer, rows, seed=0)


def cloze_figures(
    causal: LoadedModel, masked_name: str, rescore_items: int | None = None, log=print
) -> tuple[dict, dict]:
    """Figures for the masked model, the other masked model, the causal model left-only and rescored."""
    items = cloze.load_items()
    masked = load_model(masked_name, device=str(causal.device))
    runs = [
        ("masked", masked, lambda it: cloze.masked_guesses(masked, it)),
        ("causal_left", causal, lambda it: cloze.causal_left_guesses(causal, it)),
    ]
    if masked_name != OTHER_MASKED:
        other = load_model(OTHER_MASKED, device=str(causal.device))
        runs.append(("minilm", other, lambda it: cloze.masked_guesses(other, it)))
    scores = {}
    for name, model, guess in runs:
        scores[name] = cloze.score(name, [model.name], items, guess)
        log(f"  cloze {scores[name].line()}")
    subset = cloze.evenly(items, rescore_items)
    scores["rescored"] = cloze.score(
        "rescored",
        [causal.name, masked.name],
        subset,
        lambda it: cloze.causal_rescored_guesses(causal, it, masked),
    )
    log(f"  cloze {scores['rescored'].line()}  ({len(subset)} items)")
    top1, top5 = wiki_figures(masked)
    figures = {"wiki_masked_top1": round(top1, 6), "wiki_masked_top5": round(top5, 6)}
    for name, s in scores.items():
        figures[f"cloze_{name}_top1"] = round(s.top1, 6)  # 6 places: shown as 72.4%, not 72.45% -> 72.5%
        figures[f"cloze_{name}_top5"] = round(s.top5, 6)
    figures["cloze_masked_right_top1"] = round(scores["masked"].by_clue["right"][0], 6)
    figures["cloze_causal_left_right_top1"] = round(scores["causal_left"].by_clue["right"][0], 6)
    details = {
        "cloze": {
            "items": len(items),
            "rescored_items": len(subset),
            "rescore_candidates": {"left": rescore.N_LEFT, "masked": rescore.N_MASKED},
            "masked_model": masked.name,
            **{
                name: {
                    "by_clue": s.by_clue,
                    "by_topic": s.by_topic,
                    "echo_rate": round(s.echo_rate, 4),
                    "seconds": round(s.seconds, 1),
                }
                for name, s in scores.items()
            },
        }  # fmt: skip
    }
    return figures, details
