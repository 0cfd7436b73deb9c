"""Escaping user text for Streamlit markdown."""

import html

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


def test_html_text_reads_back_as_the_text_it_escaped():
    # an apostrophe was shown as "I&&#35;x27;m": the entity html.escape wrote had its "#" escaped again
    texts = ["I'm sure you've", 'a "quote" & <b>bold</b>', "# 1. [x](y) *a* `c` ~$", "床前明月光。"]
    for text in texts:
        assert html.unescape(html_text(text)) == text
