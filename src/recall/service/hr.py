"""What the HR pages read beyond the reports (issue 11): the dashboard's numbers for
today and the employee search.

Classes: :class:`Dashboard`. Functions: :func:`dashboard`, :func:`search`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from recall.core.codes import Lang
from recall.core.employee import Employee
from recall.reports import Report
from recall.service import reports
from recall.store import Store
from recall.store import admins as sql

__all__ = ["Dashboard", "dashboard", "search"]


@dataclass(frozen=True)
class Dashboard:
    """The overview report and today's numbers.

    Attributes:
        overview: the overview report (as ``recall report overview``).
        reviewed_today: employees who answered a card today (organisation's calendar).
        overdue: active employees with a card overdue (as the overview counts them).
        past_deadline: open refreshers whose deadline has passed.
        active: active employees.
        short: active employees who miss something in the current audit period.
    """

    overview: Report
    reviewed_today: int
    overdue: int
    past_deadline: int
    active: int
    short: int

    @property
    def coverage(self) -> float | None:
        """The share of active employees fully covered in the audit period."""
        return None if not self.active else (self.active - self.short) / self.active


def dashboard(store: Store, now: datetime, lang: Lang) -> Dashboard:
    """The HR dashboard: the overview report and today's numbers."""
    policy = store.policy()
    activity = store.department_activity(now)
    today = policy.local_date(now)
    start = datetime.combine(today, time(), policy.zone)
    return Dashboard(
        overview=reports.overview_of(store, activity, now, lang),
        reviewed_today=sql.reviewed_between(store, start, start + timedelta(days=1)),
        overdue=sum(a.overdue for a in activity),
        past_deadline=sql.open_past(store, today.isoformat()),
        active=sum(a.employees for a in activity),
        short=store.coverage_short(store.audit_period(now)),
    )


def search(
    store: Store,
    text: str = "",
    department: str | None = None,
    *,
    include_left: bool = False,
    limit: int = 200,
) -> list[Employee]:
    """Employees whose id, name or email contains ``text``, in ``department`` when
    given; at most ``limit``, by department and id."""
    ids = sql.search_employee_ids(store, text.strip(), department or None, include_left, limit)
    return [store.employee(i) for i in ids]
