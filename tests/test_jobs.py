"""Background jobs: one unfinished job per owner, a server-wide limit with a first-come queue, Stop, and
failures that end one job with a message without stopping the board. Each test has its own board."""

from __future__ import annotations

import threading
import time

import pytest
import torch

from lmviz.errors import LmvizError, message
from lmviz.training import jobs
from lmviz.training.config import TrainConfig
from lmviz.training.data import pasted
from lmviz.training.jobs import JobBoard
from lmviz.training.request import TrainRequest, run_request

WAIT = 10.0  # seconds; every wait is bounded so a broken board fails the test instead of hanging it


@pytest.fixture(autouse=True, scope="module")
def one_thread():
    """Tiny models train fastest on one thread; on a busy two-core machine two threads mostly wait."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(threads)


def until(predicate, timeout: float = WAIT) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.01)
    return predicate()


def blocking_work(started: threading.Event, release: threading.Event):
    def work(job):
        job.state = "running"
        started.set()
        assert release.wait(WAIT)

    return work


def test_one_unfinished_job_per_owner():
    board = JobBoard(max_running=2)
    started, release = threading.Event(), threading.Event()
    first = board.submit("alice", "first", blocking_work(started, release))
    assert started.wait(WAIT)
    with pytest.raises(LmvizError, match="already going: stop it or wait for it to finish"):
        board.submit("alice", "second", lambda job: None)
    other = board.submit("bob", "bob's", lambda job: None)  # other owners are not held back
    assert other.wait(WAIT) and other.state == "done"
    release.set()
    assert first.wait(WAIT) and first.state == "done"
    again = board.submit("alice", "after", lambda job: None)  # a finished job no longer counts
    assert again.wait(WAIT) and again.state == "done"


def test_jobs_beyond_the_limit_queue_first_come_first_served():
    board = JobBoard(max_running=1)
    started_a, release_a = threading.Event(), threading.Event()
    order: list[str] = []
    a = board.submit("alice", "a", blocking_work(started_a, release_a))
    assert started_a.wait(WAIT)
    b = board.submit("bob", "b", lambda job: order.append("bob"))
    c = board.submit("carol", "c", lambda job: order.append("carol"))
    assert (b.state, c.state) == ("queued", "queued")
    assert board.queue_position(a) == 0
    assert board.queue_position(b) == 1
    assert board.queue_position(c) == 2
    assert board.running() == [a]
    time.sleep(0.3)  # long enough for a queued thread to (wrongly) start
    assert order == [] and b.state == "queued"
    release_a.set()
    assert b.wait(WAIT) and c.wait(WAIT)
    assert order == ["bob", "carol"]
    assert [j.state for j in (a, b, c)] == ["done", "done", "done"]
    assert board.queue_position(b) == 0 and board.running() == []


def test_stop_while_queued_ends_the_job_before_it_starts():
    board = JobBoard(max_running=1)
    started, release = threading.Event(), threading.Event()
    ran = threading.Event()
    a = board.submit("alice", "a", blocking_work(started, release))
    assert started.wait(WAIT)
    b = board.submit("bob", "b", lambda job: ran.set())
    assert board.queue_position(b) == 1
    b.stop()
    assert b.wait(WAIT)
    assert (b.state, b.message) == ("stopped", message("job.stopped_before_start"))
    assert str(b.message) == "Stopped before it started."
    assert b.finished and b.finished_at is not None
    assert a.state == "running"  # the running job is not touched
    release.set()
    assert a.wait(WAIT) and a.state == "done"
    assert not ran.is_set()
    retry = board.submit("bob", "b again", lambda job: ran.set())
    assert retry.wait(WAIT) and ran.is_set()


def test_stop_while_running_is_up_to_the_work():
    board = JobBoard(max_running=1)

    def work(job):
        job.state = "running"
        if job.stop_requested.wait(WAIT):
            job.final_state, job.message = "stopped", message("train.stopped")

    job = board.submit("alice", "a", work)
    assert until(lambda: job.state == "running")
    assert not job.wait(0.1)
    job.stop()
    assert job.wait(WAIT)
    assert (job.state, job.message) == ("stopped", message("train.stopped"))


def test_lmviz_error_fails_the_job_with_its_message():
    board = JobBoard(max_running=1)

    def work(job):
        raise LmvizError("data.too_short", n=12, seq_len=32, min=64)

    job = board.submit("alice", "a", work)
    assert job.wait(WAIT)
    assert job.state == "failed"
    assert job.error == message("data.too_short", n=12, seq_len=32, min=64)
    assert str(job.error).startswith("The training text is 12 tokens; with a sequence length of 32 it needs")


def test_unexpected_exception_fails_the_job_but_not_the_board():
    board = JobBoard(max_running=1)

    def work(job):
        raise RuntimeError("out of memory")

    job = board.submit("alice", "a", work)
    assert job.wait(WAIT)
    assert job.state == "failed"
    assert str(job.error) == "an unexpected error (RuntimeError): out of memory"
    assert job.error == message("job.unexpected", kind="RuntimeError", detail="out of memory")
    assert "RuntimeError: out of memory" in job.traceback  # for the server log
    assert job.message is None
    assert board.running() == []
    later = board.submit("alice", "again", lambda j: setattr(j, "result", 42))
    assert later.wait(WAIT)
    assert (later.state, later.result) == ("done", 42)


def test_work_reports_through_records_and_result():
    board = JobBoard(max_running=1)
    release = threading.Event()

    def work(job):
        job.state = "running"
        job.records.append("step 1")
        assert release.wait(WAIT)
        job.records.append("step 2")
        job.result = "model"
        job.final_state = "diverged"  # the work says how the job ended

    job = board.submit("alice", "a", work)
    assert until(lambda: job.records == ["step 1"])
    assert not job.finished
    release.set()
    assert job.wait(WAIT)
    assert (job.records, job.result, job.state) == (["step 1", "step 2"], "model", "diverged")


def test_a_final_state_that_is_not_an_end_becomes_done():
    board = JobBoard(max_running=1)
    job = board.submit("alice", "a", lambda j: setattr(j, "final_state", "running"))
    assert job.wait(WAIT) and job.state == "done"


def test_a_finishing_job_still_holds_its_slot_and_its_owner():
    board = JobBoard(max_running=1)
    started, release = threading.Event(), threading.Event()

    def work(job):
        job.state = "finishing"  # training is over; the comparison is still being computed
        started.set()
        assert release.wait(WAIT)

    a = board.submit("alice", "a", work)
    assert started.wait(WAIT)
    b = board.submit("bob", "b", lambda job: None)
    with pytest.raises(LmvizError, match="already going"):
        board.submit("alice", "second", lambda job: None)
    time.sleep(0.3)
    assert b.state == "queued" and board.queue_position(b) == 1
    assert board.running() == [a]
    release.set()
    assert a.wait(WAIT) and b.wait(WAIT)
    assert (a.state, b.state) == ("done", "done")


@pytest.mark.parametrize(("value", "expected"), [(None, 1), ("3", 3), ("0", 1), ("many", 1)])
def test_server_wide_limit_comes_from_the_environment(monkeypatch, value, expected):
    if value is None:
        monkeypatch.delenv(jobs.MAX_RUNNING_ENV, raising=False)
    else:
        monkeypatch.setenv(jobs.MAX_RUNNING_ENV, value)
    assert jobs.max_running_default() == expected
    assert JobBoard().max_running == expected
    assert JobBoard(max_running=2).max_running == 2


def test_a_training_job_stopped_from_another_thread_keeps_its_model(tiny_gpt2):
    board = JobBoard(max_running=1)
    config = TrainConfig(method="lora", steps=500, lr=1e-2, batch=2, seq_len=32, eval_every=1000)
    text = "The quick brown fox jumps over the lazy dog. " * 20
    request = TrainRequest("finetune", pasted(text), config, probe="The quick", base=tiny_gpt2)
    job = board.submit("alice", "fine-tune", lambda j: run_request(j, request))
    assert until(lambda: len(job.records) >= 2, timeout=60)
    job.stop()  # what the page's Stop button does
    assert job.wait(60)
    assert job.state == "stopped"
    assert job.records[-1].status == "stopped"
    steps = job.records[-1].step
    assert 2 <= steps < 500
    outcome = job.result
    assert outcome.status == "stopped"
    assert outcome.model is not None and outcome.model.extra["steps"] == steps
    assert outcome.comparison is not None


def test_a_job_nobody_watches_any_more_is_stopped(tiny_gpt2):
    board = JobBoard(max_running=1)
    config = TrainConfig(method="lora", steps=50, lr=1e-2, batch=2, seq_len=32, eval_every=1000)
    text = "The quick brown fox jumps over the lazy dog. " * 20
    request = TrainRequest("finetune", pasted(text), config, probe="The quick", base=tiny_gpt2)

    def work(job):
        job.seen -= jobs.ABANDONED_S + 1  # the page that started it was closed long ago
        return run_request(job, request)

    job = board.submit("alice", "fine-tune", work)
    assert job.wait(60)
    assert job.state == "stopped"
    assert [r.status for r in job.records] == ["running", "stopped"]
    assert job.abandoned
    job.touch()
    assert not job.abandoned
