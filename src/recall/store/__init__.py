"""The SQLite store: all of recall's SQL, by concept, returning typed rows.

:class:`Store` (in :mod:`recall.store.store`) combines the query groups of
:mod:`~recall.store.decks`, :mod:`~recall.store.employees`, :mod:`~recall.store.roster`,
:mod:`~recall.store.reviews`, :mod:`~recall.store.incidents` and
:mod:`~recall.store.reports` on :class:`~recall.store.base.StoreBase` (database,
transaction, settings, card catalogue); :mod:`~recall.store.database` opens and migrates
the file. The row types are re-exported here.
"""

from recall.core.retention import Retention
from recall.store.decks import DeckInfo
from recall.store.incidents import Assignment, IncidentSummary
from recall.store.instants import iso, parse_iso
from recall.store.reports import AssignmentTally, DepartmentActivity, PeriodReviews
from recall.store.reviews import AnswerRow, DayActivity, ReviewRecord, Written
from recall.store.store import Store

__all__ = [
    "AnswerRow",
    "Assignment",
    "AssignmentTally",
    "DayActivity",
    "DeckInfo",
    "DepartmentActivity",
    "IncidentSummary",
    "PeriodReviews",
    "Retention",
    "ReviewRecord",
    "Store",
    "Written",
    "iso",
    "parse_iso",
]
