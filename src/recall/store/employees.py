"""Employees and their enrolments: add, read, edit, record leaving.

Class :class:`EmployeeQueries` (a query group of :class:`recall.store.Store`). Rows come
back as :class:`recall.core.employee.Employee`. Bulk updates from an HR export are in
:mod:`recall.store.roster`.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from recall.core.coverage import Period
from recall.core.deck import Card
from recall.core.employee import Employee
from recall.errors import InputError, NotFoundError
from recall.store.base import StoreBase
from recall.store.instants import iso

__all__ = ["EmployeeQueries"]


class EmployeeQueries(StoreBase):
    """Employee queries; a query group of :class:`recall.store.Store`."""

    def add_employees(self, employees: Iterable[Employee], now: datetime) -> int:
        """Add employees and enrol them in every deck, all in one transaction.

        Returns:
            How many were added.

        Raises:
            InputError: an id already exists (nothing is added).
        """
        stamp = iso(now)
        rows = [
            {
                "id": e.id,
                "name": e.name,
                "email": e.email,
                "department": e.department,
                "hired": e.hired.isoformat(),
                "lang": e.lang,
                "left_on": e.left_on.isoformat() if e.left_on else None,
                "created_at": stamp,
            }
            for e in employees
        ]
        deck_ids = [r["id"] for r in self.db.query("SELECT id FROM decks WHERE active = 1")]
        with self.transaction():
            try:
                self.db.insert_all("employees", rows)
            except sqlite3.IntegrityError:
                existing = self._existing_ids([r["id"] for r in rows])
                ids = ", ".join(existing[:10]) + (" ..." if len(existing) > 10 else "")
                raise InputError.of("error.already_enrolled", ids=ids) from None
            self.db.insert_all(
                "enrolments",
                (
                    {"employee_id": r["id"], "deck_id": d, "enrolled_at": stamp}
                    for r in rows
                    for d in deck_ids
                ),
            )
        return len(rows)

    def _existing_ids(self, ids: list[str]) -> list[str]:
        found: list[str] = []
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            found += [
                r["id"]
                for r in self.db.query(f"SELECT id FROM employees WHERE id IN ({marks})", chunk)
            ]
        return sorted(found)

    def employee(self, employee_id: str) -> Employee:
        """One employee.

        Raises:
            NotFoundError: no such employee.
        """
        rows = list(self.db.query("SELECT * FROM employees WHERE id = ?", [employee_id]))
        if not rows:
            raise NotFoundError.of("error.no_employee", id=employee_id)
        return _employee(rows[0])

    def employees(
        self, department: str | None = None, include_left: bool = False
    ) -> list[Employee]:
        """Employees, by department and id."""
        where, params = ["1 = 1"], []
        if department is not None:
            where.append("department = ?")
            params.append(department)
        if not include_left:
            where.append("left_on IS NULL")
        rows = self.db.query(
            f"SELECT * FROM employees WHERE {' AND '.join(where)} ORDER BY department, id",
            params,
        )
        return [_employee(r) for r in rows]

    def audit_employees(self, period: Period) -> list[Employee]:
        """Employees employed at some point in ``period`` (hired by its end, not left
        before its start), by department and id."""
        rows = self.db.query(
            "SELECT * FROM employees WHERE hired <= ? AND (left_on IS NULL OR left_on >= ?) "
            "ORDER BY department, id",
            [period.end.isoformat(), period.start.isoformat()],
        )
        return [_employee(r) for r in rows]

    def departments(self) -> list[str]:
        """Departments that have active employees."""
        return [
            r["department"]
            for r in self.db.query(
                "SELECT DISTINCT department FROM employees WHERE left_on IS NULL ORDER BY 1"
            )
        ]

    def update_employee(self, employee: Employee) -> None:
        """Replace an enrolled employee's record (name, email, department, hire date, language).

        Raises:
            NotFoundError: no such employee.
        """
        self.employee(employee.id)
        with self.transaction():
            self.db.execute(
                "UPDATE employees SET name = ?, email = ?, department = ?, hired = ?, lang = ? "
                "WHERE id = ?",
                [
                    employee.name,
                    employee.email,
                    employee.department,
                    employee.hired.isoformat(),
                    employee.lang,
                    employee.id,
                ],
            )

    def mark_left(self, employee_id: str, on: date, today: date) -> None:
        """Record that an employee left: scheduling stops, records stay.

        Args:
            employee_id: the employee.
            on: the leaving date (today or earlier).
            today: the organisation's date.

        Raises:
            NotFoundError: no such employee.
            InputError: the leaving date is before the hire date, or in the future.
        """
        employee = self.employee(employee_id)
        if on > today:
            raise InputError.of(
                "error.leave_future", id=employee_id, on=on.isoformat(), today=today.isoformat()
            )
        if on < employee.hired:
            raise InputError.of(
                "error.leave_before_hire",
                id=employee_id,
                on=on.isoformat(),
                hired=employee.hired.isoformat(),
            )
        with self.transaction():
            self.db.execute(
                "UPDATE employees SET left_on = ? WHERE id = ?", [on.isoformat(), employee_id]
            )

    def enrolled_cards(self, employee_id: str) -> list[Card]:
        """The active cards of the decks an employee is enrolled in, in deck order."""
        enrolled = {
            r[0]
            for r in self.db.execute(
                "SELECT deck_id FROM enrolments WHERE employee_id = ?", [employee_id]
            )
        }
        return [c for c in self.cards().values() if self.deck_id_of(c.id) in enrolled]


def _employee(row: dict[str, Any]) -> Employee:
    return Employee(
        id=row["id"],
        name=row["name"],
        email=row["email"],
        department=row["department"],
        hired=date.fromisoformat(row["hired"]),
        lang=row["lang"],
        left_on=date.fromisoformat(row["left_on"]) if row["left_on"] else None,
    )
