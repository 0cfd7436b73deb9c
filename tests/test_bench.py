"""The benchmark runs and reports every figure (measured, or null with a reason); its instruments work.
Behaviour only: no test here depends on how fast this machine is."""

from __future__ import annotations

import json

import pytest

from lmviz.analysis.inspection import inspect_text
from lmviz_app.bench import memory as bench_memory
from lmviz_app.bench import run as bench
from lmviz_app.bench import train as bench_train
from lmviz_app.bench.measure import count_forward_passes, side_by_side


@pytest.fixture(scope="module")
def quick_result(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    argv = ["--quick", "--json", str(out), "--causal", "tiny-gpt2", "--masked", "tiny-bert"]
    bench.main([*argv, "--only", "analysis,widgets,payload"])
    return json.loads(out.read_text())


def test_quick_json_has_every_key_measured_or_explained(quick_result):
    for key in bench.FIGURE_KEYS:
        assert key in quick_result
        if quick_result[key] is None:
            assert quick_result["reasons"][key], key
    for key in ("device", "dtype", "versions", "cores"):
        assert quick_result[key]
    assert quick_result["quick"] is True
    assert quick_result["versions"]["torch"] and quick_result["versions"]["transformers"]


def test_measured_figures_have_sane_types(quick_result):
    for n in (16, 64, 256):
        ratio, sent = quick_result[f"analysis_ratio_{n}"], quick_result[f"payload_bytes_{n}"]
        assert isinstance(ratio, float) and ratio > 0
        assert isinstance(sent, int) and sent > 0
    assert quick_result["widget_forward_passes"] == 0  # sliders redraw from cached results
    assert quick_result["widget_rerun_s"] >= 0
    views = quick_result["details"]["payload_16"]
    assert set(views) == {"head", "grid", "average", "rollout", "bv_head", "bv_model"}
    assert all(size > 0 for size in views.values())


def test_skipped_sections_say_why(quick_result):
    assert "--quick" in quick_result["reasons"]["cold_start_s"]
    assert "--only" in quick_result["reasons"]["peak_rss_mb"]


def test_table_shows_values_and_reasons(quick_result):
    text = bench.table(quick_result)
    assert "analysis_ratio_256" in text and "skipped by --quick" in text


def test_unknown_section_is_refused():
    with pytest.raises(SystemExit):
        bench.main(["--only", "nonsense"])


def test_forward_passes_are_counted_and_hooks_removed(tiny_gpt2):
    with count_forward_passes([tiny_gpt2.model]) as calls:
        inspect_text(tiny_gpt2, "one two three")
        inspect_text(tiny_gpt2, "four five")
    assert len(calls) == 2
    assert not tiny_gpt2.model._forward_hooks
    with pytest.raises(RuntimeError), count_forward_passes([tiny_gpt2.model]):
        raise RuntimeError("boom")
    assert not tiny_gpt2.model._forward_hooks  # removed even when the body fails


def test_side_by_side_times_every_function():
    calls = {"a": 0, "b": 0}

    def bump(name):
        calls[name] += 1

    medians = side_by_side({"a": lambda: bump("a"), "b": lambda: bump("b")}, repeats=3, warmup=1)
    assert set(medians) == {"a", "b"} and all(m >= 0 for m in medians.values())
    assert calls == {"a": 4, "b": 4}


def test_finetune_against_trainer_on_a_tiny_model(tiny_gpt2):
    figures, details = bench_train.finetune_figures(tiny_gpt2, n_steps=1, rounds=1)
    assert figures["finetune_steps_per_s"] > 0 and figures["finetune_vs_trainer"] > 0
    assert details["finetune"]["timed_steps_each"] == 1
    assert all(p.grad is None for p in tiny_gpt2.model.parameters())  # the shared model was not trained


def test_memory_in_a_fresh_process():
    figures = bench_memory.in_fresh_process("tiny-gpt2", "tiny-bert", sessions=1)
    assert figures["peak_rss_mb"] > 0
    assert isinstance(figures["rss_per_session_mb"], float)


@pytest.mark.bundled  # minilm-l6-mlm is always scored beside the masked model asked for
def test_the_cloze_section_scores_every_method_on_tiny_models(tmp_path):
    argv = ["--quick", "--only", "cloze", "--json", str(tmp_path / "cloze.json")]
    result = bench.main([*argv, "--causal", "tiny-gpt2", "--masked", "tiny-bert"])
    for key in bench.CLOZE_KEYS:
        assert 0.0 <= result[key] <= 1.0, key
    for method in ("masked", "minilm", "causal_left", "rescored"):
        assert result[f"cloze_{method}_top1"] <= result[f"cloze_{method}_top5"], method
    details = result["details"]["cloze"]
    assert details["items"] >= 150 and details["rescored_items"] == 12
    assert set(details["masked"]["by_clue"]) == {"left", "right", "both"}
    assert (
        json.loads((tmp_path / "cloze.json").read_text())["cloze_masked_top1"] == result["cloze_masked_top1"]
    )


def test_why_section_measures_attribution_and_patching_on_the_issue_sizes():
    from lmviz.models.loading import load_model
    from lmviz_app.bench import why as bench_why

    tiny = load_model("tiny-gpt2")
    figures, details = bench_why.why_figures(tiny, repeats=1)
    assert set(figures) == {k for k in bench.FIGURE_KEYS if k.startswith("why_")}
    assert all(v > 0 for v in figures.values()), figures
    why = details["why"]
    assert why["attribution_tokens"] == bench_why.ATTRIBUTION_TOKENS
    assert why["patching_tokens"] == bench_why.PATCHING_TOKENS
    layers = tiny.model.config.num_hidden_layers
    assert why["patching_passes"] >= layers * bench_why.PATCHING_TOKENS
