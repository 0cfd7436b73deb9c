"""Security without a browser: no remote code, safetensors only, upload limits, localhost and no telemetry by
default, and no user-typed path reaching the file system except the validated model-folder option."""

from __future__ import annotations

import ast
import json
import os
import pickle
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

import lmviz
from lmviz.errors import LmvizError
from lmviz.training import data as train_data
from tests.live_server import REPO_ROOT, free_port

APP_SOURCES = sorted(
    [REPO_ROOT / "app.py"]
    + [p for folder in ("pages", "lmviz_app", "lmviz", "scripts") for p in (REPO_ROOT / folder).rglob("*.py")]
)
UI_SOURCES = [
    REPO_ROOT / "app.py",
    *sorted((REPO_ROOT / "pages").glob("*.py")),
    *sorted((REPO_ROOT / "lmviz_app" / "widgets").glob("*.py")),
    *sorted((REPO_ROOT / "lmviz_app" / "panels").glob("*.py")),
]


def _calls(path: Path, attr: str):
    """Every call `<something>.<attr>(...)` in the file."""
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == attr:
            yield node


def _keyword(call: ast.Call, name: str):
    found = [k.value for k in call.keywords if k.arg == name]
    return found[0] if found else None


def _is_false(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is False


# --- no remote code ---


def test_trust_remote_code_is_never_true():
    for path in APP_SOURCES:
        text = path.read_text()
        assert not re.search(r"trust_remote_code\s*=\s*(?!False\b)", text), path
        for call in _calls(path, "from_pretrained"):
            value = _keyword(call, "trust_remote_code")
            assert value is None or _is_false(value), f"{path}:{call.lineno}"


def test_every_user_named_model_is_loaded_without_remote_code():
    """Hub ids, cached hub repos and local folders (lmviz/models/ outside the bundled loader) say so."""
    funcs = {
        f.name: f
        for path in sorted((REPO_ROOT / "lmviz" / "models").glob("*.py"))
        for f in ast.walk(ast.parse(path.read_text()))
        if isinstance(f, ast.FunctionDef)
    }
    for name in ("_load_external", "cached_hub_models"):
        calls = [
            c
            for c in ast.walk(funcs[name])
            if isinstance(c, ast.Call) and getattr(c.func, "attr", "") == "from_pretrained"
        ]
        assert calls, name
        for call in calls:
            assert _is_false(_keyword(call, "trust_remote_code")), f"{name}:{call.lineno}"


def repo_config() -> dict:
    """.streamlit/config.toml, which `streamlit run app.py` reads from the repository root."""
    tomllib = pytest.importorskip("tomllib", reason="TOML is read by Python 3.11+")
    return tomllib.loads((REPO_ROOT / ".streamlit" / "config.toml").read_text())


class _Boom:
    """Unpickling this creates `marker`: proof that a pickle was loaded."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return (open, (str(self.marker), "w"))


def _save(tiny, folder: Path) -> Path:
    tiny.model.save_pretrained(folder, safe_serialization=True)
    tiny.tokenizer.save_pretrained(folder)
    return folder


def test_code_shipped_with_a_model_folder_never_runs(tmp_path, tiny_gpt2):
    folder = _save(tiny_gpt2, tmp_path / "model")
    marker = tmp_path / "code-ran"
    (folder / "evil.py").write_text(f"open({str(marker)!r}, 'w').close()\n")
    config = json.loads((folder / "config.json").read_text())
    config["auto_map"] = {"AutoConfig": "evil.EvilConfig", "AutoModelForCausalLM": "evil.EvilModel"}
    (folder / "config.json").write_text(json.dumps(config))
    try:
        loaded = lmviz.load_model(str(folder), device="cpu")
    except LmvizError:
        pass  # refusing is fine too; running the code is not
    else:
        assert type(loaded.model).__module__.startswith("transformers."), type(loaded.model)
    assert not marker.exists(), "the folder's evil.py was run"


# --- safetensors only ---


def test_model_weights_are_only_ever_read_as_safetensors():
    for path in APP_SOURCES:
        text = path.read_text()
        assert not re.search(r"\b(torch\.load|pickle\.loads?|joblib\.load)\(", text), path
        for call in _calls(path, "from_pretrained"):
            owner = ast.unparse(call.func.value)
            if "Tokenizer" in owner or "Config" in owner or _keyword(call, "gguf_file") is not None:
                continue  # tokenizers and configs are JSON; the bundled GGUF holds no pickle
            value = _keyword(call, "use_safetensors")
            assert isinstance(value, ast.Constant) and value.value is True, f"{path}:{call.lineno}"


def test_pickle_weights_are_never_unpickled(tmp_path, tiny_gpt2):
    marker = tmp_path / "unpickled"
    evil = pickle.dumps(_Boom(marker))
    only_pickle = tmp_path / "only-pickle"
    only_pickle.mkdir()
    (only_pickle / "config.json").write_text(tiny_gpt2.model.config.to_json_string())
    (only_pickle / "pytorch_model.bin").write_bytes(evil)
    with pytest.raises(LmvizError, match="only pickle weights.*Convert the weights to safetensors"):
        lmviz.load_model(str(only_pickle))
    both = _save(tiny_gpt2, tmp_path / "both")
    (both / "pytorch_model.bin").write_bytes(evil)
    loaded = lmviz.load_model(str(both), device="cpu")
    assert loaded.kind == "causal"
    assert not marker.exists(), "a pickle file was loaded"


# --- the model-folder option: the one user-typed path that reaches the file system ---


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda tmp: str(tmp / "missing"), "does not exist"),
        (lambda tmp: "~/surely-missing-lmviz-folder/model", "does not exist"),
        (lambda tmp: "./surely-missing-lmviz-folder", "does not exist"),
        (lambda tmp: "a/b/c", "does not exist"),
        (lambda tmp: "/etc/passwd", "does not exist"),  # a file is not a model folder
        (lambda tmp: "../" * 30 + "etc", "holds no config.json"),
        (lambda tmp: str(tmp), "holds no config.json"),
        (lambda tmp: "model\x00name", "is not a model name"),
        (lambda tmp: "x" * 5000, "is not a model name"),
        (lambda tmp: "\\\\server\\share\\model", "does not exist"),
    ],
)
def test_model_folder_validation(make, expected, tmp_path):
    with pytest.raises(LmvizError, match=expected):
        lmviz.load_model(make(tmp_path))


def test_model_folder_needs_config_and_safetensors(tmp_path, tiny_gpt2):
    (tmp_path / "config.json").write_text(tiny_gpt2.model.config.to_json_string())
    with pytest.raises(LmvizError, match="holds no .safetensors weights"):
        lmviz.load_model(str(tmp_path))
    (tmp_path / "config.json").write_text("{ not json")
    (tmp_path / "model.safetensors").write_bytes(b"\x00")
    with pytest.raises(LmvizError, match="could not be read as a model"):
        lmviz.load_model(str(tmp_path))


def test_pages_never_touch_the_file_system():
    """Text, probes and uploads stay in memory: pages, widgets and panels open no files and build no paths."""
    banned_modules = {"os", "pathlib", "shutil", "tempfile", "io", "glob"}
    for path in UI_SOURCES:
        tree = ast.parse(path.read_text(), str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                assert not {a.name.split(".")[0] for a in node.names} & banned_modules, path
            elif isinstance(node, ast.ImportFrom) and node.module:
                assert node.module.split(".")[0] not in banned_modules, path
            elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                assert node.func.id not in ("open", "exec", "eval", "__import__"), f"{path}:{node.lineno}"
    panel = (REPO_ROOT / "lmviz_app" / "panels" / "train.py").read_text()
    assert "decode_upload(file.getvalue(), file.name)" in panel  # bytes from memory, the name as a label


# --- uploads ---


def test_upload_size_is_capped_by_streamlit_and_by_lmviz():
    max_mb = repo_config()["server"]["maxUploadSize"]
    assert max_mb <= 10
    assert train_data.MAX_UPLOAD_BYTES <= max_mb * 1024 * 1024
    with pytest.raises(LmvizError, match="up to 2 MB"):
        train_data.decode_upload(b"a" * (train_data.MAX_UPLOAD_BYTES + 1), "big.txt")


# --- localhost and no telemetry by default, LAN only when asked ---


def test_config_binds_localhost_without_telemetry():
    config = repo_config()
    assert config["server"]["address"] == "localhost"
    assert config["browser"]["serverAddress"] == "localhost"
    assert config["browser"]["gatherUsageStats"] is False
    assert config["server"]["headless"] is True


def _make_run(*args: str) -> str:
    out = subprocess.run(
        ["make", "-n", "run", *args], cwd=REPO_ROOT, capture_output=True, text=True, timeout=60, check=True
    )
    commands = out.stdout.replace("\\\n", " ")  # join continued lines
    return next(line for line in commands.splitlines() if "lmviz run" in line)


def test_make_run_binds_localhost_unless_asked():
    from lmviz_app.cli import streamlit_command

    assert "--address localhost" in _make_run()
    assert "--address 0.0.0.0" in _make_run("ADDRESS=0.0.0.0")
    for address in ("localhost", "0.0.0.0"):  # what `lmviz run --address ...` starts
        cmd = " ".join(streamlit_command(address, 8501))
        assert f"--server.address {address}" in cmd and "--browser.gatherUsageStats false" in cmd


def test_readme_documents_serving_a_class_on_a_lan():
    readme = (REPO_ROOT / "README.md").read_text()
    assert "make run ADDRESS=0.0.0.0" in readme
    start = readme.index("make run ADDRESS=0.0.0.0")
    section = readme[max(0, start - 1000) : start + 2000]
    assert re.search(r"anyone (on|who can reach) (the|your) network", section, re.IGNORECASE), section


def _listening(port: int) -> list[str]:
    """Local addresses (hex, as /proc/net/tcp* writes them) with a socket listening on `port`."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.append(address)
    return found


@pytest.mark.skipif(not os.path.exists("/proc/net/tcp"), reason="reads Linux's /proc/net/tcp")
def test_streamlit_run_with_the_repository_config_listens_on_loopback_only():
    """A plain `streamlit run app.py` (no address given) reads .streamlit/config.toml and binds localhost."""
    port = free_port()
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)]
    proc = subprocess.Popen(
        cmd,
        cwd=REPO_ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"http://localhost:{port}/_stcore/health", timeout=2) as resp:
                    if resp.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the server did not start"
            time.sleep(0.25)
        addresses = _listening(port)
        assert addresses
        loopback = {"0100007F", "00000000000000000000000001000000"}  # 127.0.0.1, ::1
        assert set(addresses) <= loopback, addresses
    finally:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=30)
