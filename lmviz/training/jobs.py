"""Background jobs (training runs, long analyses): one per owner (a browser session) on a board, at most N
running at once on it, the rest queued in arrival order. Jobs run in threads and report through their
`records` list, so a page can poll them and leaving the page does not stop them. Nothing here knows about
Streamlit.
"""

from __future__ import annotations

import itertools
import os
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from lmviz.errors import LmvizError, Message, message
from lmviz.kinds import ACTIVE, FINISHED, Status

MAX_RUNNING_ENV = "LMVIZ_MAX_TRAIN_JOBS"
ABANDONED_S = 600.0  # a run whose page has not polled it for this long (tab closed) is stopped


def max_running_default() -> int:
    """Training jobs allowed at once (LMVIZ_MAX_TRAIN_JOBS, default 1: training takes every CPU core)."""
    try:
        return max(1, int(os.environ.get(MAX_RUNNING_ENV, "1")))
    except ValueError:
        return 1


@dataclass(eq=False)
class Job:
    """A job's live state. `work(job)` fills `records` and `result`; `stop()` asks it to end early."""

    id: int
    owner: str
    label: str
    work: Callable[[Job], Any]
    state: Status = Status.QUEUED
    final_state: Status = (
        Status.DONE
    )  # what `work` says the job ended as; `state` becomes it when work returns
    records: list = field(default_factory=list)
    result: Any = None
    error: Message | None = None  # why it failed
    message: Message | None = None  # how it ended, when there is more to say (stopped, diverged)
    traceback: str = ""  # an unexpected failure's traceback, for the server log
    created: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)  # the owner's page last looked at the job
    finished_at: float | None = None
    stop_requested: threading.Event = field(default_factory=threading.Event)
    _done: threading.Event = field(default_factory=threading.Event)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def stop(self) -> None:
        self.stop_requested.set()

    def touch(self) -> None:
        """The owner is still watching (a job nobody looks at for ABANDONED_S is stopped)."""
        self.seen = time.monotonic()

    @property
    def abandoned(self) -> bool:
        return time.monotonic() - self.seen > ABANDONED_S

    def wait(self, timeout: float | None = None) -> bool:
        """Block until the job has finished; True if it did within `timeout`."""
        return self._done.wait(timeout)


class JobBoard:
    """The server-wide list of training jobs."""

    def __init__(self, max_running: int | None = None, analysis: bool = False) -> None:
        self.max_running = max_running or max_running_default()
        self.analysis = analysis  # a board of analyses (the message to a busy owner says so)
        self._lock = threading.Condition()
        self._jobs: list[Job] = []
        self._ids = itertools.count(1)

    def submit(self, owner: str, label: str, work: Callable[[Job], Any]) -> Job:
        """Queue `work` for `owner`. One unfinished job per owner: a second one raises LmvizError."""
        with self._lock:
            if any(j.owner == owner and not j.finished for j in self._jobs):
                if self.analysis:
                    raise LmvizError("job.analysis_running")
                raise LmvizError("job.already_running")
            job = Job(next(self._ids), owner, label, work)
            self._jobs.append(job)
        threading.Thread(target=self._run, args=(job,), name=f"lmviz-train-{job.id}", daemon=True).start()
        return job

    def queue_position(self, job: Job) -> int:
        """0 when running or finished; otherwise how many jobs are ahead of it (running or queued)."""
        with self._lock:
            if job.state != Status.QUEUED:
                return 0
            ahead = [j for j in self._jobs if not j.finished and j.created <= job.created and j is not job]
            return len(ahead)

    def running(self) -> list[Job]:
        with self._lock:
            return [j for j in self._jobs if j.state in ACTIVE]

    def _may_start(self, job: Job) -> bool:
        active = [j for j in self._jobs if j.state in ACTIVE]
        if len(active) >= self.max_running:
            return False
        waiting = [j for j in self._jobs if j.state == Status.QUEUED]
        return bool(waiting) and waiting[0] is job  # first come, first served

    def _run(self, job: Job) -> None:
        with self._lock:
            while not self._may_start(job):
                if job.stop_requested.is_set():
                    job.state, job.message = Status.STOPPED, message("job.stopped_before_start")
                    self._finish(job)
                    return
                self._lock.wait(timeout=0.5)
            job.state = Status.PREPARING
        try:
            job.work(job)
            job.state = job.final_state if job.final_state in FINISHED else Status.DONE
        except LmvizError as exc:
            job.state, job.error = Status.FAILED, exc.message
        except Exception as exc:  # a boundary: the thread must end with a message, never silently
            job.state = Status.FAILED
            job.error = message("job.unexpected", kind=type(exc).__name__, detail=str(exc))
            job.traceback = traceback.format_exc(limit=5)
        with self._lock:
            self._finish(job)

    def _finish(self, job: Job) -> None:
        # The board forgets finished jobs (their owners keep them): a trained model is ~0.5 GB.
        self._jobs.remove(job)
        job.finished_at = time.monotonic()
        job._done.set()
        self._lock.notify_all()


BOARD = JobBoard()  # the one board of training jobs a server process shares
# Long analyses (activation patching, every head ablated in turn): their own queue, so that they neither
# wait behind a training run nor count as one; two at once, as each is a series of short forward passes.
ANALYSIS_BOARD = JobBoard(max_running=2, analysis=True)
