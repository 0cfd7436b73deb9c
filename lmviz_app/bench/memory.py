"""Memory, measured in a fresh process so that nothing else the benchmark did is counted:
`python -m lmviz_app.bench.memory --causal NAME --masked NAME --sessions 10` prints one JSON line.

peak_rss_mb: the process's peak after the first session drew the attention page on both models (so both
models are loaded and one inspection of each is cached). rss_per_session_mb: resident memory added per
further session, each reading its own text (as users do), all sessions kept open.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys

from lmviz_app.bench.measure import peak_rss_mb, rss_mb

DEFAULT_TEXT = "The capital of France is Paris, and the river that runs through it is the Seine."


def measure(causal: str, masked: str, sessions: int) -> dict:
    from lmviz_app.bench.app import ATTENTION, open_page

    first = open_page(ATTENTION, causal, masked, att_which="both")
    gc.collect()
    figures = {"peak_rss_mb": round(peak_rss_mb(), 1)}
    before = rss_mb()
    open_sessions = [first]
    for i in range(sessions):
        text = f"Session {i + 1}. {DEFAULT_TEXT}"
        open_sessions.append(open_page(ATTENTION, causal, masked, att_which="both", text=text))
    gc.collect()
    figures["rss_per_session_mb"] = round((rss_mb() - before) / max(1, sessions), 2)
    figures["sessions"] = sessions
    return figures


def in_fresh_process(causal: str, masked: str, sessions: int, timeout_s: float = 600) -> dict:
    """Run `measure` in a new Python process and return what it printed."""
    cmd = [sys.executable, "-m", "lmviz_app.bench.memory", "--causal", causal, "--masked", masked]
    cmd += ["--sessions", str(sessions)]
    env = {**os.environ, "HF_HUB_OFFLINE": os.environ.get("HF_HUB_OFFLINE", "1")}
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s, env=env)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
        raise RuntimeError(f"the memory process failed: {' | '.join(tail)}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--causal", default="smollm2-135m")
    parser.add_argument("--masked", default="minilm-l6-mlm")
    parser.add_argument("--sessions", type=int, default=10)
    args = parser.parse_args(argv)
    print(json.dumps(measure(args.causal, args.masked, args.sessions)))


if __name__ == "__main__":
    main()
