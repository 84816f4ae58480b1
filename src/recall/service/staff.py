"""The roster: enrol employees (one by one or from an HR CSV export), correct a record,
list them, record a departure."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from recall.core.codes import Lang
from recall.core.employee import Employee
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
    employee = Employee(
        id=employee_id,
        name=name,
        email=email or None,
        department=department,
        hired=hired or store.policy().local_date(now),
        lang=lang,
    )
    store.add_employees([employee], now=now)
    return employee


def edit(
    store: Store,
    employee_id: str,
    *,
    name: str | None = None,
    email: str | None = None,
    department: str | None = None,
    hired: date | None = None,
    lang: Lang | None = None,
) -> Employee:
    """Change the fields given (None keeps a field; an empty email removes it).

    Raises:
        NotFoundError: no such employee.
        InputError: a bad value, or a hire date after the leaving date.
    """
    current = store.employee(employee_id)
    updated = replace(
        current,
        name=current.name if name is None else name,
        email=current.email if email is None else (email or None),
        department=current.department if department is None else department,
        hired=current.hired if hired is None else hired,
        lang=current.lang if lang is None else lang,
    )
    store.update_employee(updated)
    return updated


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did (or would do): rows, the file's encoding, ignored columns."""

    count: int
    encoding: str
    ignored_columns: tuple[str, ...]
    dry_run: bool


def import_csv(store: Store, now: datetime, file: Path, *, dry_run: bool) -> ImportOutcome:
    """Enrol the employees of an HR CSV export, all or none.

    Raises:
        InputError: the file cannot be read, or any row is bad (each located by line).
    """
    text, encoding = read_employee_csv(file)
    parsed = parse_employee_csv(text, str(file))
    reject_existing(
        parsed, store.existing_employee_ids([e.id for e in parsed.employees]), str(file)
    )
    if not dry_run:
        store.add_employees(parsed.employees, now=now)
    return ImportOutcome(len(parsed.rows), encoding, tuple(parsed.ignored_columns), dry_run)


def roster(
    store: Store, *, department: str | None = None, include_left: bool = False
) -> list[Employee]:
    """Enrolled employees by department and id (leavers only with ``include_left``)."""
    return store.employees(department=department, include_left=include_left)


def leave(store: Store, now: datetime, employee_id: str, on: date | None) -> date:
    """Record that an employee leaves on ``on`` (default today); history is kept.

    Returns:
        The leaving date.

    Raises:
        NotFoundError: no such employee.
        InputError: a date in the future or before the hire date.
    """
    today = store.policy().local_date(now)
    day = on or today
    store.mark_left(employee_id, day, today)
    return day
