"""The `lmviz` command: `lmviz run` (the app), `lmviz prepare`, `lmviz train ...`, `lmviz bench ...`."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

APP = Path(__file__).resolve().parents[1] / "app.py"  # beside the lmviz_app package in a checkout


def streamlit_command(address: str, port: int) -> list[str]:
    """`streamlit run app.py` bound to `address` only, headless, with usage statistics off."""
    cmd = [sys.executable, "-m", "streamlit", "run", str(APP), "--server.address", address]
    cmd += ["--server.port", str(port), "--server.headless", "true"]
    return cmd + ["--browser.gatherUsageStats", "false"]


def _run(argv: list[str]) -> int:
    p = argparse.ArgumentParser(prog="lmviz run", description="Serve the lmviz app with Streamlit.")
    p.add_argument("--address", default="localhost", help="interface to listen on (default: localhost only)")
    p.add_argument("--port", type=int, default=8501)
    args = p.parse_args(argv)
    if not APP.is_file():
        print(
            f"lmviz run: the app's pages ({APP}) are not here: `lmviz run` serves a source checkout of "
            "lmviz (git clone, then `make run` or `pip install -e .`).",
            file=sys.stderr,
        )
        return 2
    cmd = streamlit_command(args.address, args.port)
    print(f"lmviz: http://{args.address}:{args.port}  (Ctrl+C to stop)", flush=True)
    try:
        return subprocess.call(cmd, cwd=APP.parent, env=os.environ.copy())
    except KeyboardInterrupt:
        return 0


def _prepare(argv: list[str]) -> int:
    from lmviz.prepare import main

    argparse.ArgumentParser(prog="lmviz prepare", description=main.__doc__).parse_args(argv)
    return main()


def _train(argv: list[str]) -> int:
    from lmviz.training.cli import main

    return main(argv)


def _bench(argv: list[str]) -> int:
    from lmviz_app.bench.run import main

    main(argv)
    return 0


COMMANDS = {
    "run": (_run, "serve the app (http://localhost:8501)"),
    "prepare": (_prepare, "check the offline models and convert them once"),
    "train": (_train, "fine-tune or pretrain in a terminal (lmviz train --help)"),
    "bench": (_bench, "speed and memory figures (lmviz bench --help)"),
}


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    usage = (
        "usage: lmviz {"
        + ",".join(COMMANDS)
        + "} [options]\n\n"
        + "\n".join(f"  {name:<8} {what}" for name, (_, what) in COMMANDS.items())
    )
    if not argv or argv[0] in ("-h", "--help"):
        print(usage)
        return 0 if argv else 2
    command = COMMANDS.get(argv[0])
    if command is None:
        print(f"lmviz: unknown command '{argv[0]}'\n{usage}", file=sys.stderr)
        return 2
    return command[0](argv[1:]) or 0


if __name__ == "__main__":
    raise SystemExit(main())
