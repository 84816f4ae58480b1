"""The CLI's progress bar: drawn on stderr when it is a terminal, silent otherwise."""

from __future__ import annotations

import io

from recall.cli.progress import progress_bar
from recall.cli.runtime import Runtime
from recall.cli.terminal import TerminalConsole
from recall.core.progress import Phase, Step
from recall.service.roster import SyncOptions, sync_roster
from tests.conftest import NOW_UTC


def _runtime(tmp_path, terminal: bool) -> Runtime:
    console = TerminalConsole(file=io.StringIO(), force_terminal=terminal, width=120)
    return Runtime(db_path=tmp_path / "unused.db", decks_dir=tmp_path, err_console=console)


def test_a_sync_draws_its_phases_on_a_terminal(store, tmp_path):
    path = tmp_path / "hr.csv"
    path.write_text("id,name,hired\n" + "".join(f"N{i},New {i},2026-04-01\n" for i in range(50)))
    rt = _runtime(tmp_path, terminal=True)
    with progress_bar(rt, "en") as tell:
        sync_roster(store, path, SyncOptions(lang="en"), NOW_UTC, progress=tell)
    drawn = rt.err_console.file.getvalue()
    assert "Saving…" in drawn  # the last step, drawn when the bar stops
    assert len(store.employees()) == 50


def test_the_bar_draws_counts_and_stays_silent_when_piped(tmp_path):
    shown = _runtime(tmp_path, terminal=True)
    with progress_bar(shown, "ja") as tell:
        tell(Step(Phase.CHECKING, 42_000, 100_000))
    assert "42,000 / 100,000 行を確認しました" in shown.err_console.file.getvalue()
    piped = _runtime(tmp_path, terminal=False)
    with progress_bar(piped, "ja") as tell:
        tell(Step(Phase.CHECKING, 42_000, 100_000))
    assert piped.err_console.file.getvalue() == ""
