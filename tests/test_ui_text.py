"""Escaping user text for Streamlit markdown."""

from lmviz_app.widgets.text import html_text, md


def test_md_escapes_every_markdown_character():
    assert md("![x](http://a/b.png) **b** _i_ `c` # h") == (
        "\\!\\[x\\]\\(http://a/b\\.png\\) \\*\\*b\\*\\* \\_i\\_ \\`c\\` \\# h"
    )
    assert md("plain words") == "plain words"


def test_html_text_escapes_html_and_markdown():
    out = html_text('<img src=x onerror="a()"> ![x](y)')
    assert "<" not in out and ">" not in out and '"' not in out
    assert "![" not in out and "](" not in out
    assert out.startswith("&lt;img")
