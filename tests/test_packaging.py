"""What `pip install .` gives: the pinned runtime dependencies (the same as requirements.txt), a test extra,
the `lmviz` command, and a wheel that carries the bundled weights and the vendored files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _pins(path: Path) -> list[str]:
    return [
        line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")
    ]


def _project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_pyproject_declares_exactly_the_pins_of_requirements_txt():
    project = _project()
    assert project["dependencies"] == _pins(ROOT / "requirements.txt")
    assert project["optional-dependencies"]["test"] == _pins(ROOT / "requirements-test.txt")
    assert all("==" in pin for pin in project["dependencies"])  # pinned, torch included (the CPU wheel here)


def test_the_lmviz_command_prints_its_usage():
    assert _project()["scripts"]["lmviz"] == "lmviz_app.cli:main"
    out = subprocess.run([sys.executable, "-m", "lmviz_app.cli", "--help"], capture_output=True, text=True)
    assert out.returncode == 0 and all(c in out.stdout for c in ("run", "prepare", "train", "bench"))
    run = subprocess.run(
        [sys.executable, "-m", "lmviz_app.cli", "run", "--help"], capture_output=True, text=True
    )
    assert run.returncode == 0 and "--address" in run.stdout and "--port" in run.stdout
    bad = subprocess.run([sys.executable, "-m", "lmviz_app.cli", "serve"], capture_output=True, text=True)
    assert bad.returncode == 2 and "unknown command 'serve'" in bad.stderr


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> zipfile.ZipFile:
    out = tmp_path_factory.mktemp("wheel")
    cmd = [
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(out),
        str(ROOT),
    ]
    subprocess.run(cmd, check=True, capture_output=True, timeout=600)
    return zipfile.ZipFile(next(out.glob("lmviz-*.whl")))


def test_the_wheel_carries_the_library_the_app_and_their_data(wheel):
    names = set(wheel.namelist())
    for needed in (
        "lmviz/__init__.py",
        "lmviz/models/forward.py",
        "lmviz/messages/zh.py",
        "lmviz/bundled/minilm-l6-mlm/model.safetensors",
        "lmviz/bundled/poem-gpt-zh/model.safetensors",
        "lmviz/bundled/poem-bert-zh/tokenizer.json",
        "lmviz/bundled/poems_zh.json.xz",
        "lmviz/bundled/t2s_zh.json",
        "lmviz/vendor/gpt2-tokenizer/vocab.bpe",
        "lmviz_app/cli.py",
        "lmviz_app/vendor/d3/d3.min.js",
    ):
        assert needed in names, needed
    assert not [n for n in names if n.startswith(("tests/", "pages/", "scripts/"))]
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "lmviz = lmviz_app.cli:main" in wheel.read(entry).decode()
