"""The README stays true: every command is shown with an example, and the quick start
and test commands are the ones CI runs."""

from __future__ import annotations

from pathlib import Path

import typer.main

from recall.cli.app import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _leaf_commands() -> list[str]:
    found: list[str] = []

    def walk(command, prefix):  # noqa: ANN001
        ctx = typer.Context(command)
        names = command.list_commands(ctx) if hasattr(command, "list_commands") else []
        if not names and prefix:
            found.append(" ".join(prefix))
        for name in names:  # list/get_command: the root group loads its commands lazily
            walk(command.get_command(ctx, name), [*prefix, name])

    walk(typer.main.get_command(app), [])
    return found


def test_every_command_has_an_example_in_the_readme():
    commands = _leaf_commands()
    assert "deck check" in commands and "employee import" in commands
    missing = [c for c in commands if f"recall {c}" not in README]
    assert missing == []


TEST_COMMAND = (
    ".venv/bin/pip install -e '.[test]' && npm ci --prefix tests/scorm --no-audit --no-fund "
    "&& .venv/bin/python -m pytest"
)


def test_ci_runs_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in README
    assert ci.rstrip().splitlines()[-1] == TEST_COMMAND
