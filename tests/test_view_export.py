""" "Save this view": figures to CSV/HTML/PNG/SVG in one zip, and the figures a page registers."""

from __future__ import annotations

import csv
import io
import zipfile

import numpy as np
import plotly.graph_objects as go
import pytest

from lmviz_app import view_export
from lmviz_app.widgets.figures import FIGURES, presenter_style
from tests.apptest_pages import ok, open_page


def heatmap() -> go.Figure:
    return go.Figure(
        go.Heatmap(z=[[0.25, 0.75], [1.0, np.nan]], x=["0: The", "1: cat"], y=["0: The", "1: cat"])
    )


def test_heatmap_csv_is_the_labelled_matrix():
    rows = list(csv.reader(io.StringIO(view_export.figure_csv(heatmap()))))
    assert rows[1] == ["", "0: The", "1: cat"]
    assert rows[2] == ["0: The", "0.25", "0.75"]
    assert rows[3] == ["1: cat", "1", ""]  # NaN (a hidden cell) is left empty


def test_bars_csv_has_one_row_per_bar():
    fig = go.Figure(go.Bar(x=[0.5, 0.25], y=[" Paris", " the"], name="next token"))
    rows = list(csv.reader(io.StringIO(view_export.figure_csv(fig))))
    assert rows == [["# next token"], ["x", "y"], ["0.5", " Paris"], ["0.25", " the"]]


def test_zip_holds_csv_html_and_pictures():
    if view_export.chromium() is None:
        pytest.skip("no Chromium on this machine to draw PNG/SVG")
    data, notes = view_export.view_zip({"att/heat map": heatmap()})
    assert notes == []
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = set(zf.namelist())
    assert {
        "att_heat_map.csv",
        "att_heat_map.html",
        "plotly.min.js",
        "att_heat_map.png",
        "att_heat_map.svg",
    } <= names
    assert zf.read("att_heat_map.png").startswith(b"\x89PNG")
    assert b"<svg" in zf.read("att_heat_map.svg")[:500]
    html = zf.read("att_heat_map.html").decode()
    assert 'src="plotly.min.js"' in html and "cdn" not in html.lower()


def test_without_a_browser_the_zip_says_how_to_get_pictures(monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    data, notes = view_export.view_zip({"bars": go.Figure(go.Bar(x=[1], y=["a"]))})
    assert notes and "camera button" in notes[0]
    zf = zipfile.ZipFile(io.BytesIO(data))
    assert {"bars.csv", "bars.html", "NOTES.txt"} <= set(zf.namelist())
    assert not any(n.endswith((".png", ".svg")) for n in zf.namelist())


def test_presenter_style_is_a_high_contrast_copy():
    fig = heatmap()
    styled = presenter_style(fig)
    assert styled.data[0].colorscale != fig.data[0].colorscale
    assert styled.layout.font.size == 20 and fig.layout.font.size is None


def test_the_attention_page_registers_its_figures_with_the_numbers_shown():
    at = open_page("pages/attention.py", text="The cat sat.")
    ok(at)
    assert [e.proto.label for e in at.sidebar.get("download_button")] == ["Save this view"]
    figures = at.session_state[FIGURES]
    assert list(figures) == ["fig_causal_head"]  # the one-head heatmap of the causal model
    rows = list(csv.reader(io.StringIO(view_export.figure_csv(figures["fig_causal_head"]))))
    n = len(rows[1]) - 1  # tokens
    matrix = np.array([[float(v) if v else np.nan for v in row[1:]] for row in rows[2 : 2 + n]])
    assert np.allclose(np.nansum(matrix, axis=1), 1.0, atol=1e-3)  # each query row of attention sums to 1
    at.switch_page("pages/compare.py").run()
    assert "fig_causal_head" not in at.session_state[FIGURES]  # a page saves only its own figures
