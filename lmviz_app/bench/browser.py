"""Cold start in a real browser: from `streamlit run app.py` to the attention page's first chart drawn in
Chromium (driven by Playwright, the system /usr/bin/chromium; the browser is started first)."""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from lmviz_app.bench.app import APP
from lmviz_app.bench.measure import MB

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
START_TIMEOUT_S = 180
CHART = ".js-plotly-plot .main-svg"


def browser_missing() -> str:
    """Why the cold start cannot be measured here ("" when it can)."""
    if not CHROMIUM.exists():
        return f"no Chromium at {CHROMIUM}"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed (requirements-test.txt)"
    return "" if APP.is_file() else f"{APP} not found"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200
    except OSError:
        return False


def _tree_rss_mb(pid: int) -> float:
    import psutil

    proc = psutil.Process(pid)
    return sum(p.memory_info().rss for p in [proc, *proc.children(recursive=True)]) / MB


def cold_start() -> tuple[dict, dict]:
    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://localhost:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "localhost"]
    cmd += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        start = time.perf_counter()
        server = subprocess.Popen(
            cmd,
            cwd=APP.parent,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            while not _healthy(url):
                if server.poll() is not None or time.perf_counter() - start > START_TIMEOUT_S:
                    raise RuntimeError("the streamlit server did not start")
                time.sleep(0.05)
            healthy_s = time.perf_counter() - start
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/attention")
            page.locator(CHART).first.wait_for(state="visible", timeout=START_TIMEOUT_S * 1000)
            total = time.perf_counter() - start
            details = {"cold_start": {"server_healthy_s": round(healthy_s, 2)}}
            details["cold_start"]["server_rss_mb"] = round(_tree_rss_mb(server.pid), 1)
        finally:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.pid, signal.SIGTERM)
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()
            browser.close()
    return {"cold_start_s": round(total, 2)}, details


DONE = re.compile(r"Done: (\d+) steps in (\d+) s")


def page_finetune(terminal_train_s: float) -> tuple[dict, dict]:
    """The training page's default fine-tune, clicked in Chromium against a real server: the seconds the
    page reports for its 30 steps, Start to Done on the wall clock, and the ratio to the same run in a
    terminal (`terminal_train_s`, TrainRun's own loop, measured just before)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    url = f"http://localhost:{port}"
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", "localhost"]
    cmd += ["--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false"]
    server = subprocess.Popen(
        cmd, cwd=APP.parent, env={**os.environ, "HF_HUB_OFFLINE": "1"}, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    try:
        start = time.perf_counter()
        while not _healthy(url):
            if server.poll() is not None or time.perf_counter() - start > START_TIMEOUT_S:
                raise RuntimeError("the streamlit server did not start")
            time.sleep(0.1)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1800})
            page.goto(f"{url}/train")
            button = page.get_by_role("button", name="Start training")
            button.wait_for(timeout=START_TIMEOUT_S * 1000)
            page.wait_for_timeout(2000)  # the page settles (models loaded) before the clock starts
            clicked = time.perf_counter()
            button.click()
            done = page.get_by_text(DONE).first
            done.wait_for(timeout=1_800_000)
            wall = time.perf_counter() - clicked
            steps, seconds = map(int, DONE.search(done.inner_text()).groups())
            browser.close()
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    figures = {
        "finetune_page_train_s": float(seconds),
        "finetune_page_vs_terminal": round(seconds / terminal_train_s, 3),
    }
    details = {
        "finetune_page": {
            "steps": steps,
            "start_to_done_s": round(wall, 1),
            "terminal_s": round(terminal_train_s, 1),
        }
    }
    return figures, details
