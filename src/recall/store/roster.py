"""Roster writes in bulk, for the HR export sync: many records, few statements.

Class :class:`RosterQueries` is a query group of :class:`recall.store.Store`. Its methods do not
open a transaction of their own beyond joining the caller's: the sync service wraps them,
with :meth:`Store.add_employees`, in one transaction so that a sync is all or nothing.
The checks (values, leaving dates) are made before, by the core; these only write.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from recall.core.employee import Employee
from recall.store.base import StoreBase

__all__ = ["RosterQueries"]


class RosterQueries(StoreBase):
    """Bulk roster updates; a query group of :class:`recall.store.Store`."""

    def update_employees(self, employees: Sequence[Employee]) -> int:
        """Replace the name, e-mail, department and language of enrolled employees.

        The hire date and leaving date are not touched. Ids not enrolled are ignored.

        Returns:
            How many rows were updated.
        """
        with self.transaction():
            cursor = self.db.conn.executemany(
                "UPDATE employees SET name = ?, email = ?, department = ?, lang = ? WHERE id = ?",
                [(e.name, e.email, e.department, e.lang, e.id) for e in employees],
            )
        return cursor.rowcount

    def mark_many_left(self, employee_ids: Sequence[str], on: date) -> int:
        """Record that employees left on ``on`` (those already recorded as left are skipped).

        The caller has checked that ``on`` is today or earlier and not before their hire
        dates.

        Returns:
            How many rows were updated.
        """
        with self.transaction():
            cursor = self.db.conn.executemany(
                "UPDATE employees SET left_on = ? WHERE id = ? AND left_on IS NULL",
                [(on.isoformat(), i) for i in employee_ids],
            )
        return cursor.rowcount
