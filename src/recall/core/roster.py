"""The roster compared with an HR export: what a sync would change (pure, no I/O).

Classes: :class:`RosterRow` (one good row of an export), :class:`SyncPlan` (new people,
field-level changes, people missing from the export, hire dates that differ, likely id
typos), with :class:`FieldDiff`, :class:`Changed`, :class:`HireDateDiff`,
:class:`CaseTypo` and :class:`ListedLeaver`; codes :class:`Leavers` and :class:`Field`.
Functions: :func:`plan_sync` and :func:`find_case_typos`.

Rules (the one place they live):

- ids are compared case-sensitively; ``e0001`` beside ``E0001`` (in the file, or in the
  file and the roster) is a likely typo and is reported, never merged;
- a column the export does not have leaves that field alone; an empty language cell
  leaves the language alone (a new person gets ``ja``);
- a hire date that differs is reported, not applied (it moves onboarding and the audit);
- people active in recall but missing from the export are listed; with
  :attr:`Leavers.MARK` they are recorded as leaving ``today``, except anyone whose hire
  date is still to come (an export often lists only people already working).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from recall.core.employee import Employee
from recall.core.progress import Phase, ProgressCallback, counted, quiet

__all__ = [
    "CaseTypo",
    "Changed",
    "Field",
    "FieldDiff",
    "HireDateDiff",
    "Leavers",
    "ListedLeaver",
    "RosterRow",
    "SyncPlan",
    "find_case_typos",
    "plan_sync",
]


class Leavers(StrEnum):
    """What a sync does with people missing from the export."""

    IGNORE = "ignore"  # list them only
    MARK = "mark"  # record them as leaving today


class Field(StrEnum):
    """The fields a sync updates."""

    NAME = "name"
    EMAIL = "email"
    DEPARTMENT = "department"
    LANG = "lang"


@dataclass(frozen=True)
class RosterRow:
    """One good row of an export: its line in the file and the person it describes.

    ``lang_given`` is False when the language cell was empty (``employee.lang`` is then
    the default, ``ja``).
    """

    line: int
    employee: Employee
    lang_given: bool = True


@dataclass(frozen=True)
class FieldDiff:
    """One field that changes: its old and new value (an absent e-mail is ``""``)."""

    field: Field
    old: str
    new: str


@dataclass(frozen=True)
class Changed:
    """An enrolled person whose record changes: before, after and the field diffs."""

    line: int
    before: Employee
    after: Employee
    diffs: tuple[FieldDiff, ...]


@dataclass(frozen=True)
class HireDateDiff:
    """A hire date in the export that differs from recall's (reported, not applied)."""

    line: int
    employee_id: str
    recorded: date
    exported: date


@dataclass(frozen=True)
class CaseTypo:
    """An id that differs from another only in letter case: a likely typo.

    ``other_line`` is the other id's line in the file, or None when the other id is
    enrolled in recall.
    """

    line: int
    employee_id: str
    other_id: str
    other_line: int | None


@dataclass(frozen=True)
class ListedLeaver:
    """Someone in the export whom recall records as having left (not re-activated)."""

    line: int
    employee: Employee


@dataclass(frozen=True)
class SyncPlan:
    """What a sync changes. Build it with :func:`plan_sync`."""

    today: date
    leavers: Leavers
    new: tuple[RosterRow, ...]
    changed: tuple[Changed, ...]
    missing: tuple[Employee, ...]
    leaving: tuple[Employee, ...]
    hire_dates: tuple[HireDateDiff, ...]
    typos: tuple[CaseTypo, ...]
    listed_leavers: tuple[ListedLeaver, ...]
    unchanged: int

    @property
    def not_marked(self) -> tuple[Employee, ...]:
        """Missing people who are not recorded as leaving although ``--leavers mark``."""
        if self.leavers is not Leavers.MARK:
            return ()
        marked = {e.id for e in self.leaving}
        return tuple(e for e in self.missing if e.id not in marked)

    @property
    def writes(self) -> bool:
        """Whether applying the plan changes anything."""
        return bool(self.new or self.changed or self.leaving)


def _diffs(before: Employee, row: RosterRow, columns: frozenset[str]) -> tuple[FieldDiff, ...]:
    after = row.employee
    pairs = [(Field.NAME, before.name, after.name)]
    if Field.EMAIL in columns:
        pairs.append((Field.EMAIL, before.email or "", after.email or ""))
    if Field.DEPARTMENT in columns:
        pairs.append((Field.DEPARTMENT, before.department, after.department))
    if row.lang_given:
        pairs.append((Field.LANG, before.lang, after.lang))
    return tuple(FieldDiff(f, old, new) for f, old, new in pairs if old != new)


def _apply(before: Employee, diffs: tuple[FieldDiff, ...]) -> Employee:
    values: dict[str, str | None] = {d.field.value: d.new for d in diffs}
    if "email" in values:
        values["email"] = values["email"] or None
    return replace(before, **values)  # type: ignore[arg-type]


def find_case_typos(rows: Sequence[RosterRow], enrolled: Iterable[str]) -> tuple[CaseTypo, ...]:
    """Ids that differ from another only in letter case, in the file or against the roster.

    A file id that is enrolled exactly is never reported against the roster.

    Args:
        rows: the export's rows, in file order.
        enrolled: the ids in recall (leavers included).

    Returns:
        The typos, in file order.
    """
    enrolled_ids = set(enrolled)
    roster_by_key: dict[str, str] = {}
    for employee_id in sorted(enrolled_ids):
        roster_by_key.setdefault(employee_id.lower(), employee_id)
    first_by_key: dict[str, RosterRow] = {}
    typos: list[CaseTypo] = []
    for row in rows:
        employee_id = row.employee.id
        key = employee_id.lower()
        first = first_by_key.setdefault(key, row)
        if first is not row and first.employee.id != employee_id:
            typos.append(CaseTypo(row.line, employee_id, first.employee.id, first.line))
        elif employee_id not in enrolled_ids and key in roster_by_key:
            typos.append(CaseTypo(row.line, employee_id, roster_by_key[key], None))
    return tuple(typos)


def plan_sync(
    roster: Iterable[Employee],
    rows: Sequence[RosterRow],
    columns: frozenset[str],
    *,
    today: date,
    leavers: Leavers = Leavers.IGNORE,
    progress: ProgressCallback = quiet,
) -> SyncPlan:
    """Compare the roster with an export's rows.

    Args:
        roster: everyone in recall, leavers included.
        rows: the export's good rows (ids unique, values checked).
        columns: the fields the export has a column for (``email``, ``department``...).
        today: the organisation's date (the leaving date with ``Leavers.MARK``).
        leavers: what to do with people missing from the export.
        progress: told how many rows have been compared (:attr:`Phase.COMPARING`).

    Returns:
        The plan; nothing is applied.
    """
    by_id = {e.id: e for e in roster}
    listed: set[str] = set()
    new: list[RosterRow] = []
    changed: list[Changed] = []
    hire_dates: list[HireDateDiff] = []
    listed_leavers: list[ListedLeaver] = []
    unchanged = 0
    for row in counted(rows, Phase.COMPARING, progress):
        employee_id = row.employee.id
        listed.add(employee_id)
        before = by_id.get(employee_id)
        if before is None:
            new.append(row)
            continue
        if before.left_on is not None:
            listed_leavers.append(ListedLeaver(row.line, before))
        if before.hired != row.employee.hired:
            hire_dates.append(HireDateDiff(row.line, employee_id, before.hired, row.employee.hired))
        diffs = _diffs(before, row, columns)
        if diffs:
            changed.append(Changed(row.line, before, _apply(before, diffs), diffs))
        else:
            unchanged += 1
    missing = tuple(
        sorted(
            (e for e in by_id.values() if e.left_on is None and e.id not in listed),
            key=lambda e: (e.department, e.id),
        )
    )
    leaving = tuple(e for e in missing if e.hired <= today) if leavers is Leavers.MARK else ()
    return SyncPlan(
        today=today,
        leavers=leavers,
        new=tuple(new),
        changed=tuple(changed),
        missing=missing,
        leaving=leaving,
        hire_dates=tuple(hire_dates),
        typos=find_case_typos(rows, by_id),
        listed_leavers=tuple(listed_leavers),
        unchanged=unchanged,
    )
