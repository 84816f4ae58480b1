"""``recall simulate``: the retention simulation from the command line."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from recall.cli.app import app
from recall.simulation import default_policies

DECKS = Path(__file__).resolve().parents[2] / "decks"
runner = CliRunner()


def test_simulate_prints_every_policy_and_writes_csv(tmp_path):
    result = runner.invoke(
        app,
        [
            "--decks",
            str(DECKS),
            "simulate",
            "--employees",
            "2",
            "--days",
            "21",
            "--workers",
            "1",
            "--out",
            str(tmp_path),
        ],
    )
    assert result.exit_code == 0, result.output
    for policy in ("annual", "quarterly quiz", "fixed 30 days", "recall (0.90)", "recall 0.95"):
        assert policy in result.stdout
    rows = (tmp_path / "retention.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 2 * len(default_policies())  # header, learner model x policy
    assert "× oracle min, 2nd half" in result.stdout
    assert "[spacing] recall (0.90), 2nd half: recall" in result.stdout


def test_simulate_rejects_bad_options():
    args = ["--decks", str(DECKS), "simulate", "--days", "3"]
    result = runner.invoke(app, args, env={"RECALL_LANG": "en"})
    assert result.exit_code == 1
    assert result.stderr == "Error: --days must be at least 14\n"
    japanese = runner.invoke(app, args, env={"RECALL_LANG": None})
    assert japanese.stderr == "エラー: --days は 14 以上にしてください\n"


def test_simulate_unwritable_out_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = runner.invoke(
        app,
        [
            "--decks",
            str(DECKS),
            "simulate",
            "--employees",
            "1",
            "--days",
            "14",
            "--workers",
            "1",
            "--out",
            str(blocker / "sub"),
        ],
        env={"RECALL_LANG": "en"},
    )
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: --out {blocker / 'sub'}: cannot write there")
