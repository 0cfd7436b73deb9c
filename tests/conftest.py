"""Shared fixtures. Tests never touch the network: the hub is off for every test."""

from __future__ import annotations

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("LMVIZ_ALLOW_DOWNLOADS", None)

from collections.abc import Iterator  # noqa: E402
from typing import TYPE_CHECKING  # noqa: E402
from urllib.parse import urlparse  # noqa: E402

import pytest  # noqa: E402

import lmviz  # noqa: E402
from tests.live_server import launch_chromium, require_browser, serve_app  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route


@pytest.fixture(scope="session")
def tiny_gpt2() -> lmviz.LoadedModel:
    return lmviz.load_model("tiny-gpt2", device="cpu")


@pytest.fixture(scope="session")
def tiny_bert() -> lmviz.LoadedModel:
    return lmviz.load_model("tiny-bert", device="cpu")


def bundled_model(name: str) -> lmviz.LoadedModel:
    info = {m.name: m for m in lmviz.list_models()}[name]
    if not info.available:
        pytest.fail(f"bundled model {name} is unavailable: {info.reason}")
    return lmviz.load_model(name, device="cpu")


@pytest.fixture(scope="session")
def smollm2() -> lmviz.LoadedModel:
    return bundled_model("smollm2-135m")


@pytest.fixture(scope="session")
def masked_lm() -> lmviz.LoadedModel:
    return bundled_model("minilm-l6-mlm")


@pytest.fixture(scope="session")
def masked_default() -> lmviz.LoadedModel:
    """The default masked model (SmolLM2 made to read both sides)."""
    return bundled_model(lmviz.default_model("masked"))


@pytest.fixture(scope="session")
def minilm() -> lmviz.LoadedModel:
    return bundled_model("minilm-l6")


@pytest.fixture(scope="session")
def poem_gpt() -> lmviz.LoadedModel:
    return bundled_model("poem-gpt-zh")


@pytest.fixture(scope="session")
def poem_bert() -> lmviz.LoadedModel:
    return bundled_model("poem-bert-zh")


# --- real browser against a real server (skipped, saying why, when chromium is missing) ---

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
NETWORK_SCHEMES = {"http", "https", "ws", "wss"}


def is_external(url: str) -> bool:
    """True for a network URL whose host is not this machine (data:, blob: and the like are local)."""
    parsed = urlparse(url)
    return parsed.scheme in NETWORK_SCHEMES and parsed.hostname not in LOCAL_HOSTS


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """A real `streamlit run app.py` server on localhost, one per test module."""
    require_browser()
    with serve_app() as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = launch_chromium(pw)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def app_page(browser: Browser, base_url: str) -> Iterator[tuple[Page, list[str]]]:
    """A fresh browser context on the app; yields the page and the external URLs it tried to reach."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    external: list[str] = []

    def record(url: str) -> None:
        if is_external(url) and url not in external:
            external.append(url)

    def guard(route: Route) -> None:
        if is_external(route.request.url):
            record(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", guard)
    page = context.new_page()
    page.on("request", lambda request: record(request.url))
    page.on("websocket", lambda ws: record(ws.url))
    try:
        page.goto(base_url, wait_until="domcontentloaded")
        yield page, external
    finally:
        context.close()
