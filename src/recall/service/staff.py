"""The roster: enrol employees (one by one or from an HR CSV export), correct a record,
list them, record a departure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from recall.core.codes import Lang, TrailAction
from recall.core.employee import Employee
from recall.core.progress import EVERY, Phase, ProgressCallback, Step, quiet
from recall.core.roster import CaseTypo, find_case_typos
from recall.core.values import (
    check_department,
    check_email,
    check_employee_id,
    check_hire_date,
    check_name,
)
from recall.errors import InputError
from recall.service.admins import note
from recall.service.clock import stamp
from recall.staffimport import parse_employee_csv, read_employee_csv, reject_existing
from recall.store import Store

__all__ = ["ImportOutcome", "add", "edit", "import_csv", "leave", "roster"]


def add(
    store: Store,
    now: datetime,
    *,
    employee_id: str,
    name: str,
    email: str | None,
    department: str,
    hired: date | None,
    lang: Lang,
) -> Employee:
    """Enrol one employee in every deck; onboarding starts from the hire date (default
    today).

    Raises:
        InputError: a bad id, name, email or date, or the id is already enrolled.
    """
    today = store.policy().local_date(now)
    employee = Employee(
        id=check_employee_id(employee_id, "ID"),
        name=check_name(name, "--name"),
        email=check_email(email, "--email"),
        department=check_department(department, "--department"),
        hired=today if hired is None else check_hire_date(hired, today, "--hired"),
        lang=lang,
    )
    with store.transaction():
        stamp(store, now)  # the clock rule (never backdated)
        store.add_employees([employee], now=now)
    return employee


def edit(
    store: Store,
    now: datetime,
    employee_id: str,
    *,
    name: str | None = None,
    email: str | None = None,
    department: str | None = None,
    hired: date | None = None,
    lang: Lang | None = None,
    actor: str | None = None,
) -> Employee:
    """Change the fields given (None keeps a field; an empty email removes it); an
    ``actor`` (an admin) is recorded in the admins' trail in the same transaction.

    Raises:
        NotFoundError: no such employee.
        InputError: a bad value, or a hire date after the leaving date.
    """
    current = store.employee(employee_id)
    today = store.policy().local_date(now)
    updated = replace(
        current,
        name=current.name if name is None else check_name(name, "--name"),
        email=current.email if email is None else check_email(email, "--email"),
        department=current.department
        if department is None
        else check_department(department, "--department"),
        hired=current.hired if hired is None else check_hire_date(hired, today, "--hired"),
        lang=current.lang if lang is None else lang,
    )
    if updated.left_on is not None and updated.hired > updated.left_on:
        raise InputError.of(
            "edit.hired_after_left",
            hired=updated.hired.isoformat(),
            left_on=updated.left_on.isoformat(),
        )
    changed = [
        f
        for f in ("name", "email", "department", "hired", "lang")
        if getattr(updated, f) != getattr(current, f)
    ]
    with store.transaction():
        store.update_employee(updated)
        note(
            store,
            actor,
            now,
            TrailAction.EDIT,
            f"{employee_id} {','.join(changed)}",
            {"fields": len(changed)},
        )
    return updated


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (or would do): rows, the file's encoding, ignored columns."""

    count: int
    encoding: str
    ignored_columns: tuple[str, ...]
    dry_run: bool
    #: ids that differ from another (in the file or enrolled) only in letter case
    typos: tuple[CaseTypo, ...] = ()


def import_csv(
    store: Store,
    now: datetime,
    file: Path,
    *,
    dry_run: bool,
    lang: Lang = Lang.JA,
    progress: ProgressCallback = quiet,
) -> ImportOutcome:
    """Enrol the employees of an HR CSV export, all or none (errors in ``lang``).

    ``progress`` is told each phase (reading, checking, writing, saving) and how many
    lines or rows are done; it only watches (see :mod:`recall.core.progress`).

    Raises:
        InputError: the file cannot be read, or any row is bad (each located by line).
    """
    progress(Step(Phase.READING))
    text, encoding = read_employee_csv(file, lang)
    today = store.policy().local_date(now)
    parsed = parse_employee_csv(text, str(file), today=today, lang=lang, progress=progress)
    enrolled = [e.id for e in store.employees(include_left=True)]
    reject_existing(parsed, enrolled, str(file), lang)
    typos = find_case_typos(parsed.rows, enrolled)
    if not dry_run:
        with store.transaction():
            stamp(store, now)  # the clock rule (never backdated)
            employees = parsed.employees
            progress(Step(Phase.WRITING, 0, len(employees)))
            for start in range(0, len(employees), EVERY * 5):
                part = employees[start : start + EVERY * 5]
                store.add_employees(part, now=now)
                progress(Step(Phase.WRITING, start + len(part), len(employees)))
            progress(Step(Phase.SAVING))
    return ImportOutcome(
        len(parsed.rows), encoding, tuple(parsed.ignored_columns), dry_run, tuple(typos)
    )


def roster(
    store: Store, *, department: str | None = None, include_left: bool = False
) -> list[Employee]:
    """Enrolled employees by department and id (leavers only with ``include_left``)."""
    return store.employees(department=department, include_left=include_left)


def leave(
    store: Store, now: datetime, employee_id: str, on: date | None, *, actor: str | None = None
) -> date:
    """Record that an employee leaves on ``on`` (default today); history is kept.

    Returns:
        The leaving date.

    Raises:
        NotFoundError: no such employee.
        InputError: a date in the future or before the hire date.
    """
    today = store.policy().local_date(now)
    day = on or today
    with store.transaction():
        store.mark_left(employee_id, day, today)
        note(
            store,
            actor,
            now,
            TrailAction.LEAVE,
            f"{employee_id} {day.isoformat()}",
            {"employees": 1},
        )
    return day
