"""Text from people is neutralised for where it goes: CSV cells that Excel would run as
formulas get a quote; control characters and escape sequences never reach a terminal,
a CSV or an HTML page raw."""

from __future__ import annotations

import csv
import io

import pytest

from recall.core.escaping import csv_text, for_terminal
from recall.reports import Report, Section, render_csv, render_html
from tests.conftest import DECK, write_deck

FORMULAS = ["=cmd|' /C calc'!A0", "+SUM(1,2)", "@SUM(A1)", "-2+3+cmd|' /C calc'!A0"]
ESCAPE = "A\x1b]0;pwned\x07\x1b[2J B\u202eevil"


@pytest.mark.parametrize("text", FORMULAS + ["\tx", "\rx"])
def test_csv_text_cells_starting_like_a_formula_get_a_quote(text):
    assert csv_text(text).startswith("'")
    assert csv_text(text)[1] == text[0] or text[0] in "\t\r"


@pytest.mark.parametrize("text", ["Alice", "山田 花子", "2026-04-01", "a=b", "x-1"])
def test_csv_text_leaves_ordinary_text_alone(text):
    assert csv_text(text) == text


def test_terminal_text_shows_controls_visibly():
    shown = for_terminal(ESCAPE)
    assert "\x1b" not in shown and "\x07" not in shown and "\u202e" not in shown
    assert shown == "A\\x1b]0;pwned\\x07\\x1b[2J B\\u202eevil"
    assert for_terminal("line\n\tnext") == "line\n\tnext"


def _report() -> Report:
    rows = [
        {"name": text, "cards_answered": -2, "correct_rate": -0.5, "department": "\x00x"}
        for text in FORMULAS
    ]
    section = Section(
        "audit",
        ("name", "cards_answered", "correct_rate", "department"),
        rows,
        percent=frozenset({"correct_rate"}),
    )
    return Report(kind="audit", lang="en", meta=(("organisation", ESCAPE),), sections=(section,))


def test_render_csv_neutralises_text_cells_and_keeps_numbers():
    rows = list(csv.reader(io.StringIO(render_csv(_report()))))[1:]
    assert [r[0] for r in rows] == ["'" + f for f in FORMULAS]
    assert {r[1] for r in rows} == {"-2"}  # a count stays a number
    assert {r[2] for r in rows} == {"-50.0"}  # a percentage too
    assert {r[3] for r in rows} == {"\\x00x"}  # NUL shown, not written raw


def test_render_html_has_no_raw_control_character():
    page = render_html(_report())
    assert "\x1b" not in page and "\x00" not in page and "\u202e" not in page
    assert "A\\x1b]0;pwned" in page


HOSTILE_DECK = DECK.replace(
    'prompt: {ja: 同意なく第三者に渡してよいか, en: "May you pass it on without consent?"}',
    'prompt: {ja: "問\\e]0;pwned\\a\\e[2J題", en: "Q\\e]0;pwned\\a\\e[2J 3"}',
)


def test_deck_text_with_escape_sequences_never_reaches_the_terminal(cli, deck_dir):
    write_deck(deck_dir, HOSTILE_DECK)
    result = cli("due", "-e", "E1")
    assert result.exit_code == 1  # E1 is unknown: enrol first
    assert cli("employee", "add", "E1", "--name", "A", "--hired", "2026-01-01").exit_code == 0
    result = cli("due", "-e", "E1", env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert "\\x1b]0;pwned" in result.output


def test_incident_title_is_neutralised_in_csv_and_terminal(cli, tmp_path):
    assert (
        cli(
            "employee",
            "add",
            "E1",
            "--name",
            '=HYPERLINK("x")',
            "--hired",
            "2026-01-01",
            "--department",
            "@SUM(A1)",
        ).exit_code
        == 0
    )
    add = ("incident", "add", "--occurred", "2026-03-31", "--topics", "consent", "--all")
    refused = cli(*add, "--title", "A\x1b[2J", "--lang", "en")  # control characters never get in
    assert refused.exit_code == 1
    assert refused.stderr == "Error: --title contains a control character (U+001B)\n"
    title = "=cmd|' /C calc'!A0"
    result = cli(
        "incident",
        "add",
        "--title",
        title,
        "--occurred",
        "2026-03-31",
        "--topics",
        "consent",
        "--all",
    )
    assert result.exit_code == 0, result.output
    out = tmp_path / "incidents.csv"
    assert cli("report", "incidents", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert "'=cmd|' /C calc'!A0" in text
    out = tmp_path / "audit.csv"
    assert cli("report", "audit", "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8-sig")
    assert '\'=HYPERLINK(""x"")' in text and "'@SUM(A1)" in text


def test_deck_text_is_never_read_as_rich_markup(cli, deck_dir):
    write_deck(
        deck_dir,
        DECK.replace(
            "title: {ja: サンプル, en: Sample}", 'title: {ja: "[red]赤[/red]", en: "[bold]B"}'
        ).replace(
            "explanation: {ja: 裁断します, en: Shred them}",
            'explanation: {ja: "[link=http://x]裁断[/link]", en: Shred them}',
        ),
    )
    listed = cli("deck", "list", env={"COLUMNS": "200"})
    assert listed.exit_code == 0, listed.output
    assert "[red]赤[/red] / [bold]B" in listed.stdout
    shown = cli("deck", "show", "c2")
    assert shown.exit_code == 0, shown.output
    assert "[link=http://x]裁断[/link]" in shown.stdout
