"""Forward passes asked at the same moment by different callers (a class's sessions) run as one batch.

A `Gatherer` owns one worker thread. Each caller hands it token ids and waits; the worker takes the
oldest request, waits a few milliseconds for others on the same model with the same outputs asked for,
pads them on the right into one batch with an attention mask, runs it once and hands every caller its
own row cut back to its own length (with the batch dim of 1 kept, like a pass on that row alone).
Requests are served in the order they came; one model's batch does not wait for another's. Only plain
passes go through it: a caller that has hooks on its own thread (interventions, recordings) runs the
model itself (`forward.run`), since the worker's thread is not the caller's.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field

import torch

from lmviz.models import forward
from lmviz.models.loading import LoadedModel

WAIT_ENV = "LMVIZ_GATHER_MS"
# A batch closes when no request joined it for this long: thirty sessions' scripts, started together,
# reach the model over ~200 ms on 2 busy cores, a few ms to tens of ms apart.
DEFAULT_WAIT_MS = 20.0
MAX_WAIT_S = 0.25  # and at the latest this long after its first request came
MAX_ROWS = 32
MAX_TOKENS = 2048  # rows x longest row: bounds one batch's logits (SmolLM2: 2048 x 49k floats = 400 MB)


@dataclass(frozen=True)
class Row:
    """One caller's part of a batched pass, shaped as if its ids had been run alone (batch dim 1).

    logits (1, T, V), or (1, 1, V) with `last_only`; attentions L x (1, H, T, T); hidden_states
    (L+1) x (1, T, D); None where not asked for (or the model has no head)."""

    logits: torch.Tensor | None
    attentions: tuple[torch.Tensor, ...] | None = None
    hidden_states: tuple[torch.Tensor, ...] | None = None


@dataclass(frozen=True)
class Outputs:
    attentions: bool = False
    hidden_states: bool = False
    last_only: bool = False


@dataclass
class _Request:
    loaded: LoadedModel
    ids: tuple[int, ...]
    outputs: Outputs
    at: float = field(default_factory=time.monotonic)
    seq: int = 0  # arrival number
    result: Future = field(default_factory=Future)

    def joins(self, other: _Request) -> bool:
        return self.loaded is other.loaded and self.outputs == other.outputs


def wait_ms() -> float:
    """How long a batch stays open after its latest request ($LMVIZ_GATHER_MS, default 20; 0 runs every
    pass alone in its caller's thread, as without a gatherer)."""
    raw = os.environ.get(WAIT_ENV, "")
    try:
        return max(0.0, float(raw)) if raw.strip() else DEFAULT_WAIT_MS
    except ValueError:
        return DEFAULT_WAIT_MS


class Gatherer:
    """One worker thread running every gathered pass of the process, oldest request first."""

    def __init__(
        self,
        wait_s: float | None = None,
        max_rows: int = MAX_ROWS,
        max_tokens: int = MAX_TOKENS,
        max_wait_s: float = MAX_WAIT_S,
    ):
        self.wait_s = wait_ms() / 1000 if wait_s is None else wait_s
        self.max_wait_s = max(max_wait_s, self.wait_s)
        self.max_rows, self.max_tokens = max_rows, max_tokens
        self._queue: list[_Request] = []
        self._cv = threading.Condition()
        self._worker: threading.Thread | None = None
        self.batches: list[int] = []  # rows of each batch run so far (the last 1000): what gathering did
        self.order: list[int] = []  # requests' arrival numbers in the order they ran (the last 1000)
        self._arrived = 0

    def run(self, loaded: LoadedModel, ids: Sequence[int], **outputs: bool) -> Row:
        """The pass over `ids` (T,) as `forward.run` would give it, batched with whoever asks meanwhile."""
        request = _Request(loaded, tuple(int(i) for i in ids), Outputs(**outputs))
        if self.wait_s <= 0:
            return _run_batch([request])[0]
        with self._cv:
            request.seq, self._arrived = self._arrived, self._arrived + 1
            self._queue.append(request)
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(target=self._loop, name="lmviz-gather", daemon=True)
                self._worker.start()
            self._cv.notify_all()
        return request.result.result()

    def _take(self) -> list[_Request]:
        """The oldest request and those that join it, once none joined for `wait_s` (or `max_wait_s` since
        the first came, or the batch is full)."""
        with self._cv:
            while not self._queue:
                self._cv.wait()
            first = self._queue[0]
            while True:
                batch = self._fitting(first)
                latest = max(r.at for r in batch)
                now = time.monotonic()
                left = min(latest + self.wait_s, first.at + self.max_wait_s) - now
                if left <= 0 or len(batch) >= self.max_rows:
                    break
                self._cv.wait(left)
            taken = {id(r) for r in batch}
            self._queue = [r for r in self._queue if id(r) not in taken]
            return batch

    def _fitting(self, first: _Request) -> list[_Request]:
        batch, longest = [], 0
        for r in self._queue:
            if not r.joins(first):
                continue
            longest2 = max(longest, len(r.ids))
            if batch and (len(batch) >= self.max_rows or longest2 * (len(batch) + 1) > self.max_tokens):
                break
            batch.append(r)
            longest = longest2
        return batch

    def _loop(self) -> None:
        while True:
            batch = self._take()
            self.batches = [*self.batches[-999:], len(batch)]
            self.order = [*self.order[-999:], *(r.seq for r in batch)]
            try:
                rows = _run_batch(batch)
            except Exception:  # noqa: BLE001 - one caller's bad request must not fail its neighbours
                rows = None
            if rows is not None:
                for request, row in zip(batch, rows, strict=True):
                    request.result.set_result(row)
                continue
            for request in batch:  # alone, each caller gets its own result or its own error
                try:
                    request.result.set_result(_run_batch([request])[0])
                except Exception as exc:  # noqa: BLE001 - handed to the caller, raised there
                    request.result.set_exception(exc)


@torch.inference_mode()
def _run_batch(batch: list[_Request]) -> list[Row]:
    loaded, outputs = batch[0].loaded, batch[0].outputs
    lengths = [len(r.ids) for r in batch]
    kwargs: dict = {"attentions": outputs.attentions, "hidden_states": outputs.hidden_states}
    if len(batch) == 1:
        out = forward.run(loaded, batch[0].ids, last_only=outputs.last_only, **kwargs)
        return [_row(out, 0, lengths[0], outputs, -1 if outputs.last_only else None)]
    width = max(lengths)
    pad = loaded.tokenizer.pad_token_id
    ids = torch.full((len(batch), width), 0 if pad is None else pad, dtype=torch.long)  # (B, T) right-padded
    mask = torch.zeros((len(batch), width), dtype=torch.long)
    for i, r in enumerate(batch):
        ids[i, : lengths[i]] = torch.tensor(r.ids)
        mask[i, : lengths[i]] = 1
    lasts = sorted({n - 1 for n in lengths})  # with last_only: the head read at each row's last token only
    kept = outputs.last_only and forward.keeps_logits(loaded)
    out = forward.run(loaded, ids, attention_mask=mask, logits_at=lasts if kept else None, **kwargs)
    rows = []
    for i, n in enumerate(lengths):
        last = (lasts.index(n - 1) if kept else n - 1) if outputs.last_only else None
        rows.append(_row(out, i, n, outputs, last))
    return rows


def _row(out, i: int, n: int, outputs: Outputs, last: int | None) -> Row:
    """Row i of a batch output cut to its n tokens (`last`: the one logits position kept); copies, so no
    row keeps the whole batch alive."""
    logits = getattr(out, "logits", None)
    if logits is not None:
        logits = logits[i : i + 1, :n] if last is None else logits[i : i + 1, last:][:, :1]
        logits = logits.clone()
    attentions = hidden = None
    if outputs.attentions and out.attentions is not None:
        attentions = tuple(a[i : i + 1, :, :n, :n].clone() for a in out.attentions)
    if outputs.hidden_states and out.hidden_states is not None:
        hidden = tuple(h[i : i + 1, :n].clone() for h in out.hidden_states)
    return Row(logits, attentions, hidden)


_SHARED: Gatherer | None = None
_SHARED_LOCK = threading.Lock()


def shared() -> Gatherer:
    """The process's gatherer (one worker thread for every session of a server)."""
    global _SHARED
    with _SHARED_LOCK:
        if _SHARED is None:
            _SHARED = Gatherer()
        return _SHARED
