"""Classroom load on a real server: two waves of 30 sessions, each on its own text, while one session
fine-tunes the model they all read (tests/load_driver.py; several minutes on 2 cores)."""

from __future__ import annotations

import pytest

from tests.live_server import require_browser

require_browser(allow_module_level=True)

from tests.load_driver import TRAIN_STEPS, run_load  # noqa: E402

pytestmark = [pytest.mark.load, pytest.mark.browser]
SESSIONS = 30


def test_thirty_sessions_while_one_fine_tunes() -> None:
    report = run_load(SESSIONS)
    table = report.table()
    print(table)  # p50/p95, memory and run time, shown with `pytest -s`
    assert not report.errors, table  # each session saw exactly its own chips; no exception or error box
    assert [len(times) for times in report.wave_times_s] == [SESSIONS, SESSIONS], table
    assert report.train_steps == TRAIN_STEPS, table  # the fine-tune finished ("Done:")
    assert report.during_training > 0, table  # results kept coming while it ran
    # The shared model was not touched: fresh texts before and after match a freshly built tiny-gpt2.
    assert report.bars_before_ok and report.bars_after_ok, table
    assert report.memory_ok, table  # the second wave reuses shared results: no per-session leak
