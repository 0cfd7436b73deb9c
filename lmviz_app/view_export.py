""" "Save this view": every figure on a page as PNG and SVG (when a Chromium is present to draw them),
as an offline interactive HTML file, and its numbers as CSV, in one zip."""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import plotly.graph_objects as go

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "chrome")


def figure_csv(fig: go.Figure) -> str:
    """The numbers behind a figure: a heatmap as a labelled matrix, bars and lines as columns."""
    out = io.StringIO()
    writer = csv.writer(out)
    for i, trace in enumerate(fig.data):
        name = trace.name or f"{trace.type} {i + 1}"
        if i:
            writer.writerow([])
        writer.writerow([f"# {name}"])
        if trace.type == "heatmap":
            z = np.asarray(trace.z, dtype=float)  # (rows, columns)
            xs = list(trace.x) if trace.x is not None else list(range(z.shape[1]))
            ys = list(trace.y) if trace.y is not None else list(range(z.shape[0]))
            writer.writerow(["", *xs])
            for label, row in zip(ys, z):
                writer.writerow([label, *(_number(v) for v in row)])
        else:
            xs = list(trace.x) if trace.x is not None else []
            ys = list(trace.y) if trace.y is not None else []
            writer.writerow(["x", "y"])
            for x, y in zip(xs, ys):
                writer.writerow([x, y])
    return out.getvalue()


def _number(v: float) -> str:
    return "" if not np.isfinite(v) else f"{v:.6g}"


def chromium() -> str | None:
    """A Chromium/Chrome on this machine that can draw PNG/SVG, or None."""
    for name in CHROMIUMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def view_zip(figures: dict[str, go.Figure], images: bool = True) -> tuple[bytes, list[str]]:
    """(zip bytes, notes). Each figure as <name>.csv and <name>.html (with plotly.min.js once), plus
    <name>.png and <name>.svg when `images` and a Chromium is present; the notes say what is missing."""
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="lmviz-view-") as tmp:
        folder = Path(tmp)
        names = {key: _safe(key) for key in figures}
        for key, fig in figures.items():
            (folder / f"{names[key]}.csv").write_text(figure_csv(fig), "utf-8")
            fig.write_html(folder / f"{names[key]}.html", include_plotlyjs="directory", full_html=True)
        if images and figures:
            notes += _images(figures, names, folder)
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(folder.iterdir()):
                zf.write(path, path.name)
            if notes:
                zf.writestr("NOTES.txt", "\n".join(notes) + "\n")
        return buffer.getvalue(), notes


def _images(figures: dict[str, go.Figure], names: dict[str, str], folder: Path) -> list[str]:
    if chromium() is None:
        return [
            "PNG/SVG files need Chromium or Chrome on the server; open the .html files and use the camera "
            "button to save a picture."
        ]
    try:
        import kaleido

        jobs = [
            {"fig": fig, "path": folder / f"{names[key]}.{fmt}", "opts": {"format": fmt, "scale": 2}}
            for key, fig in figures.items()
            for fmt in ("png", "svg")
        ]
        kaleido.write_fig_from_object_sync(jobs, kopts={"mathjax": False})
    except Exception as exc:  # a boundary: a broken browser must not lose the CSV and HTML files
        return [
            f"PNG/SVG could not be drawn ({type(exc).__name__}: {exc}); the CSV and HTML files are complete."
        ]
    return []


def _safe(key: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", key).strip("_") or "figure"
