"""The label catalogue: every text in both languages, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from recall.core.codes import IncidentKind, Method, ProgressState, Reason
from recall.errors import InputError
from recall.i18n import CATALOGUE, check_lang, t

SRC = Path(__file__).resolve().parents[1] / "src" / "recall"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key):
    ja, en = CATALOGUE[key]
    assert ja.strip() and en.strip(), key
    assert _fields(ja) - {"s"} == _fields(en) - {"s"}, key  # {s}: an English plural


def test_every_code_has_a_label():
    for prefix, codes in (
        ("reason", Reason),
        ("method", Method),
        ("progress", ProgressState),
        ("kind", IncidentKind),
    ):
        for code in codes:
            assert f"{prefix}.{code}" in CATALOGUE


def test_every_literal_key_used_in_the_code_exists():
    used: set[str] = set()
    for path in SRC.rglob("*.py"):
        used |= set(re.findall(r"\bt\(\s*\"([a-z_]+(?:\.[A-Za-z_]+)*)\"", path.read_text()))
    missing = sorted(k for k in used if k not in CATALOGUE)
    assert not missing
    assert len(used) > 50  # the scan finds the calls


def test_lookup_and_language_check():
    assert t("reason.refresher", "ja") == "再教育"
    assert t("reason.refresher", "en") == "refresher"
    assert t("review.card", "en", i=2, n=5) == "Card 2/5"
    assert check_lang(None) is None
    with pytest.raises(InputError, match="--lang 'fr': use ja or en"):
        check_lang("fr")
