"""The label catalogue: every text in both languages, and every key the code uses exists."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from recall.core.codes import IncidentKind, Method, ProgressState, Reason, check_lang
from recall.errors import InputError, Message, NotFoundError
from recall.i18n import CATALOGUE, t

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


#: where an error's key is written: ``XError.of("key"``, ``XError.written("key"``,
#: ``Message("key"``
_ERROR_KEY = re.compile(r"(?:\.of|\.written|\bMessage)\(\s*\"([a-z_]+(?:\.[A-Za-z_]+)*)\"")


def test_every_error_key_used_in_the_code_exists_in_both_languages():
    used: dict[str, str] = {}
    for path in SRC.rglob("*.py"):
        for key in _ERROR_KEY.findall(path.read_text()):
            used.setdefault(key, path.name)
    missing = sorted(f"{key} ({name})" for key, name in used.items() if key not in CATALOGUE)
    assert not missing
    for key in used:  # both languages, same placeholders: checked for every key above
        ja, en = CATALOGUE[key]
        assert ja != en, key
    assert len(used) > 50  # the scan finds the raise sites


def test_a_keyed_error_renders_in_the_readers_language():
    error = NotFoundError.of("error.no_incident", id=99)
    assert str(error) == "no incident 99 (see `recall incident list`)"  # logs and tests
    assert error.text("en") == str(error)
    assert (
        error.text("ja") == "インシデント 99 はありません（`recall incident list` で確認できます）"
    )
    assert error.language("ja") == "ja"
    nested = InputError.of("error.unknown_topics", topics="'x'", s="", known=Message("error.none"))
    assert nested.text("ja").endswith("（カードのある分野: なし）。何も記録していません")
    assert "(topics with cards: none)" in str(nested)


def test_an_error_written_in_a_language_renders_as_written():
    error = InputError("もう書かれた文", lang="ja")
    assert error.text("en") == "もう書かれた文" and error.language("en") == "ja"
    assert (
        InputError.written("date.bad", "ja", what="--on", value="x")
        .text("en")
        .startswith("--on 'x' は日付ではありません")
    )
    keyed = InputError.written("date.bad", None, what="--on", value="x")
    assert keyed.text("en") == "--on 'x' is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"


def test_lookup_and_language_check():
    assert t("reason.refresher", "ja") == "再教育"
    assert t("reason.refresher", "en") == "refresher"
    assert t("review.card", "en", i=2, n=5) == "Card 2/5"
    assert check_lang(None) is None
    with pytest.raises(InputError, match="--lang 'fr': use ja or en"):
        check_lang("fr")
