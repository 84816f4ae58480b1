"""``recall export scorm`` and ``recall export check``: paths, errors, exit codes, help."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from recall.cli.app import app

from .conftest import deck_yaml

runner = CliRunner()


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "test-deck.yaml").write_text(deck_yaml(5), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("RECALL_DECKS", str(decks))
    monkeypatch.setenv("RECALL_DB", str(tmp_path / "recall.db"))
    return tmp_path


def test_export_writes_to_exports_and_prints_path(env):
    result = runner.invoke(app, ["export", "scorm"])
    assert result.exit_code == 0, result.output
    assert result.stdout == "exports/test-deck_onboarding_ja_scorm12.zip\n"
    assert (env / "exports" / "test-deck_onboarding_ja_scorm12.zip").is_file()


def test_export_with_check_and_all_options(env):
    result = runner.invoke(
        app,
        [
            "export",
            "scorm",
            "--standard",
            "2004",
            "--deck",
            "test-deck",
            "--cards",
            "topic:email",
            "--lang",
            "en",
            "--passing-score",
            "70",
            "--status",
            "passed-incomplete",
            "--title",
            "Email safety",
            "-o",
            str(env / "out"),
            "--check",
        ],
    )
    assert result.exit_code == 0, result.output
    path = env / "out" / "test-deck_topic-email_en_scorm2004.zip"
    assert result.stdout.splitlines() == [str(path), "OK: valid SCORM 2004 package"]
    check = runner.invoke(app, ["export", "check", str(path), "--lang", "en"])
    assert check.exit_code == 0
    assert check.stdout == f"OK: {path} is a valid SCORM package\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--deck", "nope"],
            "Error: --deck 'nope': no such deck in {decks} (decks: test-deck)",
        ),
        (
            ["--cards", "topic:unused"],
            "Error: --cards topic:unused: topic 'unused' has no cards in deck 'test-deck' "
            "({decks}/test-deck.yaml)",
        ),
        (
            ["--cards", "topic:nope"],
            "Error: --cards topic:nope: deck 'test-deck' ({decks}/test-deck.yaml) has no "
            "topic 'nope' (its topics: consent, email, unused)",
        ),
        (["--passing-score", "101"], "Error: --passing-score 101: must be between 0 and 100"),
        (["--passing-score", "-5"], "Error: --passing-score -5: must be between 0 and 100"),
        (
            ["--cards", "some"],
            "Error: --cards 'some' is not a card selection (use onboarding, all, "
            "topic:TOPIC or incident:ID)",
        ),
        (
            ["--title", "A\x01B"],
            "Error: --title 'A\\x01B': character U+0001 (a control character) at position 2; "
            "a course title must be plain text (remove it)",
        ),
        (
            ["--title", "Safe \u202etxt.exe"],
            "Error: --title 'Safe \\u202etxt.exe': character U+202E (a bidirectional control) "
            "at position 6; a course title must be plain text (remove it)",
        ),
        (
            ["--title", "x" * 30_000],
            "Error: --title: 30,000 characters; a course title has at most 200",
        ),
        (
            ["--cards", "incident:99999999999999999999999"],
            "Error: --cards 'incident:99999999999999999999999': the incident id must be a "
            "positive number up to 9223372036854775807 (use onboarding, all, topic:TOPIC or "
            "incident:ID)",
        ),
    ],
)
def test_bad_options_exit_1_with_clear_message(env, args, message):
    result = runner.invoke(app, ["export", "scorm", "--lang", "en", *args])
    assert result.exit_code == 1
    assert result.stderr.strip() == message.format(decks=env / "decks")
    assert not (env / "exports").exists()


@pytest.mark.parametrize(
    ("args", "shown"),
    [
        (["--standard", "1.3"], "'1.3' is not one of '1.2', '2004'"),
        (["--status", "done"], "'done' is not one of 'passed-failed',"),
        (["--lang", "fr"], "'fr' is not one of 'ja', 'en'"),
    ],
)
def test_bad_codes_are_usage_errors(env, args, shown):
    result = runner.invoke(app, ["export", "scorm", *args])
    assert result.exit_code == 2
    assert shown in " ".join(result.stderr.split())
    assert not (env / "exports").exists()


def test_empty_onboarding_selection(env):
    (env / "decks" / "test-deck.yaml").write_text(deck_yaml(3, onboarding=0), encoding="utf-8")
    result = runner.invoke(app, ["export", "scorm", "--lang", "en"])
    assert result.exit_code == 1
    assert "no card in deck 'test-deck'" in result.stderr
    assert "is marked onboarding: true" in result.stderr


def test_several_decks_need_deck_option(env):
    (env / "decks" / "other.yaml").write_text(
        deck_yaml(2, deck_id="other").replace("card-0", "other-0"), encoding="utf-8"
    )
    result = runner.invoke(app, ["export", "scorm", "--lang", "en"])
    assert result.exit_code == 1
    assert "holds several decks (other, test-deck); name one with --deck" in result.stderr
    ok = runner.invoke(app, ["export", "scorm", "--deck", "other", "--cards", "all"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout == "exports/other_all_ja_scorm12.zip\n"


def test_incident_selection_goes_through_the_store(env):
    result = runner.invoke(app, ["export", "scorm", "--cards", "incident:999", "--lang", "en"])
    assert result.exit_code == 1
    # Either the incident store is not there yet, or incident 999 does not exist.
    assert result.stderr.startswith("Error: ")
    assert "incident" in result.stderr and "999" in result.stderr


def test_check_rejects_a_broken_package(env):
    runner.invoke(app, ["export", "scorm", "--cards", "all"])
    import zipfile

    good = env / "exports" / "test-deck_all_ja_scorm12.zip"
    bad = env / "bad.zip"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w") as dst:
        for name in src.namelist():
            if name != "sco.js":
                dst.writestr(name, src.read(name))
    result = runner.invoke(app, ["export", "check", str(bad), "--lang", "en"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines[0] == f"Error: {bad} is not a valid SCORM package (1 problem):"
    assert lines[1].endswith("<file href='sco.js'>: file missing from the zip")
    missing = runner.invoke(app, ["export", "check", str(env / "nope.zip"), "--lang", "en"])
    assert missing.exit_code == 1
    assert missing.stderr.strip() == f"Error: {env / 'nope.zip'}: no such file"


def test_every_export_command_has_help():
    for command in (["export"], ["export", "scorm"], ["export", "check"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Usage:" in result.stdout


def test_bundled_deck_exports(tmp_path, monkeypatch):
    bundled = Path(__file__).resolve().parents[2] / "decks"
    assert (bundled / "privacy-incidents.yaml").is_file()
    monkeypatch.setenv("RECALL_DECKS", str(bundled))
    monkeypatch.setenv("RECALL_DB", str(tmp_path / "recall.db"))
    for standard in ("1.2", "2004"):
        result = runner.invoke(
            app,
            [
                "export",
                "scorm",
                "--deck",
                "privacy-incidents",
                "--standard",
                standard,
                "-o",
                str(tmp_path),
                "--check",
            ],
        )
        assert result.exit_code == 0, result.output


def test_undecodable_title_is_refused(env):
    # Bytes that are not UTF-8 on the command line reach Python as lone surrogates.
    result = runner.invoke(app, ["export", "scorm", "--title", "A\udcffB", "--lang", "en"])
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: --title 'A\\udcffB': character U+DCFF (not valid text: undecodable input) at "
        "position 2; a course title must be plain text (remove it)"
    )
    assert not (env / "exports").exists()


@pytest.mark.parametrize(
    ("old", "new", "lang", "message"),
    [
        (  # a Japanese course: the LMS admin reads Japanese messages
            "title: {ja: テストデッキ",
            'title: {ja: "テスト\\x07デッキ"',
            "ja",
            "エラー: 教材 'test-deck'（{decks}/test-deck.yaml）: タイトル（ja） 'テスト\\x07デッキ': "
            "character U+0007 (a control character) at position 4。この値はパッケージの"
            "マニフェストに入るため、プレーンテキストにしてください（タイトルは --title で"
            "置き換えられます）",
        ),
        (
            'version: "1.0"',
            'version: "1.0\\x1b[2J"',
            "en",
            "Error: deck 'test-deck' ({decks}/test-deck.yaml): version '1.0\\x1b[2J': "
            "character U+001B (a control character) at position 4; it goes into the "
            "package's manifest, which must hold plain text (pass --title to replace the title)",
        ),
    ],
)
def test_deck_text_the_package_cannot_hold_is_refused(env, old, new, lang, message):
    path = env / "decks" / "test-deck.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(app, ["export", "scorm", "--lang", lang])
    assert result.exit_code == 1, result.output
    assert result.stderr.strip() == message.format(decks=env / "decks")
    assert not (env / "exports").exists()


def test_messages_follow_the_course_language(env):
    result = runner.invoke(app, ["export", "scorm", "--passing-score", "101"])
    assert result.exit_code == 1
    assert result.stderr == "エラー: --passing-score 101: 0 から 100 の間で指定してください\n"
    bad = runner.invoke(app, ["export", "scorm", "--cards", "some"])
    assert bad.stderr.strip() == (
        "エラー: --cards 'some' はカードの選び方として正しくありません"
        "（onboarding、all、topic:分野、incident:ID のいずれかで指定してください）"
    )
    ok = runner.invoke(app, ["export", "scorm", "--cards", "all", "--check"])
    assert ok.exit_code == 0, ok.output
    path = "exports/test-deck_all_ja_scorm12.zip"
    assert ok.stdout.splitlines() == [path, "OK: 正しい SCORM 1.2 パッケージです"]


def test_check_follows_lang_or_recall_lang(env):
    runner.invoke(app, ["export", "scorm", "--cards", "all"])
    good = env / "exports" / "test-deck_all_ja_scorm12.zip"
    ok = runner.invoke(app, ["export", "check", str(good)], env={"RECALL_LANG": "ja"})
    assert ok.stdout == f"OK: {good} は正しい SCORM パッケージです\n"
    english = runner.invoke(app, ["export", "check", str(good)], env={"RECALL_LANG": "en"})
    assert english.stdout == f"OK: {good} is a valid SCORM package\n"
    bad = env / "bad.zip"
    bad.write_bytes(b"not a zip")
    result = runner.invoke(app, ["export", "check", str(bad), "--lang", "ja"])
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"エラー: {bad} は正しい SCORM パッケージではありません（問題 1件）:\n"
    )
    missing = runner.invoke(app, ["export", "check", str(env / "nope.zip"), "--lang", "ja"])
    assert missing.stderr == f"エラー: {env / 'nope.zip'}: ファイルがありません\n"
