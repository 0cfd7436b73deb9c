"""Imports flow one way (pages -> lmviz_app -> lmviz): the core is a library a notebook can use without
Streamlit, and holds no page text and no widget keys."""

from __future__ import annotations

import ast
from pathlib import Path

from lmviz_app import i18n, state

ROOT = Path(__file__).resolve().parents[1]
CORE = sorted((ROOT / "lmviz").rglob("*.py"))
NOT_IN_THE_CORE = ("streamlit", "lmviz_app", "pages", "plotly", "bertviz")


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_the_core_imports_neither_streamlit_nor_the_app():
    assert len(CORE) > 30
    wrong = {str(p.relative_to(ROOT)): _imports(p) & set(NOT_IN_THE_CORE) for p in CORE}
    assert not {k: v for k, v in wrong.items() if v}


def test_the_app_never_imports_pages():
    for path in sorted((ROOT / "lmviz_app").rglob("*.py")):
        assert "pages" not in _imports(path), path


def test_no_page_text_or_widget_key_lives_in_the_core():
    keys = set(i18n.STRINGS) | set(state.BY_KEY) | {s.url for s in state.ALL if s.url}
    # plain words and analysis names that a URL parameter happens to share
    keys -= {"text", "lang", "causal", "masked", "word", "head", "layer", "view", "scale", "preset", "seed"}
    keys -= {"top_k", "top_p"}
    found = []
    for path in CORE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value in keys:
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value!r}")
    assert not found, found
