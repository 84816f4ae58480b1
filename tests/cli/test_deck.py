"""``recall deck check|list|show`` and the help of every command."""

from __future__ import annotations

import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import typer
from typer.testing import CliRunner

from recall.cli.app import app
from tests.core.test_deck import GOOD
from tests.core.test_deck_cues import HEAD, rotating, true_false

runner = CliRunner(env={"RECALL_LANG": "en"})  # these tests read the English texts


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_check_clean_deck_exits_0(tmp_path):
    deck = write(tmp_path, "sample.yaml", GOOD)
    result = runner.invoke(app, ["deck", "check", str(deck)])
    assert result.exit_code == 0, result.output
    assert "OK: 1 deck(s), 2 cards, no problems" in result.stdout


def test_check_reports_every_problem_located_and_exits_1(tmp_path):
    bad = GOOD.replace("answer: b", "answer: z").replace(
        "topics: [consent]\n    source: 事例2", "topics: [nope]\n    source: 事例2"
    )
    deck = write(tmp_path, "bad.yaml", bad)
    result = runner.invoke(app, ["deck", "check", str(deck)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [
        f"{deck}:24: card first-card: answer 'z' is not among the choices (a, b)",
        f"{deck}:28: card second-card: unknown topic 'nope'",
        "2 problems found",
    ]
    assert "Traceback" not in result.output


def test_check_warns_about_surface_cues_but_exits_0(tmp_path):
    cards = [*rotating(10, longest=3), true_false(1), true_false(2)]
    deck = write(tmp_path, "cues.yaml", HEAD + "".join(cards))
    result = runner.invoke(app, ["deck", "check", str(deck)])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        f"{deck}:1: warning: 2 of 12 cards (17%) are true-false, more than 10%; a true-false "
        "card is guessed right half the time"
    ]
    assert result.stdout.strip() == "OK: 1 deck(s), 12 cards, no problems; 1 warning"


def test_check_strict_exits_1_on_warnings_and_0_without(tmp_path):
    cards = [*rotating(10, longest=3), true_false(1), true_false(2)]
    deck = write(tmp_path, "cues.yaml", HEAD + "".join(cards))
    result = runner.invoke(app, ["deck", "check", "--strict", str(deck)])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "1 deck(s), 12 cards, no problems; 1 warning (--strict)"
    )
    assert result.stdout == ""
    write(tmp_path, "cues.yaml", HEAD + "".join(cards[:-1]))  # 1 true-false card of 11
    result = runner.invoke(app, ["deck", "check", "--strict", str(deck)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "OK: 1 deck(s), 11 cards, no problems"
    assert result.stderr == ""


def test_check_strict_still_reports_problems_first(tmp_path):
    deck = write(tmp_path, "bad.yaml", GOOD.replace("answer: b", "answer: z"))
    result = runner.invoke(app, ["deck", "check", "--strict", str(deck)])
    assert result.exit_code == 1
    assert "answer 'z' is not among the choices (a, b)" in result.stderr
    assert "warning" not in result.stderr


def test_check_finds_duplicate_ids_across_files_in_a_folder(tmp_path):
    write(tmp_path, "a.yaml", GOOD)
    write(tmp_path, "b.yaml", GOOD.replace("id: sample", "id: other"))
    result = runner.invoke(app, ["deck", "check", str(tmp_path)])
    assert result.exit_code == 1
    assert (
        f"{tmp_path / 'b.yaml'}:15: card first-card: duplicate card id (also in " in result.stderr
    )


def test_check_malformed_yaml_and_missing_path(tmp_path):
    deck = write(tmp_path, "broken.yaml", "id: [unclosed\n")
    result = runner.invoke(app, ["deck", "check", str(deck), str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1
    assert f"{tmp_path / 'missing.yaml'}:0: no such file or folder" in result.stderr
    result = runner.invoke(app, ["deck", "check", str(deck)])
    assert f"{deck}:2: malformed YAML (column 1)" in result.stderr


def test_check_rejects_a_file_that_is_not_utf8(tmp_path):
    deck = tmp_path / "sjis.yaml"
    deck.write_bytes(GOOD.encode("shift_jis"))
    result = runner.invoke(app, ["deck", "check", str(deck)])
    assert result.exit_code == 1
    assert f"{deck}:1: not UTF-8 text" in result.stderr


def test_list_shows_counts_per_topic_and_onboarding(tmp_path):
    write(tmp_path, "sample.yaml", GOOD)
    result = runner.invoke(app, ["--decks", str(tmp_path), "deck", "list"])
    assert result.exit_code == 0, result.output
    assert "sample v1" in result.stdout
    assert "2 cards (1 onboarding core, 1 other)" in result.stdout
    assert "consent" in result.stdout


def test_show_renders_a_card_in_english_and_japanese(tmp_path):
    write(tmp_path, "sample.yaml", GOOD)
    result = runner.invoke(
        app, ["--decks", str(tmp_path), "deck", "show", "first-card", "--lang", "en"]
    )
    assert result.exit_code == 0, result.output
    assert "A question." in result.stdout
    assert "1. Yes" in result.stdout and "2. No" in result.stdout
    assert "Answer: 2. No" in result.stdout
    assert "Source: 事例1" in result.stdout
    result = runner.invoke(
        app, ["--decks", str(tmp_path), "deck", "show", "first-card", "--lang", "ja"]
    )
    assert "正解: 2. いいえ" in result.stdout and "出典: 事例1" in result.stdout


def test_show_unknown_card_is_a_clear_error(tmp_path):
    write(tmp_path, "sample.yaml", GOOD)
    result = runner.invoke(app, ["--decks", str(tmp_path), "deck", "show", "nope"])
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: no card 'nope' in any deck (see `recall deck list`)"


def _commands(group: typer.Typer) -> list[list[str]]:
    import typer.main

    click_group = typer.main.get_command(group)
    paths: list[list[str]] = []

    def walk(command, prefix):  # noqa: ANN001
        paths.append(prefix)
        ctx = typer.Context(command)
        names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
        for name in names:  # list/get_command: the root group loads its commands lazily
            walk(command.get_command(ctx, name), [*prefix, name])

    walk(click_group, [])
    return paths


def test_every_command_has_help():
    paths = _commands(app)
    assert ["deck", "check"] in paths
    for path in paths:
        result = runner.invoke(app, [*path, "--help"])
        assert result.exit_code == 0, path
        body = result.stdout.split("Options")[0]
        assert len(body.split("Usage:", 1)[1].strip().splitlines()) >= 2, (path, result.stdout)


def test_help_paragraphs_rewrap_to_the_terminal_not_at_the_docstring_line_breaks():
    """Every command, loaded lazily too, keeps the root's markdown mode: in a wide terminal
    no paragraph of its help breaks where its docstring's lines do."""
    import typer.main

    root = typer.main.get_command(app)
    for path in _commands(app):
        command, ctx = root, typer.Context(root)
        for name in path:
            command = command.get_command(ctx, name)
            ctx = typer.Context(command)
        shown = runner.invoke(app, [*path, "--help"], env={"COLUMNS": "200"}).stdout
        for paragraph in (command.help or "").split("\n\n"):
            lines = [line.replace("`", "").split() for line in paragraph.splitlines()]
            for before, after in pairwise(lines):
                assert f"{before[-1]} {after[0]}" in shown, (path, before[-1], after[0])


def test_python_dash_m_recall_works():
    result = subprocess.run(
        [sys.executable, "-m", "recall", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0
    assert "Spaced-repetition privacy-protection training" in result.stdout


def test_a_broken_deck_does_not_stop_reviews_once_loaded(tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    deck = write(decks, "sample.yaml", GOOD)
    base = ["--db", str(tmp_path / "r.db"), "--decks", str(decks)]
    first = runner.invoke(app, [*base, "due", "--employee", "E1", "--json"])
    assert first.exit_code == 1  # no such employee yet, but the deck is loaded
    assert runner.invoke(app, [*base, "employee", "add", "E1", "--name", "A"]).exit_code == 0
    deck.write_text(GOOD.replace("answer: b", "answer: z"), encoding="utf-8")
    result = runner.invoke(app, [*base, "due", "--employee", "E1", "--json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("Warning: the deck files have 1 problem(s)")
    assert '"first-card"' in result.stdout


def test_a_broken_deck_is_an_error_before_any_deck_was_loaded(tmp_path):
    write(tmp_path, "bad.yaml", GOOD.replace("answer: b", "answer: z"))
    result = runner.invoke(
        app, ["--db", str(tmp_path / "r.db"), "--decks", str(tmp_path), "status", "-e", "E1"]
    )
    assert result.exit_code == 1
    assert "card first-card: answer 'z' is not among the choices (a, b)" in result.stderr


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.startswith("recall ")


def test_the_bundled_deck_passes_the_strict_check():
    bundled = Path(__file__).resolve().parents[2] / "decks"
    result = runner.invoke(app, ["deck", "check", "--strict", str(bundled)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("OK: 1 deck(s), ")
    assert result.stderr == ""


def test_check_speaks_japanese_with_lang_ja(tmp_path):
    deck = write(tmp_path, "sample.yaml", GOOD)
    ok = runner.invoke(app, ["deck", "check", str(deck), "--lang", "ja"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == "OK: 教材 1件、カード 2枚、問題なし\n"
    bad = GOOD.replace("answer: b", "answer: z").replace(
        "topics: [consent]\n    source: 事例2", "topics: [nope]\n    source: 事例2"
    )
    write(tmp_path, "sample.yaml", bad)
    result = runner.invoke(app, ["deck", "check", str(deck)], env={"RECALL_LANG": "ja"})
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"{deck}:24: card first-card: 正解 'z' が選択肢（a, b）にありません",
        f"{deck}:28: card second-card: 不明な分野 'nope' です",
        "2件の問題があります",
    ]


def test_check_warnings_in_japanese(tmp_path):
    cards = [*rotating(10, longest=3), true_false(1), true_false(2)]
    deck = write(tmp_path, "cues.yaml", HEAD + "".join(cards))
    result = runner.invoke(app, ["deck", "check", str(deck), "--lang", "ja"])
    assert result.exit_code == 0, result.output
    assert result.stderr.strip().splitlines() == [
        f"{deck}:1: 警告: カード12枚のうち2枚（17%）が正誤問題で、上限の10%を超えています。"
        "正誤問題は当て推量でも半分は正解します"
    ]
    assert result.stdout.strip() == "OK: 教材 1件、カード 12枚、問題なし。警告 1件"
    strict = runner.invoke(app, ["deck", "check", str(deck), "--lang", "ja", "--strict"])
    assert strict.exit_code == 1
    assert "警告 1件（--strict のため失敗）" in strict.stderr


def test_check_malformed_yaml_and_missing_path_in_japanese(tmp_path):
    deck = write(tmp_path, "broken.yaml", "id: [unclosed\n")
    result = runner.invoke(app, ["deck", "check", str(deck), "--lang", "ja"])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{deck}:2: YAML の書式が正しくありません（")
    missing = runner.invoke(app, ["deck", "check", str(tmp_path / "nope"), "--lang", "ja"])
    assert missing.exit_code == 1
    assert missing.stderr.splitlines() == [
        f"{tmp_path / 'nope'}:0: ファイルもフォルダーもありません",
        "1件の問題があります",
    ]


def test_list_and_show_in_japanese(tmp_path):
    write(tmp_path, "sample.yaml", GOOD)
    listed = runner.invoke(app, ["--decks", str(tmp_path), "deck", "list", "--lang", "ja"])
    assert listed.exit_code == 0, listed.output
    assert "sample 版 1" in listed.stdout
    assert "カード 2枚（入社時教育 1枚、その他 1枚）、言語: ja, en" in listed.stdout
    assert "出典:" in listed.stdout and "分野" in listed.stdout
    unknown = runner.invoke(app, ["--decks", str(tmp_path), "deck", "show", "nope", "--lang", "ja"])
    assert unknown.exit_code == 1
    assert (
        unknown.stderr
        == "エラー: カード 'nope' はどの教材にもありません（`recall deck list` を参照）\n"
    )
