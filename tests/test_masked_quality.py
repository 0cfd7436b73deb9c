"""The bundled masked LM reaches its promised quality on Wikipedia text it was never trained on."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from lmviz.models.registry import BUNDLED_MASKED_DIR, MLM_ADAPTER
from lmviz.training import masking as mlm

pytestmark = pytest.mark.bundled
ROOT = Path(__file__).resolve().parents[1]


def test_held_out_top1_at_least_35_percent(masked_lm):
    _, held_out = mlm.wikipedia_split()
    rows = mlm.chunk_ids(masked_lm.tokenizer, held_out, 128)[:256]
    top1, top5 = mlm.masked_accuracy(masked_lm.model, masked_lm.tokenizer, rows, seed=0)
    assert top1 >= 0.35, f"held-out top-1 {top1:.1%} (top-5 {top5:.1%})"
    report = json.loads((BUNDLED_MASKED_DIR / "training_report.json").read_text())
    # the committed weights are the ones the training script reported on
    assert top1 == pytest.approx(report["held_out"]["top1"], abs=0.01)


def test_training_script_runs_and_prints_held_out_quality(tmp_path):
    cmd = [sys.executable, str(ROOT / "scripts" / "train_masked_lm.py")]
    args = ["--steps", "2", "--batch", "4", "--eval-every", "2", "--eval-chunks", "8", "--no-save"]
    args += ["--stage2-steps", "2", "--novel-share", "0", "--stage2-novel-share", "0"]
    # (the novels come from a PyPI download: tests stay offline)
    out = subprocess.run(cmd + args, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert out.returncode == 0, out.stderr[-2000:]
    assert "held-out top-1" in out.stdout and "Paris is the capital of [MASK]. ->" in out.stdout


def test_default_masked_model_on_held_out_wikipedia(masked_default):
    """SmolLM2 read both ways: held-out top-1 >= 45%, and the figures are the training report's."""
    _, held_out = mlm.wikipedia_split()
    rows = mlm.chunk_ids(masked_default.tokenizer, held_out, 128)[:256]
    top1, top5 = mlm.masked_accuracy(masked_default.model, masked_default.tokenizer, rows, seed=0)
    assert top1 >= 0.45, f"held-out top-1 {top1:.1%} (top-5 {top5:.1%})"
    report = json.loads((MLM_ADAPTER.parent / "training_report.json").read_text())
    assert top1 == pytest.approx(report["final"]["wikipedia_held_out"]["top1"], abs=0.01)
    assert top5 == pytest.approx(report["final"]["wikipedia_held_out"]["top5"], abs=0.01)


def test_masked_smollm2_script_runs_and_prints_its_quality():
    """A two-step smoke run of the script that trained the adapter (Wikipedia only: the other sources come
    from package downloads, and tests stay offline)."""
    cmd = [sys.executable, str(ROOT / "scripts" / "train_masked_smollm2.py")]
    args = ["--steps", "2", "--stop-after", "2", "--eval-every", "2", "--shares", "wiki:1", "--no-save"]
    args += ["--batch", "2", "--seq", "32"]  # small: the suite's process holds models too
    out = subprocess.run(cmd + args, capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert out.returncode == 0, out.stderr[-2000:]
    assert '"step": 0, "cloze": {"top1"' in out.stdout and '"step": 2, "cloze"' in out.stdout
