"""Open an lmviz page headlessly with AppTest, on given models and session state."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def open_page(page: str | None, causal: str = "tiny-gpt2", masked: str = "tiny-bert", **state) -> AppTest:
    """Run the app with the sidebar set to `causal`, `masked` and `state`, then switch to `page`."""
    at = AppTest.from_file(APP, default_timeout=240)
    at.session_state["causal_pick"] = causal
    at.session_state["masked_pick"] = masked
    for key, value in state.items():
        at.session_state[key] = value
    at.run()
    return at.switch_page(page).run() if page else at


def ok(at: AppTest) -> None:
    """No exception box and no error message on the page."""
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
