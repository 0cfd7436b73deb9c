"""Classroom load on one real `streamlit run` server: many sessions at once, one of them fine-tuning.

One session (in headless Chromium) fully fine-tunes tiny-gpt2, the very model the others read. Meanwhile a
first wave of N sessions opens the home page, each on its own text, and a second wave of N more opens the
same texts; all stay connected. These sessions speak the websocket protocol of Streamlit's own frontend
(the BackMsg that asks for a run, the ForwardMsgs that draw it), so the server does exactly what it does
for a browser while the 2 CPU cores are not spent drawing 60 pages. Every session's token chips are
checked against this process's own run of the same library; the server's resident memory is read before
and after each wave; and the next-token page (in Chromium) of a text never asked before, before and after
the fine-tune, must show this process's freshly built tiny-gpt2's probabilities: a changed shared model
would move every one of them.

    python -m tests.load_driver --sessions 30
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import html
import json
import os
import re
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

import numpy as np
import psutil

from tests.live_server import launch_chromium, serve_app_process

CAUSAL, MASKED = "tiny-gpt2", "tiny-bert"
TOKENS_HEADING = "Your text as each model reads it"
# One distinctive word per session: a session showing another's result shows another's word.
WORDS = (
    "otter", "violin", "glacier", "lantern", "pepper", "harbor", "falcon", "meadow", "candle", "engine",
    "orchard", "saddle", "tunnel", "blanket", "pirate", "compass", "dragon", "garden", "hammer", "island",
    "jacket", "kettle", "ladder", "mirror", "needle", "pillow", "rabbit", "spider", "turtle", "wizard",
    "anchor", "basket", "castle", "desert", "feather", "ginger", "helmet", "jungle", "magnet", "parrot",
)  # fmt: skip
# Fresh texts for the next-token page (never asked before: a cached result would hide a changed model).
PROBE_BEFORE = "The weather in the valley was"
PROBE_AFTER = "My favourite kind of music is"
WARM_UP = "A teacher opens the lesson before the class arrives."
N_BARS = 10  # the next-token page's default
TRAIN_STEPS = 80  # full fine-tune of tiny-gpt2, 2 blocks of 32 tokens a step: outlasts the first wave
SESSION_S = 240.0  # one session's result, on 2 busy cores with every other session asking at once
PAGE_MS = 240_000  # a browser page's result
TRAIN_DONE_MS = 300_000
TOTAL_TIMEOUT_S = 600.0
SETTLE_S = 3.0  # let the server finish the wave's last messages before reading its memory
MB = 1024 * 1024
# A session's own state is small; keeping each result (tiny-gpt2's logits for one text are 2.4 MB) or a
# copy of a model per session would break this bound on the second wave's growth.
SECOND_WAVE_SHARE = 0.5
MEMORY_SLACK_MB = 60

# The next-token bars as plotly holds them (full-precision probabilities, the tick labels).
BARS_JS = """() => {
  const gd = document.querySelector('[data-testid="stMain"] .js-plotly-plot');
  if (!gd || !gd._fullData || !gd._fullData.length) return null;
  const t = gd._fullData[0];
  return {x: Array.from(t.x, Number), y: Array.from(t.y, String)};
}"""


def session_texts(n: int) -> list[str]:
    if n > len(WORDS):
        raise ValueError(f"at most {len(WORDS)} sessions (one distinctive word each), got {n}")
    return [f"Student {i + 1} asks why the {word} is here today." for i, word in enumerate(WORDS[:n])]


def session_url(base_url: str, page: str, text: str) -> str:
    query = urlencode({"text": text, "causal": CAUSAL, "masked": MASKED, "lang": "en"})
    return f"{base_url}/{page}?{query}"


# --- what each page must show, computed here from the same library -------------------------------------


def expected_chips(texts: list[str]) -> list[dict[str, list[str]]]:
    """Per text: model name -> the chips the home page draws (its token strings, spaces as ␣)."""
    import lmviz

    models = [lmviz.load_model(name, device="cpu") for name in (CAUSAL, MASKED)]
    return [
        {m.name: [tok.replace(" ", "␣") for tok in lmviz.inspect_text(m, text).tokens] for m in models}
        for text in texts
    ]


def expected_bars(text: str) -> dict[str, list]:
    """The next-token page's bars for `text` on a freshly built tiny-gpt2: probabilities and labels."""
    import lmviz
    from lmviz.analysis import generation, sampling
    from lmviz_app import plots

    loaded = lmviz.load_model(CAUSAL, device="cpu")
    logits = generation.next_distribution(loaded, generation.text_prompt_ids(loaded, text))
    probs = sampling.softmax(logits, 1.0)
    rows = sampling.top_table(probs, logits, N_BARS)
    labels = [generation.token_text(loaded.tokenizer, r.token_id) for r in rows]
    x = np.array([r.prob for r in rows])
    fig = plots.next_token_bars(labels, x, np.array([r.logit for r in rows]), np.ones(len(rows), bool), "")
    return {"x": x.tolist(), "y": list(fig.data[0].y)}


def same_bars(seen: dict | None, want: dict) -> bool:
    return (
        seen is not None
        and seen["y"] == want["y"]
        and np.allclose(seen["x"], want["x"], rtol=1e-5, atol=1e-9)
    )


# --- the report --------------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    sessions: int
    wave_times_s: list[list[float]] = field(default_factory=list)  # per wave, per session
    errors: list[str] = field(default_factory=list)  # one line per failed check, saying which session
    rss_mb: dict[str, float] = field(default_factory=dict)  # "start", "warm", "wave 1", "wave 2"
    during_training: int = 0  # first-wave sessions whose result came while the fine-tune still ran
    train_steps: int = 0
    train_seconds: float = 0.0
    bars_before_ok: bool = False
    bars_after_ok: bool = False
    run_time_s: float = 0.0

    @property
    def times(self) -> list[float]:
        return [t for wave in self.wave_times_s for t in wave]

    def growth_mb(self, wave: int) -> float:
        keys = ("warm", "wave 1", "wave 2")
        return self.rss_mb[keys[wave]] - self.rss_mb[keys[wave - 1]]

    @property
    def memory_ok(self) -> bool:
        """The second wave (the same texts: shared results) adds much less than the first."""
        return self.growth_mb(2) < SECOND_WAVE_SHARE * max(self.growth_mb(1), 0.0) + MEMORY_SLACK_MB

    def table(self) -> str:
        lines = [f"classroom load: {self.sessions} sessions per wave, 2 waves, 1 fine-tuning session"]
        lines.append(f"{'':<12}{'n':>4}{'p50 s':>9}{'p95 s':>9}{'max s':>9}")
        rows = [(f"wave {i + 1}", wave) for i, wave in enumerate(self.wave_times_s)]
        for label, times in [*rows, ("all", self.times)]:
            if times:
                p50, p95 = percentile(times, 50), percentile(times, 95)
                lines.append(f"{label:<12}{len(times):>4}{p50:>9.1f}{p95:>9.1f}{max(times):>9.1f}")
        lines.append("server RSS (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in self.rss_mb.items()))
        if len(self.rss_mb) == 4:
            for wave in (1, 2):
                grown = self.growth_mb(wave)
                lines.append(
                    f"  wave {wave}: {grown:+.1f} MB, {grown / self.sessions:+.2f} MB per session"
                    + (" (and the fine-tune's model)" if wave == 1 else " (the same texts)")
                )
            lines.append(
                f"  second wave within {SECOND_WAVE_SHARE:.0%} of the first + {MEMORY_SLACK_MB} MB: "
                f"{'yes' if self.memory_ok else 'NO'}"
            )
        lines.append(
            f"fine-tune: {self.train_steps} steps in {self.train_seconds:.0f} s; "
            f"{self.during_training}/{self.sessions} first-wave results arrived while it ran"
        )
        lines.append(
            f"shared tiny-gpt2 unchanged: next-token bars match a fresh copy before "
            f"{'yes' if self.bars_before_ok else 'NO'}, after {'yes' if self.bars_after_ok else 'NO'}"
        )
        lines.append(f"errors: {len(self.errors)}")
        lines.extend(f"  {e}" for e in self.errors[:20])
        lines.append(f"run time: {self.run_time_s:.0f} s")
        return "\n".join(lines)


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(values, q)) if values else float("nan")


def server_rss_mb(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / MB


# --- the sessions ------------------------------------------------------------------------------------------


async def page_problems(page, who: str) -> list[str]:
    """An exception box or an error alert on the page, as report lines."""
    problems = []
    for test_id in ("stException", "stAlertContentError"):
        boxes = page.get_by_test_id(test_id)
        for i in range(await boxes.count()):
            problems.append(f"{who}: {test_id}: {(await boxes.nth(i).inner_text())[:200]!r}")
    return problems


async def idle(page, timeout_ms: float) -> None:
    from playwright.async_api import expect

    await expect(page.get_by_test_id("stStatusWidgetRunningIcon")).to_have_count(0, timeout=timeout_ms)


class Student:
    """One Streamlit session over the websocket the browser's frontend uses: the same BackMsg to ask for a
    page run, the same ForwardMsgs back. Keeps its connection (and so its session) open until closed."""

    def __init__(self, base_url: str, who: str, text: str) -> None:
        self.ws_url = base_url.replace("http://", "ws://", 1) + "/_stcore/stream"
        self.who, self.text = who, text
        self.markdown: dict[tuple[int, ...], str] = {}  # delta path -> body, in the last run
        self.problems: list[str] = []  # exceptions and error boxes, as report lines
        self.code: list[str] = []  # code blocks' text
        self.charts: list[str] = []  # plotly figure specs and iframe pages, in the order they came
        self.first_chart_s: float | None = None
        self.sent_bytes = 0  # the run's ForwardMsgs, serialised, as the browser receives them
        self.ws = None
        self._drain: asyncio.Task | None = None

    async def open_home(self) -> float:
        """Connect and run the home page on the session's own text; seconds until the run finished."""
        return await self.open("", (CAUSAL, MASKED))

    async def open(self, page: str, models: tuple[str, str], start: float | None = None) -> float:
        """Connect and run `page` ("" for home) on the session's own text with (causal, masked) `models`;
        seconds from `start` (default: now) until the run finished. No keepalive pings, as in a browser: a
        busy server answers them late, and the session is fine."""
        import websockets
        from streamlit.proto.BackMsg_pb2 import BackMsg

        start = time.monotonic() if start is None else start
        self.ws = await websockets.connect(
            self.ws_url, subprotocols=["streamlit"], max_size=None, open_timeout=SESSION_S, ping_interval=None
        )
        back = BackMsg()
        back.rerun_script.query_string = urlencode(
            {"text": self.text, "causal": models[0], "masked": models[1], "lang": "en"}
        )
        back.rerun_script.page_name = page
        await self.ws.send(back.SerializeToString())
        while not self._read(await self.ws.recv()):
            if self.first_chart_s is None and self.charts:
                self.first_chart_s = time.monotonic() - start
        seconds = time.monotonic() - start
        self._drain = asyncio.create_task(self._keep_reading())
        return seconds

    def _read(self, data: bytes) -> bool:
        """Note what one ForwardMsg shows; True when it ends the run."""
        from streamlit.proto.Alert_pb2 import Alert
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        msg = ForwardMsg()
        msg.ParseFromString(data)
        self.sent_bytes += len(data)
        kind = msg.WhichOneof("type")
        if kind == "script_finished":
            if msg.script_finished != ForwardMsg.FINISHED_SUCCESSFULLY:
                self.problems.append(f"{self.who}: run ended with status {msg.script_finished}")
            return True
        if kind != "delta" or msg.delta.WhichOneof("type") != "new_element":
            return False
        element = msg.delta.new_element
        what = element.WhichOneof("type")
        if what == "markdown":
            self.markdown[tuple(msg.metadata.delta_path)] = element.markdown.body
        elif what == "code":  # the next-token page's "So far"
            self.code.append(element.code.code_text)
        elif what == "plotly_chart":
            self.charts.append(element.plotly_chart.spec)
        elif what == "iframe":
            self.charts.append(element.iframe.srcdoc or element.iframe.src)
        elif what == "exception":
            self.problems.append(f"{self.who}: exception {element.exception.message[:200]!r}")
        elif what == "alert" and element.alert.format == Alert.ERROR:
            self.problems.append(f"{self.who}: error box {element.alert.body[:200]!r}")
        return False

    async def _keep_reading(self) -> None:
        # An idle session gets no messages; anything that comes is read (and checked) all the same.
        import websockets

        with contextlib.suppress(websockets.ConnectionClosed):
            async for data in self.ws:
                self._read(data)

    def chips(self) -> dict[str, list[str]]:
        """Model name -> the token chips drawn under its bold name (the home page's tokens section)."""
        groups: dict[str, list[str]] = {}
        current = None
        for _, body in sorted(self.markdown.items()):
            if name := re.fullmatch(r"\*\*(.+)\*\*", body.strip()):
                current = name.group(1).replace("\\", "")
            elif current and "<code" in body and current not in groups:
                groups[current] = [html.unescape(t) for t in re.findall(r"<code[^>]*>(.*?)</code>", body)]
                current = None
            else:
                current = None
        return groups

    async def close(self) -> None:
        if self._drain is not None:
            self._drain.cancel()
        if self.ws is not None:
            await self.ws.close()


async def student(base_url: str, who: str, text: str, chips: dict, report: LoadReport):
    """A session on its own text: (the open session, seconds to its result, when it came; None, None after a
    report line)."""
    session = Student(base_url, who, text)
    try:
        seconds = await asyncio.wait_for(session.open_home(), SESSION_S)
    except Exception as exc:  # noqa: BLE001 - a failed session is a finding, not the end of the run
        report.errors.append(f"{who}: no result ({exc!r:.160})")
        await session.close()
        return session, None, None
    report.errors.extend(session.problems)
    if (seen := session.chips()) != chips:
        report.errors.append(f"{who}: chips {seen} are not its own {chips}")
    return session, seconds, time.monotonic()


async def wave(base_url: str, number: int, texts: list[str], chips: list[dict], report: LoadReport):
    """Every text at once, each in its own session: (the sessions, left open; when each result came)."""
    runs = await asyncio.gather(
        *(
            student(base_url, f"wave {number} session {i + 1}", t, chips[i], report)
            for i, t in enumerate(texts)
        )
    )
    report.wave_times_s.append([s for _, s, _ in runs if s is not None])
    return [session for session, _, _ in runs], [at for _, _, at in runs if at is not None]


async def next_token_bars(browser, base_url: str, text: str, who: str, report: LoadReport) -> dict | None:
    """The next-token page's bars for `text`, read once the page is idle."""
    context = await browser.new_context(viewport={"width": 1200, "height": 900})
    page = await context.new_page()
    try:
        await page.goto(session_url(base_url, "next_token", text), wait_until="commit")
        await page.wait_for_function(BARS_JS, timeout=PAGE_MS, polling=250)
        await idle(page, PAGE_MS)
        report.errors.extend(await page_problems(page, who))
        return await page.evaluate(BARS_JS)
    except Exception as exc:  # noqa: BLE001
        report.errors.append(f"{who}: no next-token bars ({exc!r:.120})")
        return None
    finally:
        await context.close()


async def start_finetune(browser, base_url: str, steps: int):
    """A session that starts a full fine-tune of tiny-gpt2 on the KJV (2 blocks of 32 tokens a step)."""
    from playwright.async_api import expect

    context = await browser.new_context(viewport={"width": 1400, "height": 1000})
    page = await context.new_page()
    await page.goto(session_url(base_url, "train", "Training session."))
    main = page.get_by_test_id("stMain")
    start = main.get_by_role("button", name="Start training")
    await expect(start).to_be_enabled(timeout=PAGE_MS)
    await main.get_by_text("Full (every weight)", exact=True).click()
    await idle(page, PAGE_MS)
    await main.get_by_text("Settings", exact=True).click()
    for label, value in (("Steps", str(steps)), ("Batch (blocks per step)", "2")):
        box = main.get_by_label(label)
        await box.fill(value)
        await box.press("Enter")
        await idle(page, PAGE_MS)
    seq_len = main.get_by_role("slider", name=re.compile("^Sequence length"))
    await seq_len.press("Home")  # the shortest blocks (32 tokens)
    await expect(seq_len).to_have_attribute("aria-valuetext", "32", timeout=PAGE_MS)
    await idle(page, PAGE_MS)
    await start.click()
    await expect(main.get_by_role("button", name="Stop")).to_be_visible(timeout=PAGE_MS)
    return context, page


async def wait_finetune(page, report: LoadReport) -> float | None:
    """Wait for "Done: N steps in S s"; return S (None after a report line)."""
    from playwright.async_api import expect

    done = page.get_by_test_id("stMain").get_by_text(re.compile(r"Done: \d+ steps in \d+ s"))
    try:
        await expect(done).to_be_visible(timeout=TRAIN_DONE_MS)
    except AssertionError as exc:
        report.errors.append(f"fine-tuning session: no 'Done:' ({str(exc)[:120]})")
        return None
    steps, seconds = re.search(r"Done: (\d+) steps in (\d+) s", await done.inner_text()).groups()
    report.train_steps, report.train_seconds = int(steps), float(seconds)
    report.errors.extend(await page_problems(page, "fine-tuning session"))
    return float(seconds)


async def _run(sessions: int, steps: int, report: LoadReport) -> None:
    from playwright.async_api import async_playwright

    texts = session_texts(sessions)
    chips = expected_chips(texts)
    want_before, want_after = expected_bars(PROBE_BEFORE), expected_bars(PROBE_AFTER)
    with serve_app_process() as (base_url, pid):
        report.rss_mb["start"] = server_rss_mb(pid)
        async with async_playwright() as pw:
            browser = await launch_chromium(pw)  # the async API: launch returns an awaitable
            # Warm up: both models loaded and every page of the run drawn once, before the classroom.
            warm, _, _ = await student(
                base_url, "warm-up session", WARM_UP, expected_chips([WARM_UP])[0], report
            )
            bars = await next_token_bars(browser, base_url, PROBE_BEFORE, "before the fine-tune", report)
            report.bars_before_ok = same_bars(bars, want_before)
            if not report.bars_before_ok:
                report.errors.append(
                    f"before the fine-tune: bars {bars} != a fresh tiny-gpt2's {want_before}"
                )
            trainer, train_page = await start_finetune(browser, base_url, steps)
            clicked = time.monotonic()
            await asyncio.sleep(SETTLE_S)
            report.rss_mb["warm"] = server_rss_mb(pid)
            first, first_results_at = await wave(base_url, 1, texts, chips, report)
            seconds = await wait_finetune(train_page, report)
            if seconds is not None:
                # The loop ran at least from the click for S s (rounded): results before then overlapped.
                ran_until = clicked + seconds - 0.5
                report.during_training = sum(t < ran_until for t in first_results_at)
            # Memory after the fine-tune, so that its passing allocations do not blur the second wave.
            await asyncio.sleep(SETTLE_S)
            report.rss_mb["wave 1"] = server_rss_mb(pid)
            second, _ = await wave(base_url, 2, texts, chips, report)
            await asyncio.sleep(SETTLE_S)
            report.rss_mb["wave 2"] = server_rss_mb(pid)
            bars = await next_token_bars(browser, base_url, PROBE_AFTER, "after the fine-tune", report)
            report.bars_after_ok = same_bars(bars, want_after)
            if not report.bars_after_ok:
                report.errors.append(f"after the fine-tune: bars {bars} != a fresh tiny-gpt2's {want_after}")
            await asyncio.gather(*(session.close() for session in [warm, *first, *second]))
            await trainer.close()
            await browser.close()


# --- a burst: every session asks one page at the same moment ----------------------------------------------

MODEL_SETS = {"tiny": (CAUSAL, MASKED), "bundled": ("smollm2-135m", "smollm2-135m-mlm")}
PAGES = {"home": "", "attention": "attention", "next_token": "next_token", "compare": "compare"}
# Padding for the burst's texts: each session's text has 10-25 words, its own word among them.
FILLER = (
    "and then the whole class looked at the board while the teacher read every line of the story aloud "
    "to the children sitting near the window"
).split()


def burst_texts(n: int, seed: int = 0) -> list[str]:
    """n texts of 10-25 words (seeded), the i-th holding WORDS[i] and no other session's word."""
    if n > len(WORDS):
        raise ValueError(f"at most {len(WORDS)} sessions (one distinctive word each), got {n}")
    rng = np.random.default_rng(seed)
    texts = []
    for word in WORDS[:n]:
        extra = int(rng.integers(5, 21))  # 4-5 words of frame + 5-20 of filler: 10-25 words
        texts.append(f"Today the {word} said that " + " ".join(FILLER[:extra]) + ".")
    return texts


@dataclass
class BurstReport:
    page: str
    models: tuple[str, str]
    sessions: int
    alone_s: float = float("nan")  # one session alone, on a text nobody asked before, models loaded
    alone_first_chart_s: float | None = None
    times_s: list[float] = field(default_factory=list)  # per session, from the common start to its run's end
    first_chart_s: list[float] = field(default_factory=list)
    order: list[int] = field(default_factory=list)  # session numbers in the order their results came
    wall_s: float = float("nan")  # the burst's start to its last result
    sent_mb: list[float] = field(default_factory=list)  # what each session's browser received
    rss_mb: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def wall_ratio(self) -> float:
        return self.wall_s / self.alone_s

    def table(self) -> str:
        m = f"{self.models[0]} + {self.models[1]}"
        lines = [f"burst: {self.sessions} sessions ask the {self.page} page at once ({m}), 10-25 words each"]
        first = f", first chart {self.alone_first_chart_s:.2f} s" if self.alone_first_chart_s else ""
        lines.append(f"one session alone: {self.alone_s:.2f} s to its page's end{first}")
        lines.append(f"{'':<22}{'n':>4}{'p50 s':>9}{'p95 s':>9}{'max s':>9}")
        for label, values in (("page complete", self.times_s), ("first chart", self.first_chart_s)):
            if values:
                p50, p95 = percentile(values, 50), percentile(values, 95)
                lines.append(f"{label:<22}{len(values):>4}{p50:>9.2f}{p95:>9.2f}{max(values):>9.2f}")
        lines.append(f"burst wall time {self.wall_s:.2f} s = {self.wall_ratio:.1f}x one session alone")
        if self.order:
            lines.append(f"order of results (session numbers): {self.order}")
        if self.sent_mb:
            lines.append(f"sent to each browser: p50 {percentile(self.sent_mb, 50):.2f} MB")
        lines.append("server RSS (MB): " + ", ".join(f"{k} {v:.0f}" for k, v in self.rss_mb.items()))
        lines.append(f"errors: {len(self.errors)}")
        lines.extend(f"  {e}" for e in self.errors[:20])
        return "\n".join(lines)


def shown_text(session: Student) -> str:
    """What a session's page says in words: its markdown, and each chart's tick labels read as text (the
    pieces joined as a byte-level BPE writes them, and as WordPiece does, "ot ##ter" -> "otter")."""
    parts = [*session.markdown.values(), *session.code]
    for spec in session.charts:
        for ticks in re.findall(r'"ticktext":(\[.*?\])', spec):
            with contextlib.suppress(ValueError):
                pieces = [str(p) for p in json.loads(ticks)]
                parts += ["".join(pieces), " ".join(pieces).replace(" ##", "")]
    return "\n".join(parts)


def crosstalk(session: Student, own: str, others: list[str]) -> list[str]:
    """Report lines when a session's page lacks its own word or shows another session's (whole words)."""
    shown = shown_text(session)

    def has(word: str) -> bool:
        return re.search(rf"\b{word}\b", shown, re.IGNORECASE) is not None

    problems = [] if has(own) else [f"{session.who}: its own word {own!r} is not on its page"]
    problems += [f"{session.who}: shows another session's word {w!r}" for w in others if has(w)]
    return problems


async def _burst(base_url: str, pid: int, report: BurstReport, stagger_s: float) -> None:
    page, models = PAGES[report.page], report.models
    warm = Student(base_url, "warm-up session", WARM_UP)
    await warm.open(page, models)  # loads both models and draws the page once
    report.errors.extend(warm.problems)
    alone = Student(base_url, "alone session", "A single student alone asks about the quiet mountain lake.")
    report.alone_s = await alone.open(page, models)
    report.alone_first_chart_s = alone.first_chart_s
    report.errors.extend(alone.problems)
    await asyncio.sleep(SETTLE_S)
    report.rss_mb["before"] = server_rss_mb(pid)
    texts = burst_texts(report.sessions)
    students = [Student(base_url, f"session {i + 1}", t) for i, t in enumerate(texts)]
    done: list[int] = []
    start = time.monotonic()

    async def one(i: int) -> float | None:
        await asyncio.sleep(i * stagger_s)  # 0: all at once; else in order, to check first come first served
        try:
            seconds = await asyncio.wait_for(students[i].open(page, models, start), SESSION_S)
        except Exception as exc:  # noqa: BLE001 - a failed session is a finding
            report.errors.append(f"{students[i].who}: no result ({exc!r:.160})")
            return None
        done.append(i + 1)
        return seconds

    times = await asyncio.gather(*(one(i) for i in range(len(students))))
    report.wall_s = time.monotonic() - start
    report.order = done
    report.times_s = [t for t in times if t is not None]
    report.first_chart_s = [s.first_chart_s for s in students if s.first_chart_s is not None]
    report.sent_mb = [s.sent_bytes / MB for s in students if s.sent_bytes]
    for i, s in enumerate(students):
        report.errors.extend(s.problems)
        if times[i] is not None:
            report.errors.extend(crosstalk(s, WORDS[i], [w for w in WORDS[: len(texts)] if w != WORDS[i]]))
    await asyncio.sleep(SETTLE_S)
    report.rss_mb["after"] = server_rss_mb(pid)
    await asyncio.gather(*(s.close() for s in [warm, alone, *students]))


def run_burst(
    sessions: int = 30,
    page: str = "attention",
    models: str = "bundled",
    stagger_s: float = 0.0,
    timeout_s: float = TOTAL_TIMEOUT_S,
    extra_env: dict[str, str] | None = None,
) -> BurstReport:
    """`sessions` sessions ask `page` at once on one real server, each with its own 10-25 word text."""
    report = BurstReport(page, MODEL_SETS[models], sessions)

    async def go() -> None:
        with serve_app_process(extra_env) as (base_url, pid):
            report.rss_mb["start"] = server_rss_mb(pid)
            await _burst(base_url, pid, report, stagger_s)

    try:
        asyncio.run(asyncio.wait_for(go(), timeout_s))
    except TimeoutError:
        report.errors.append(f"the burst did not finish within {timeout_s:.0f} s")
    return report


def run_load(sessions: int = 30, steps: int = TRAIN_STEPS, timeout_s: float = TOTAL_TIMEOUT_S) -> LoadReport:
    """Run the classroom (bounded by `timeout_s`) and return what was measured and what failed."""
    report = LoadReport(sessions)
    start = time.monotonic()
    try:
        asyncio.run(asyncio.wait_for(_run(sessions, steps, report), timeout_s))
    except TimeoutError:
        report.errors.append(f"the run did not finish within {timeout_s:.0f} s")
    report.run_time_s = time.monotonic() - start
    return report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=30, help="sessions per wave (two waves)")
    parser.add_argument("--steps", type=int, default=TRAIN_STEPS, help="fine-tuning steps of tiny-gpt2")
    parser.add_argument("--timeout", type=float, default=TOTAL_TIMEOUT_S, help="bound on the whole run (s)")
    parser.add_argument(
        "--page", choices=sorted(PAGES), help="a burst: every session asks this page at once (no fine-tune)"
    )
    parser.add_argument("--models", choices=sorted(MODEL_SETS), default="bundled", help="for --page")
    parser.add_argument("--stagger", type=float, default=0.0, help="for --page: seconds between sessions")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"
    if args.page:
        burst = run_burst(args.sessions, args.page, args.models, args.stagger, args.timeout)
        print(burst.table())
        raise SystemExit(1 if burst.errors else 0)
    report = run_load(args.sessions, args.steps, args.timeout)
    print(report.table())
    raise SystemExit(1 if report.errors else 0)


if __name__ == "__main__":
    main()
