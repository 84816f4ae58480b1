"""Use case: synchronise the roster with an HR export (``recall employee sync``).

Function :func:`sync_roster` reads and checks the export (:mod:`recall.staffimport`),
compares it with the roster (:func:`recall.core.roster.plan_sync`) and, unless it is a
dry run, applies the plan in one transaction: new people enrolled, changed fields
updated, missing people recorded as leaving (with ``Leavers.MARK``). All or nothing.
A ``progress`` callback is told each phase (reading, checking, comparing, writing,
saving) and how many rows are done; it only watches (see :mod:`recall.core.progress`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from recall.core.codes import TrailAction
from recall.core.progress import EVERY, Phase, ProgressCallback, Step, quiet
from recall.core.roster import Leavers, SyncPlan, plan_sync
from recall.errors import InputError
from recall.i18n import t
from recall.service.admins import note
from recall.service.clock import stamp
from recall.staffimport import parse_employee_csv, read_employee_csv
from recall.store import Store

__all__ = ["SyncOptions", "SyncResult", "sync_roster"]


@dataclass(frozen=True)
class SyncOptions:
    """How to sync: ``dry_run`` writes nothing; ``leavers`` says what to do with people
    missing from the export; ``lang`` is the language of error messages."""

    dry_run: bool = False
    leavers: Leavers = Leavers.IGNORE
    lang: str = "ja"


@dataclass(frozen=True)
class SyncResult:
    """What the sync found and whether it was applied."""

    file: str
    encoding: str
    ignored_columns: tuple[str, ...]
    plan: SyncPlan
    dry_run: bool
    applied: bool


def sync_roster(
    store: Store,
    path: Path,
    options: SyncOptions,
    now: datetime,
    *,
    actor: str | None = None,
    subject: str | None = None,
    progress: ProgressCallback = quiet,
) -> SyncResult:
    """Synchronise the roster with the HR export at ``path``.

    Args:
        store: the open store.
        path: the CSV export.
        options: dry run, what to do with leavers, message language.
        now: the current instant (aware UTC); "today" is its date in the organisation's
            timezone.
        actor: the admin who made the change (recorded in the admins' trail with the
            counts, in the same transaction); None from the CLI.
        subject: the file name for messages and the trail (default ``path``).
        progress: told each phase and how many rows are done (inside the transaction:
            it must not write; if it raises, nothing is written).

    Returns:
        The plan, and whether it was applied (False for a dry run or when nothing
        changes).

    Raises:
        InputError: the file cannot be read or decoded, a column is missing, or any row
            is bad (every bad row listed by line number), or the export lists nobody
            while ``Leavers.MARK`` would record everyone as leaving; nothing is written.
    """
    lang = options.lang
    shown = subject or str(path)  # an upload is named as the admin knows it
    progress(Step(Phase.READING))
    text, encoding = read_employee_csv(path, lang, shown)
    today = store.policy().local_date(now)
    parsed = parse_employee_csv(
        text, shown, today=today, lang=lang, outcome="changed", progress=progress
    )
    del text  # 10 MB at 100,000 rows: not kept through the writes
    if not parsed.rows and options.leavers is Leavers.MARK:
        # a truncated or wrong export must never record the whole staff as leaving
        raise InputError(t("sync.empty_mark", lang, file=shown), lang=lang)

    def plan() -> SyncPlan:
        return plan_sync(
            store.employees(include_left=True),
            parsed.rows,
            parsed.columns,
            today=today,
            leavers=options.leavers,
            progress=progress,
        )

    applied = False
    if options.dry_run:
        result = plan()
    else:
        with store.transaction():  # the roster is read and written under one write lock
            stamp(store, now)  # the clock rule (never backdated)
            result = plan()
            if result.writes:
                _write(store, result, today, now, progress)
                applied = True
            note(
                store,
                actor,
                now,
                TrailAction.SYNC,
                subject or path.name,
                {
                    "new": len(result.new),
                    "changed": len(result.changed),
                    "missing": len(result.missing),
                    "leaving": len(result.leaving),
                },
            )
            progress(Step(Phase.SAVING))
    return SyncResult(shown, encoding, parsed.ignored_columns, result, options.dry_run, applied)


def _write(
    store: Store, plan: SyncPlan, today: date, now: datetime, progress: ProgressCallback
) -> None:
    """Apply the plan in slices (inside the caller's transaction), counting rows."""
    new = [row.employee for row in plan.new]
    changed = [change.after for change in plan.changed]
    leaving = [e.id for e in plan.leaving]
    total = len(new) + len(changed) + len(leaving)
    done = 0
    progress(Step(Phase.WRITING, 0, total))
    for rows, write in (
        (new, lambda part: store.add_employees(part, now=now)),
        (changed, store.update_employees),
        (leaving, lambda part: store.mark_many_left(part, today)),
    ):
        for start in range(0, len(rows), EVERY * 5):
            part = rows[start : start + EVERY * 5]
            write(part)
            done += len(part)
            progress(Step(Phase.WRITING, done, total))
