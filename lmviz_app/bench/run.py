"""Benchmarks of speed and memory: `lmviz bench [--quick] [--json FILE]` (or `make bench`).

Runs on whatever device lmviz picks, prints a table, and writes the same figures as JSON. A figure that
could not be measured is null, with the reason under "reasons". `--quick` (fewer repeats, no browser, no
30-step demo, 12 rescored cloze items) takes about 2.5 min on a 2-core CPU. BENCHMARKS.md says what each
figure means.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import json
import os
import platform
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

FIGURE_KEYS = (
    "analysis_ratio_16",
    "analysis_ratio_64",
    "analysis_ratio_256",
    "widget_forward_passes",
    "widget_rerun_s",
    "cold_start_s",
    "finetune_steps_per_s",
    "finetune_vs_trainer",
    "finetune_demo_s",
    "peak_rss_mb",
    "rss_per_session_mb",
    "payload_bytes_16",
    "payload_bytes_64",
    "payload_bytes_256",
    "finetune_page_train_s",
    "finetune_page_vs_terminal",
    "cloze_masked_top1",
    "cloze_masked_top5",
    "cloze_masked_right_top1",
    "cloze_minilm_top1",
    "cloze_minilm_top5",
    "cloze_causal_left_top1",
    "cloze_causal_left_top5",
    "cloze_causal_left_right_top1",
    "cloze_rescored_top1",
    "cloze_rescored_top5",
    "wiki_masked_top1",
    "wiki_masked_top5",
    "inside_trace_vs_inspect",
    "inside_head_steps_s",
    "inside_logit_parts_s",
    "why_attribution_s",
    "why_attribution_vs_forward",
    "why_patching_s",
    "why_patching_vs_forward",
)
SECTIONS = (
    "memory", "analysis", "inside", "why", "widgets", "payload", "finetune", "demo", "browser", "page_demo",
    "cloze",
)  # fmt: skip
CLOZE_KEYS = tuple(k for k in FIGURE_KEYS if k.startswith(("cloze_", "wiki_")))
PACKAGES = ("torch", "transformers", "streamlit", "peft", "plotly", "lmviz")


@dataclass(frozen=True)
class Plan:
    """How much each section does: `quick()` takes about two and a half minutes on a 2-core CPU."""

    causal: str = "smollm2-135m"
    masked: str = "smollm2-135m-mlm"
    repeats: int = 7  # timed calls per side for the analysis ratios
    sessions: int = 10  # app sessions for rss_per_session_mb
    finetune_steps: int = 8  # timed steps per side and round
    finetune_rounds: int = 2  # lmviz, Trainer, lmviz, Trainer
    demo: bool = True
    browser: bool = True
    quick: bool = False
    rescore_items: int | None = None  # cloze items the (slow) whole-sentence rescoring scores; None: all

    @classmethod
    def quick_plan(cls, causal: str, masked: str) -> Plan:
        return cls(causal, masked, 3, 4, 2, 1, demo=False, browser=False, quick=True, rescore_items=12)


def environment(causal) -> dict:
    """Device, dtype, versions and core count of this run."""
    import torch

    versions = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            versions[name] = importlib.metadata.version(name)
        except importlib.metadata.PackageNotFoundError:
            versions[name] = None
    device = str(causal.device)
    if causal.device.type == "cuda":
        device += f" ({torch.cuda.get_device_name(causal.device)})"
    return {
        "device": device,
        "dtype": str(causal.dtype).removeprefix("torch."),
        "versions": versions,
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
    }


def run(plan: Plan, sections: tuple[str, ...] = SECTIONS, log: Callable[[str], None] = print) -> dict:
    """Measure `sections` under `plan`; every figure key is present, null with a reason when unmeasured."""
    from lmviz.models.loading import load_model
    from lmviz_app.bench import analysis as bench_analysis
    from lmviz_app.bench import app as bench_app
    from lmviz_app.bench import browser as bench_browser
    from lmviz_app.bench import cloze as bench_cloze
    from lmviz_app.bench import inside as bench_inside
    from lmviz_app.bench import memory as bench_memory
    from lmviz_app.bench import train as bench_train
    from lmviz_app.bench import why as bench_why

    started = time.perf_counter()
    causal = load_model(plan.causal)
    out: dict = {key: None for key in FIGURE_KEYS}
    out.update(environment(causal))
    out.update({"quick": plan.quick, "models": [plan.causal, plan.masked], "reasons": {}, "details": {}})
    app_missing = bench_app.app_missing()
    jobs = {
        "memory": (
            ("peak_rss_mb", "rss_per_session_mb"),
            lambda: (bench_memory.in_fresh_process(plan.causal, plan.masked, plan.sessions), {}),
            app_missing,
        ),
        "analysis": (
            ("analysis_ratio_16", "analysis_ratio_64", "analysis_ratio_256"),
            lambda: bench_analysis.analysis_ratios(causal, repeats=plan.repeats),
            "",
        ),
        "inside": (
            ("inside_trace_vs_inspect", "inside_head_steps_s", "inside_logit_parts_s"),
            lambda: bench_inside.inside_figures(causal, repeats=plan.repeats),
            "",
        ),
        "why": (
            ("why_attribution_s", "why_attribution_vs_forward", "why_patching_s", "why_patching_vs_forward"),
            lambda: bench_why.why_figures(causal, repeats=plan.repeats),
            "",
        ),
        "widgets": (
            ("widget_forward_passes", "widget_rerun_s"),
            lambda: bench_app.widget_figures(plan.causal, plan.masked),
            app_missing,
        ),
        "payload": (
            ("payload_bytes_16", "payload_bytes_64", "payload_bytes_256"),
            lambda: bench_app.payload_figures(plan.causal, plan.masked),
            app_missing,
        ),
        "finetune": (
            ("finetune_steps_per_s", "finetune_vs_trainer"),
            lambda: bench_train.finetune_figures(causal, plan.finetune_steps, plan.finetune_rounds),
            "",
        ),
        "demo": (
            ("finetune_demo_s",),
            lambda: bench_train.demo_figures(causal),
            "" if plan.demo else "skipped by --quick: the 30-step demo alone takes minutes on a CPU",
        ),
        "page_demo": (
            ("finetune_page_train_s", "finetune_page_vs_terminal"),
            lambda: bench_browser.page_finetune(bench_train.terminal_train_s(causal)),
            bench_browser.browser_missing() if plan.demo and plan.browser else "skipped by --quick",
        ),
        "cloze": (
            CLOZE_KEYS,
            lambda: bench_cloze.cloze_figures(causal, plan.masked, plan.rescore_items, log),
            "",
        ),
        "browser": (
            ("cold_start_s",),
            bench_browser.cold_start,
            bench_browser.browser_missing() if plan.browser else "skipped by --quick (no browser)",
        ),
    }
    for name in SECTIONS:
        keys, measure, why_not = jobs[name]
        if name not in sections and not why_not:
            why_not = "section not selected (--only)"
        if why_not:
            out["reasons"].update({key: why_not for key in keys})
            continue
        log(f"lmviz.bench: {name} ...")
        t0 = time.perf_counter()
        try:
            figures, details = measure()
        except Exception as exc:  # one failed section must not lose the others' figures
            out["reasons"].update({key: f"{name} failed: {type(exc).__name__}: {exc}" for key in keys})
            continue
        out.update({k: v for k, v in figures.items() if k in FIGURE_KEYS})
        out["details"].update(details)
        out["details"].setdefault("section_s", {})[name] = round(time.perf_counter() - t0, 1)
    out["total_s"] = round(time.perf_counter() - started, 1)
    return out


UNITS = {
    "widget_forward_passes": "passes",
    "widget_rerun_s": "s",
    "inside_head_steps_s": "s",
    "inside_logit_parts_s": "s",
    "why_attribution_s": "s",
    "why_patching_s": "s",
    "cold_start_s": "s",
    "finetune_steps_per_s": "steps/s",
    "finetune_demo_s": "s",
    "finetune_page_train_s": "s",
    "peak_rss_mb": "MiB",
    "rss_per_session_mb": "MiB",
    **{key: "share of items (or masked tokens)" for key in CLOZE_KEYS},
}


def table(result: dict) -> str:
    """The figures as an aligned text table (a reason in place of a missing figure)."""
    lines = [
        f"lmviz.bench on {result['device']} ({result['dtype']}), {result['cores']} cores"
        + (", --quick" if result.get("quick") else ""),
        f"{'figure':<30} {'value':>14}  unit / note",
    ]
    for key in FIGURE_KEYS:
        value = result.get(key)
        if value is None:
            lines.append(f"{key:<30} {'-':>14}  {result['reasons'].get(key, '')}")
            continue
        unit = UNITS.get(key, "bytes" if key.startswith("payload") else "x")
        shown = (
            f"{value:,}"
            if isinstance(value, int)
            else f"{value:.1%}"
            if key in CLOZE_KEYS
            else f"{value:,.3f}"
        )
        lines.append(f"{key:<30} {shown:>14}  {unit}")
    lines.append(f"total {result.get('total_s', 0):.0f} s")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(prog="lmviz bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats, no browser, no demo (~2.5 min)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--only", help=f"comma-separated sections among: {', '.join(SECTIONS)}")
    parser.add_argument("--causal", default=Plan.causal, help="causal model (default: the bundled one)")
    parser.add_argument("--masked", default=Plan.masked, help="masked model (default: the bundled one)")
    parser.add_argument(
        "--rescore-items", type=int, metavar="N", help="cloze: rescore N items, evenly spread (default: all)"
    )
    args = parser.parse_args(argv)
    sections = tuple(s.strip() for s in args.only.split(",")) if args.only else SECTIONS
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}: use {', '.join(SECTIONS)}")
    plan = Plan.quick_plan(args.causal, args.masked) if args.quick else Plan(args.causal, args.masked)
    if args.rescore_items:
        plan = replace(plan, rescore_items=args.rescore_items)
    result = run(plan, sections)
    print(table(result))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump(result, f, indent=2)
            f.write("\n")
    return result
