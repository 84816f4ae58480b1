"""Class :class:`Store`: recall's database, one object combining the query groups.

Each concept's SQL is in its own module; :class:`Store` inherits one query group from
each, all built on :class:`recall.store.base.StoreBase` (database, transaction, settings,
card catalogue):

- :mod:`recall.store.decks`: sync decks from their files, deck list, card versions;
- :mod:`recall.store.employees`: employees and enrolments;
- :mod:`recall.store.roster`: bulk roster updates from an HR export;
- :mod:`recall.store.reviews`: memory states, the review log, writing answers;
- :mod:`recall.store.incidents`: incidents, refresher assignments, audit coverage;
- :mod:`recall.store.reports`: what HR's reports aggregate.

Every write that matters runs in one transaction (:meth:`Store.transaction`): an answer
is its memory state, its log row and its assignment closed, together or not at all.
"""

from __future__ import annotations

from pathlib import Path

from recall.store.database import BUSY_TIMEOUT_MS, Database
from recall.store.decks import DeckQueries
from recall.store.employees import EmployeeQueries
from recall.store.fits import FitQueries
from recall.store.incidents import IncidentQueries
from recall.store.reports import ReportQueries
from recall.store.reviews import ReviewQueries
from recall.store.roster import RosterQueries

__all__ = ["Store"]


class Store(
    DeckQueries,
    EmployeeQueries,
    RosterQueries,
    ReviewQueries,
    IncidentQueries,
    ReportQueries,
    FitQueries,
):
    """recall's database. Build it with :meth:`open`.

    Args:
        db: the open database (already migrated).
        path: the file it lives in.
    """

    @classmethod
    def open(
        cls,
        path: Path | str,
        *,
        create_folder: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> Store:
        """Open the database at ``path`` (see :meth:`recall.store.database.Database.open`:
        created private, migrated, refused when it is not recall's, read-only when it
        cannot be written).

        Raises:
            StoreError: it cannot be opened, belongs to another program, misses recall's
                tables, or is from a newer recall.
        """
        path = Path(path)
        db = Database.open(path, create_folder=create_folder, busy_timeout_ms=busy_timeout_ms)
        store = cls(db, path)
        if db.migrated and not db.read_only:
            store.finish_summaries()  # a new or upgraded database builds its summaries
        return store
