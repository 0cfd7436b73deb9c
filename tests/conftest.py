"""Shared fixtures. Tests never touch the network: the hub is off for every test."""

import os

os.environ["HF_HUB_OFFLINE"] = "1"
os.environ.pop("LMVIZ_ALLOW_DOWNLOADS", None)

import pytest  # noqa: E402

import lmviz  # noqa: E402


@pytest.fixture(scope="session")
def tiny_gpt2() -> lmviz.LoadedModel:
    return lmviz.load_model("tiny-gpt2", device="cpu")


@pytest.fixture(scope="session")
def tiny_bert() -> lmviz.LoadedModel:
    return lmviz.load_model("tiny-bert", device="cpu")


def bundled_or_skip(name: str) -> lmviz.LoadedModel:
    info = {m.name: m for m in lmviz.list_models()}[name]
    if not info.available:
        pytest.fail(f"bundled model {name} is unavailable: {info.reason}")
    return lmviz.load_model(name, device="cpu")


@pytest.fixture(scope="session")
def smollm2() -> lmviz.LoadedModel:
    return bundled_or_skip("smollm2-135m")


@pytest.fixture(scope="session")
def masked_lm() -> lmviz.LoadedModel:
    return bundled_or_skip("minilm-l6-mlm")


@pytest.fixture(scope="session")
def minilm() -> lmviz.LoadedModel:
    return bundled_or_skip("minilm-l6")
