"""Every user-facing string has an English and a Chinese version, with the same placeholders."""

import re
from pathlib import Path

import pytest

from lmviz_app import i18n

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_every_string_is_translated(key):
    entry = i18n.STRINGS[key]
    assert set(entry) == set(i18n.LANGUAGES), key
    assert all(entry[lang].strip() for lang in i18n.LANGUAGES), key
    fields = {lang: set(re.findall(r"{(\w+)}", entry[lang])) for lang in entry}
    assert fields["en"] == fields["zh"], key
    assert entry["zh"] != entry["en"] or not re.search("[A-Za-z]{4}", entry["en"]), key


def test_every_key_used_in_code_exists():
    used = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("lmviz/*.py"), ROOT / "app.py"]:
        used |= set(re.findall(r"""\btr\(\s*["']([a-z_]+)["']""", path.read_text(encoding="utf-8")))
    assert used, "no tr() calls found"
    missing = used - set(i18n.STRINGS)
    assert not missing, missing


def test_lookup_and_fallback():
    assert i18n.t("tokens_caption", "en", n=3).startswith("3 tokens")
    assert i18n.t("tokens_caption", "zh", n=3).startswith("3 个词元")
    assert i18n.t("app_title", "fr") == i18n.t("app_title", "en")
