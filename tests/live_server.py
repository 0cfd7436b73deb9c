"""Helpers for browser tests: a real `streamlit run app.py` server and a headless Chromium."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright

REPO_ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STARTUP_TIMEOUT_S = 90.0
# The first run loads both models on a busy 2-core CPU: be generous.
FIRST_RENDER_MS = 180_000
RERUN_MS = 90_000


def free_port() -> int:
    """Return a TCP port on localhost that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("localhost", 0))
        return sock.getsockname()[1]


def _healthy(base_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as resp:
            return resp.status == 200 and resp.read().decode().strip() == "ok"
    except (urllib.error.URLError, OSError):
        return False


def _tail(path: Path, n_chars: int = 4000) -> str:
    text = path.read_text(errors="replace") if path.exists() else ""
    return text[-n_chars:]


def _stop(proc: subprocess.Popen[bytes], timeout: float = 15.0) -> None:
    """Terminate the server's process group, killing it if it does not exit in time."""
    if proc.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=timeout)


@contextlib.contextmanager
def serve_app(extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """Run `streamlit run app.py` on a free localhost port and yield its base URL."""
    with serve_app_process(extra_env) as (base_url, _pid):
        yield base_url


@contextlib.contextmanager
def serve_app_process(extra_env: dict[str, str] | None = None) -> Iterator[tuple[str, int]]:
    """`serve_app`, yielding (base URL, server pid): the load test reads the server's memory."""
    port = free_port()
    base_url = f"http://localhost:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(extra_env or {})}
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        "app.py",
        "--server.address",
        "localhost",
        "--server.port",
        str(port),
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    with tempfile.TemporaryDirectory(prefix="lmviz-server-") as tmp:
        out_path, err_path = Path(tmp) / "stdout.log", Path(tmp) / "stderr.log"
        with out_path.open("wb") as out, err_path.open("wb") as err:
            proc = subprocess.Popen(
                cmd, cwd=REPO_ROOT, env=env, stdout=out, stderr=err, start_new_session=True
            )
            try:
                deadline = time.monotonic() + STARTUP_TIMEOUT_S
                while not _healthy(base_url):
                    if proc.poll() is not None or time.monotonic() > deadline:
                        reason = (
                            f"exited with code {proc.returncode}"
                            if proc.poll() is not None
                            else f"not healthy after {STARTUP_TIMEOUT_S:.0f} s"
                        )
                        raise RuntimeError(
                            f"streamlit server on {base_url} {reason}.\n"
                            f"--- stderr tail ---\n{_tail(err_path)}\n"
                            f"--- stdout tail ---\n{_tail(out_path)}"
                        )
                    time.sleep(0.25)
                yield base_url, proc.pid
            finally:
                _stop(proc)


def require_browser(allow_module_level: bool = False) -> None:
    """Skip the calling test (or module) when Chromium or the playwright package is unavailable."""
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM}", allow_module_level=allow_module_level)
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:
        pytest.skip(
            f"browser tests need the playwright package: {exc}", allow_module_level=allow_module_level
        )


def launch_chromium(playwright: Playwright) -> Browser:
    """Launch the system Chromium headless, without background network chatter."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
