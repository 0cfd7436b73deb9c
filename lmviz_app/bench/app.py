"""The app under Streamlit's AppTest (in-process, no browser): forward passes and rerun time when widgets
change, and the bytes the attention page hands to the browser. Streamlit is imported only when used."""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import TYPE_CHECKING

from lmviz_app.bench.analysis import sample_text
from lmviz_app.bench.measure import count_forward_passes, timed

if TYPE_CHECKING:
    from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "app.py"
ATTENTION, NEXT_TOKEN = "pages/attention.py", "pages/next_token.py"
VIEWS = ("head", "grid", "average", "rollout", "bv_head", "bv_model")
SENT_ELEMENTS = ("plotly_chart", "iframe")  # plotly figures and the bertviz pages
TIMEOUT_S = 600


def app_missing() -> str:
    """Why the app cannot be driven from here ("" when it can): the core may be installed without it."""
    return "" if APP.is_file() else f"{APP} not found: run the benchmark from a checkout of the repository"


def open_page(page: str, causal: str, masked: str, **state) -> AppTest:
    """A new session of the app with the sidebar set to `causal`, `masked` and `state`, showing `page`."""
    import streamlit.logger
    from streamlit.testing.v1 import AppTest

    streamlit.logger.set_log_level("error")  # "missing ScriptRunContext" warnings from cached calls
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT_S)
    at.session_state["causal_pick"] = causal
    at.session_state["masked_pick"] = masked
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return _checked(at.switch_page(page).run())


def _checked(at: AppTest) -> AppTest:
    problems = [e.value for e in at.exception] + [e.value for e in at.error]
    if problems:
        raise RuntimeError(f"the page showed an error: {problems[0]}")
    return at


def widget_figures(causal: str, masked: str) -> tuple[dict, dict]:
    """Forward passes and median rerun seconds for layer/head changes on the attention page (both models)
    and temperature/top-k changes in the next-token lab, after each page's first render."""
    from lmviz_app.cache import get_model

    cm, mm = get_model(causal), get_model(masked)
    att = open_page(ATTENTION, causal, masked, att_which="both")
    lab = open_page(NEXT_TOKEN, causal, masked)
    changes = [
        (att, "slider", "att_layer_causal", cm.n_layers - 1),
        (att, "slider", "att_head_causal", cm.n_heads - 1),
        (att, "slider", "att_layer_masked", mm.n_layers - 1),
        (att, "slider", "att_head_masked", mm.n_heads - 1),
        (lab, "slider", "nt_temperature", 0.7),
        (lab, "number_input", "nt_top_k", 20),
    ]
    seconds = {}
    with count_forward_passes([cm.model, mm.model]) as calls:
        for at, kind, key, value in changes:
            widget = getattr(at, kind)(key=key)
            seconds[key] = timed(lambda widget=widget, value=value: widget.set_value(value).run())
            _checked(at)
    figures = {
        "widget_forward_passes": len(calls),
        "widget_rerun_s": round(statistics.median(seconds.values()), 4),
    }
    return figures, {"widget_rerun_s_each": {k: round(v, 4) for k, v in seconds.items()}}


def sent_bytes(at: AppTest) -> int:
    """Serialized size of the page's plotly figures and bertviz iframes (the protobuf Streamlit sends)."""
    return sum(e.proto.ByteSize() for kind in SENT_ELEMENTS for e in at.get(kind))


def payload_figures(causal: str, masked: str, sizes=(16, 64, 256)) -> tuple[dict, dict]:
    """Bytes the attention page sends for the causal model at each text size, summed over its six views
    drawn one after another (details: each view)."""
    from lmviz_app.cache import get_model

    loaded = get_model(causal)
    figures, details = {}, {}
    for n in sizes:
        at = open_page(ATTENTION, causal, masked, text=sample_text(loaded, n), att_which="causal")
        per_view = {}
        for view in VIEWS:
            _checked(at.selectbox(key="att_view").set_value(view).run())
            per_view[view] = sent_bytes(at)
        figures[f"payload_bytes_{n}"] = sum(per_view.values())
        details[f"payload_{n}"] = per_view
    return figures, details
