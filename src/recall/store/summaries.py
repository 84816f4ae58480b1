"""The HR dashboard's summaries, kept up to date by SQLite triggers (schema versions 5-6).

Every figure of ``recall report overview`` and the HR dashboard used to be recomputed from
every employee's memory rows and review log on each request (about 9 s at 100,000
employees). Schema version 5 keeps two small summaries instead, written by triggers in
the same transaction as the write that changes them, so that every writer (answers from
the terminal, the browser or an LMS through ``Store.record_answers``, imports, roster
sync, leave, incidents) keeps them right without knowing they exist:

``employee_facts``, one row per employee:
    ``core_seen`` (active onboarding cards reviewed at least once), ``core_required``
    (active onboarding cards of their decks), ``min_due`` (earliest due among active
    cards), ``last_answer`` (latest review-log answer) and ``covered_since``, the
    employee's coverage watermark: the earliest of, for every active onboarding card of
    their decks, their last answer to it and, for every topic of their decks' active
    cards, their last answer to a card of that topic (``''``: something was never
    answered; NULL: nothing is required). Someone whose answers all precede a period's
    end is covered in that period exactly when the watermark is on or after its start.

``retention_cells``, estimated retention as a histogram:
    per department and topic (``''``: all cards), stability bucket and review-time cell,
    how many active employee × active card memory states fall in it. The reader asks
    ``fsrs`` once per distinct (bucket, elapsed days), so its cost grows with the cells,
    not with the employees. See :func:`retention_error_bound` for what that costs in
    accuracy.

Cards change only when decks are synced. Their triggers mark the summaries stale rather
than recompute 100,000 employees per card, and the summaries are then rebuilt in short
steps, each its own transaction, so that no write waits long for the write lock:
:meth:`recall.store.decks.DeckQueries.sync_decks` runs them after its transaction commits
(and finishes a rebuild abandoned by its process), the upgrade to version 6 when the
database is opened.
A step (:func:`rebuild_step`) recomputes the facts and cells of the next
:data:`REBUILD_BATCH` employees in id order and moves the watermark
``summary_state.done_below`` past them; the triggers keep the summaries of the employees
below the watermark up to date and leave the others to the steps still to come. Readers
fall back to the exact queries until the last step marks the summaries fresh.

Module contents: :data:`MIGRATION` and :data:`MIGRATION_6` (the scripts of versions 5
and 6), :data:`REBUILD_BATCH`, :data:`REBUILD_PAUSE`,
:data:`REBUILD_LEASE`, :data:`RESTART`, :func:`rebuild_step`, :func:`rebuild_abandoned`,
:func:`bucket_rows`, :func:`retention_error_bound`.
"""

from __future__ import annotations

import math
import re
import sqlite3
from collections.abc import Callable

__all__ = [
    "BUCKETS_PER_OCTAVE",
    "MIGRATION",
    "MIGRATION_6",
    "REBUILD_BATCH",
    "REBUILD_LEASE",
    "REBUILD_PAUSE",
    "RESTART",
    "TIME_SHARE",
    "bucket_rows",
    "rebuild_abandoned",
    "rebuild_step",
    "retention_error_bound",
]

#: stability buckets per doubling: a bucket's stabilities are within a factor 2^(1/16) of
#: its middle
BUCKETS_PER_OCTAVE = 8
#: a review-time cell is at most this fraction of its bucket's lowest stability wide (and
#: at least one hour)
TIME_SHARE = 1 / 8
_FIRST_OCTAVE = -10  # 2^-10 days < fsrs's minimum stability (0.001)
_LAST_OCTAVE = 17  # 2^17 days > fsrs's maximum interval (36,500)
HOUR_MS = 3_600_000
DAY_MS = 86_400_000


def bucket_rows() -> list[tuple[int, float, float, int]]:
    """The stability buckets: ``(bucket, lowest stability, middle, cell width in ms)``.

    Bucket 0 takes anything below 2^-10 days; bucket k ≥ 1 starts at
    ``2^(-10 + (k-1)/8)`` days; its middle is the geometric middle. The cell width is the
    largest power of two hours not above ``TIME_SHARE`` × its lowest stability (one hour
    at least).
    """
    rows = [(0, 0.0, 2.0**_FIRST_OCTAVE, HOUR_MS)]
    steps = (_LAST_OCTAVE - _FIRST_OCTAVE) * BUCKETS_PER_OCTAVE
    for k in range(steps):
        low = 2.0 ** (_FIRST_OCTAVE + k / BUCKETS_PER_OCTAVE)
        hours = 1
        while hours * 2 <= low * 24 * TIME_SHARE:
            hours *= 2
        rows.append((k + 1, low, low * 2.0 ** (0.5 / BUCKETS_PER_OCTAVE), hours * HOUR_MS))
    return rows


def retention_error_bound(stability: float, decay: float) -> float:
    """How far one memory state's estimate from the cells can be from ``fsrs``'s own.

    ``fsrs`` gives R = (1 + F·n/S)^(−w) with n the whole days since the review, w the
    decay (FSRS parameter 20, between 0.1 and 0.8) and F = 0.9^(−1/w) − 1. The cells
    replace S by its bucket's middle (|ln S − ln S'| ≤ ln 2/16; R moves at most
    (1 + 1/w)^(−w−1) per unit of ln S, so by at most 0.0043 for the default decay 0.1542
    and 0.0101 for any allowed decay) and the review time by its cell's middle (at most
    half a cell, W/2, away), which can change n by up to m = ⌊W/2 / 1 day⌋ + 1 days and R
    by at most 1 − (1 + F·m/S')^(−w). A mean over many states is within the mean of their
    bounds. With cells narrower than a day (stability under 10 days) the second term
    applies only to states reviewed within W/2 of the report's time of day; from a
    stability of 16 days the whole bound stays under 0.02.

    Args:
        stability: the state's stability in days.
        decay: w, FSRS parameter 20.

    Returns:
        The largest possible |estimate − exact| for that state.
    """
    middle, width_ms = _bucket_of(stability)
    shift = (1 + 1 / decay) ** (-decay - 1) * math.log(2) / (2 * BUCKETS_PER_OCTAVE)
    factor = 0.9 ** (-1 / decay) - 1
    days = width_ms // 2 // DAY_MS + 1
    return shift + 1 - (1 + factor * days / middle) ** (-decay)


def _bucket_of(stability: float) -> tuple[float, int]:
    """The middle and cell width of the bucket ``stability`` falls in."""
    rows = bucket_rows()
    found = max((row for row in rows if row[1] <= stability), default=rows[0])
    return found[2], found[3]


def _ms(expr: str) -> str:
    """A stored instant as whole milliseconds of SQLite's julianday."""
    return f"CAST(round(julianday({expr}) * 86400000) AS INTEGER)"


_BUCKET = "(SELECT sb FROM retention_buckets WHERE lo <= {s} ORDER BY lo DESC LIMIT 1)"
_UPSERT = "ON CONFLICT(department, topic, sb, tk) DO UPDATE SET n = n + excluded.n"


def _fresh_for(who: str) -> str:
    """Whether the summaries of employee ``who`` are kept: all are when fresh; while a
    rebuild runs, those of the employees its steps already rebuilt."""
    return f"(SELECT stale = 0 OR {who} < done_below FROM summary_state)"


def _cells_of_state(sign: str, row: str) -> str:
    """Add (``+1``) or take away (``-1``) one memory state (``NEW``/``OLD``) from the
    cells: its department's ``''`` cell and one per topic of its card."""
    topics = (
        "(SELECT '' AS topic UNION ALL SELECT topic FROM card_topics "
        f"WHERE card_id = {row}.card_id)"
    )
    return (
        "INSERT INTO retention_cells(department, topic, sb, tk, n) "
        f"SELECT e.department, t.topic, b.sb, {_ms(row + '.last_review')} / b.width_ms, "
        f"{sign} FROM employees e, {topics} t, retention_buckets b "
        f"WHERE e.id = {row}.employee_id AND e.left_on IS NULL "
        f"AND {row}.last_review IS NOT NULL AND {row}.stability IS NOT NULL "
        f"AND b.sb = {_BUCKET.format(s=row + '.stability')} "
        f"AND EXISTS (SELECT 1 FROM cards c WHERE c.id = {row}.card_id AND c.active = 1) "
        f"{_UPSERT};"
    )


def _cells_of_set(sign: str, department: str, where: str) -> list[str]:
    """Add or take away many memory states at once (``where`` picks them, ``m``)."""
    common = (
        f"{_ms('m.last_review')} / b.width_ms, {sign} * COUNT(*) FROM memory m "
        "JOIN cards c ON c.id = m.card_id AND c.active = 1 "
        f"JOIN retention_buckets b ON b.sb = {_BUCKET.format(s='m.stability')}"
    )
    tail = (
        f"WHERE m.last_review IS NOT NULL AND m.stability IS NOT NULL AND {where} "
        f"GROUP BY 1, 2, 3, 4 {_UPSERT};"
    )
    insert = "INSERT INTO retention_cells(department, topic, sb, tk, n) "
    return [
        f"{insert}SELECT {department}, '', b.sb, {common} {tail}",
        f"{insert}SELECT {department}, ct.topic, b.sb, {common} "
        f"JOIN card_topics ct ON ct.card_id = m.card_id {tail}",
    ]


def _facts(who: str) -> dict[str, str]:
    """Each ``employee_facts`` column as an SQL expression for the employee ``who``."""
    covered = (
        "(SELECT MIN(x) FROM ("
        "SELECT COALESCE((SELECT MAX(r.answered_at) FROM review_log r "
        f"WHERE r.employee_id = {who} AND r.card_id = c.id), '') AS x "
        "FROM enrolments en JOIN cards c ON c.deck_id = en.deck_id AND c.active = 1 "
        f"AND c.onboarding = 1 WHERE en.employee_id = {who} "
        "UNION ALL "
        "SELECT COALESCE((SELECT MAX((SELECT MAX(r.answered_at) FROM review_log r "
        f"WHERE r.employee_id = {who} AND r.card_id = ct2.card_id)) FROM card_topics ct2 "
        "WHERE ct2.topic = dt.topic), '') FROM (SELECT DISTINCT ct.topic FROM enrolments en "
        "JOIN cards c ON c.deck_id = en.deck_id AND c.active = 1 "
        f"JOIN card_topics ct ON ct.card_id = c.id WHERE en.employee_id = {who}) dt))"
    )
    return {
        "core_seen": (
            "(SELECT COUNT(*) FROM memory m JOIN cards c ON c.id = m.card_id "
            f"WHERE m.employee_id = {who} AND c.active = 1 AND c.onboarding = 1 "
            "AND m.last_review IS NOT NULL)"
        ),
        "core_required": (
            "(SELECT COUNT(*) FROM enrolments en JOIN cards c ON c.deck_id = en.deck_id "
            f"WHERE en.employee_id = {who} AND c.active = 1 AND c.onboarding = 1)"
        ),
        "min_due": (
            "(SELECT MIN(m.due) FROM memory m JOIN cards c ON c.id = m.card_id "
            f"WHERE m.employee_id = {who} AND c.active = 1)"
        ),
        "last_answer": f"(SELECT MAX(answered_at) FROM review_log WHERE employee_id = {who})",
        "covered_since": covered,
    }


def _missing(who: str) -> str:
    """Whether ``who`` has never answered a required card or topic (stops at the first)."""
    return (
        "(EXISTS (SELECT 1 FROM enrolments en JOIN cards c ON c.deck_id = en.deck_id "
        f"AND c.active = 1 AND c.onboarding = 1 WHERE en.employee_id = {who} "
        f"AND NOT EXISTS (SELECT 1 FROM review_log r WHERE r.employee_id = {who} "
        "AND r.card_id = c.id)) "
        "OR EXISTS (SELECT 1 FROM enrolments en JOIN cards c ON c.deck_id = en.deck_id "
        "AND c.active = 1 JOIN card_topics ct ON ct.card_id = c.id "
        f"WHERE en.employee_id = {who} AND NOT EXISTS (SELECT 1 FROM card_topics ct2 "
        f"JOIN review_log r ON r.employee_id = {who} AND r.card_id = ct2.card_id "
        "WHERE ct2.topic = ct.topic)))"
    )


def _update_facts(who: str, *columns: str) -> str:
    exprs = _facts(who)
    sets = ", ".join(f"{c} = {exprs[c]}" for c in columns)
    return f"UPDATE employee_facts SET {sets} WHERE employee_id = {who};"


def _all_facts(who: str, where: str) -> str:
    exprs = _facts(who)
    return (
        f"INSERT OR REPLACE INTO employee_facts(employee_id, {', '.join(exprs)}) "
        f"SELECT e.id, {', '.join(exprs.values())} FROM employees e WHERE {where};"
    )


#: employees per rebuild step (0.4-0.9 s at the 100,000-employee benchmark's 16 memory
#: states each, on a shared 2-core machine; see benchmarks/summaries_rebuild.py)
REBUILD_BATCH = 2_000

#: seconds between two rebuild steps, longer than SQLite's longest busy-handler sleep
#: (100 ms): without it the rebuilding process takes the lock back at once and another
#: process's answer waits for the whole rebuild
REBUILD_PAUSE = 0.15

#: seconds after which a rebuild with no new step is taken as abandoned (its process
#: ended): the next command or server start finishes it
REBUILD_LEASE = 30

#: start a rebuild over: everything stale, nothing rebuilt yet (the process that does it
#: runs the steps, and ``step_at`` says it is at work)
RESTART = "UPDATE summary_state SET stale = 1, done_below = '', step_at = julianday('now');"


def _rebuild_range(lo: str, hi: str | None) -> list[tuple[str, dict[str, str]]]:
    """Statements that add the employees with ``lo <= id < hi`` (no upper end: None) to
    both summaries, with their parameters.

    The memory states are read once, counted per department, card, bucket and time cell
    into a temporary table, and the cells (all cards, and each topic) are summed from it.
    """
    params = {"lo": lo} if hi is None else {"lo": lo, "hi": hi}

    def where(column: str) -> str:
        upper = "" if hi is None else f" AND {column} < :hi"
        return f"{column} >= :lo{upper}"

    per_card = "temp.summary_rebuild_cells"
    return [
        (
            "CREATE TEMP TABLE IF NOT EXISTS summary_rebuild_cells (department TEXT, "
            "card_id TEXT, sb INTEGER, tk INTEGER, n INTEGER)",
            {},
        ),
        (f"DELETE FROM {per_card}", {}),
        (
            f"INSERT INTO {per_card} SELECT e.department, m.card_id, b.sb, "
            f"{_ms('m.last_review')} / b.width_ms, COUNT(*) FROM memory m "
            "JOIN cards c ON c.id = m.card_id AND c.active = 1 "
            f"JOIN retention_buckets b ON b.sb = {_BUCKET.format(s='m.stability')} "
            "JOIN employees e ON e.id = m.employee_id AND e.left_on IS NULL "
            "WHERE m.last_review IS NOT NULL AND m.stability IS NOT NULL "
            f"AND {where('m.employee_id')} GROUP BY 1, 2, 3, 4",
            params,
        ),
        (
            "INSERT INTO retention_cells(department, topic, sb, tk, n) "
            f"SELECT department, '', sb, tk, SUM(n) FROM {per_card} WHERE 1 "
            f"GROUP BY department, sb, tk {_UPSERT}",
            {},
        ),
        (
            "INSERT INTO retention_cells(department, topic, sb, tk, n) "
            f"SELECT s.department, ct.topic, s.sb, s.tk, SUM(s.n) FROM {per_card} s "
            "JOIN card_topics ct ON ct.card_id = s.card_id WHERE 1 "
            f"GROUP BY s.department, ct.topic, s.sb, s.tk {_UPSERT}",
            {},
        ),
        (f"DELETE FROM {per_card}", {}),
        (_all_facts("e.id", where("e.id")), params),
    ]


def rebuild_step(execute: Callable[..., sqlite3.Cursor], batch: int = REBUILD_BATCH) -> bool:
    """One step of a rebuild, to run in its own (write) transaction.

    The first step of a rebuild empties both summaries; each step adds the next ``batch``
    employees (in id order, from the watermark ``done_below``) and moves the watermark
    past them; the last marks the summaries fresh.

    Args:
        execute: the connection's ``execute`` (``execute(sql, params)`` → cursor).
        batch: employees per step.

    Returns:
        Whether steps remain (False also when nothing was stale).
    """
    stale, lo = execute("SELECT stale, done_below FROM summary_state").fetchone()
    if not stale:
        return False
    if lo == "":
        execute("DELETE FROM retention_cells")
        execute("DELETE FROM employee_facts")
    row = execute(
        "SELECT id FROM employees WHERE id >= ? ORDER BY id LIMIT 1 OFFSET ?", [lo, batch]
    ).fetchone()
    hi = None if row is None else row[0]
    for sql, params in _rebuild_range(lo, hi):
        execute(sql, params)
    if hi is None:
        execute("UPDATE summary_state SET stale = 0, done_below = '', step_at = NULL")
        return False
    execute("UPDATE summary_state SET done_below = ?, step_at = julianday('now')", [hi])
    return True


def rebuild_abandoned(execute: Callable[..., sqlite3.Cursor]) -> bool:
    """Whether a rebuild is pending with no step for :data:`REBUILD_LEASE` seconds."""
    row = execute(
        "SELECT stale AND (step_at IS NULL OR julianday('now') - step_at > ?) FROM summary_state",
        [REBUILD_LEASE / 86_400],
    ).fetchone()
    return bool(row[0])


_TABLES = """
CREATE TABLE summary_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    stale INTEGER NOT NULL          -- 1: being rebuilt (cards changed, or new)
);
INSERT INTO summary_state VALUES (1, 1);
CREATE TABLE employee_facts (
    employee_id TEXT PRIMARY KEY REFERENCES employees(id),
    core_seen INTEGER NOT NULL,     -- active onboarding cards reviewed at least once
    core_required INTEGER NOT NULL, -- active onboarding cards of their decks
    min_due TEXT,                   -- earliest due among active cards
    last_answer TEXT,               -- latest answer in the review log
    covered_since TEXT              -- coverage watermark ('' never; NULL nothing required)
) WITHOUT ROWID;
CREATE TABLE retention_buckets (
    sb INTEGER PRIMARY KEY,
    lo REAL NOT NULL UNIQUE,        -- lowest stability (days)
    mid REAL NOT NULL,              -- the stability the bucket stands for
    width_ms INTEGER NOT NULL       -- review-time cell width
);
CREATE TABLE retention_cells (
    department TEXT NOT NULL,
    topic TEXT NOT NULL,            -- '' = all cards
    sb INTEGER NOT NULL,
    tk INTEGER NOT NULL,            -- julianday ms of the last review // width_ms
    n INTEGER NOT NULL,
    PRIMARY KEY (department, topic, sb, tk)
) WITHOUT ROWID;
CREATE TRIGGER retention_cells_empty AFTER UPDATE OF n ON retention_cells WHEN NEW.n = 0
BEGIN
    DELETE FROM retention_cells WHERE department = NEW.department AND topic = NEW.topic
        AND sb = NEW.sb AND tk = NEW.tk;
END;
"""


def _trigger(name: str, event: str, when: str, body: list[str]) -> str:
    inner = "\n    ".join(body)
    return f"CREATE TRIGGER {name} {event}\nWHEN {when}\nBEGIN\n    {inner}\nEND;\n"


def _triggers() -> str:
    stale = RESTART

    def memory_facts(row: str) -> str:
        return _update_facts(f"{row}.employee_id", "core_seen", "min_due")

    moved = (
        "(OLD.department IS NOT NEW.department OR OLD.left_on IS NOT NEW.left_on) "
        f"AND {_fresh_for('NEW.id')}"
    )
    return "".join(
        [
            _trigger(
                "summary_memory_insert",
                "AFTER INSERT ON memory",
                _fresh_for("NEW.employee_id"),
                [_cells_of_state("1", "NEW"), memory_facts("NEW")],
            ),
            _trigger(
                "summary_memory_update",
                "AFTER UPDATE ON memory",
                _fresh_for("NEW.employee_id"),
                [
                    _cells_of_state("-1", "OLD"),
                    _cells_of_state("1", "NEW"),
                    memory_facts("NEW"),
                ],
            ),
            _trigger(
                "summary_memory_delete",
                "AFTER DELETE ON memory",
                _fresh_for("OLD.employee_id"),
                [_cells_of_state("-1", "OLD"), memory_facts("OLD")],
            ),
            _trigger(
                "summary_review",
                "AFTER INSERT ON review_log",
                _fresh_for("NEW.employee_id"),
                [
                    # The watermark is the earliest of the required cards' and topics'
                    # last answers. If this card's previous answer was already later than
                    # the watermark, none of its requirements was the earliest and the
                    # watermark stays (most answers); while something required is still
                    # unanswered it stays ''; otherwise it is recomputed.
                    "UPDATE employee_facts SET last_answer = max(COALESCE(last_answer, ''), "
                    "NEW.answered_at), covered_since = CASE "
                    "WHEN covered_since IS NULL THEN NULL "
                    "WHEN (SELECT MAX(r.answered_at) FROM review_log r "
                    "WHERE r.employee_id = NEW.employee_id AND r.card_id = NEW.card_id "
                    "AND r.id <> NEW.id) > covered_since THEN covered_since "
                    f"WHEN covered_since = '' AND {_missing('NEW.employee_id')} THEN '' "
                    f"ELSE {_facts('NEW.employee_id')['covered_since']} END "
                    "WHERE employee_id = NEW.employee_id;"
                ],
            ),
            _trigger(  # a new employee has no memory, answers or decks yet
                "summary_employee_insert",
                "AFTER INSERT ON employees",
                _fresh_for("NEW.id"),
                ["INSERT OR REPLACE INTO employee_facts VALUES (NEW.id, 0, 0, NULL, NULL, NULL);"],
            ),
            _trigger(
                "summary_employee_move",
                "AFTER UPDATE OF department, left_on ON employees",
                moved,
                [
                    *_cells_of_set(
                        "-1", "OLD.department", "m.employee_id = OLD.id AND OLD.left_on IS NULL"
                    ),
                    *_cells_of_set(
                        "1", "NEW.department", "m.employee_id = NEW.id AND NEW.left_on IS NULL"
                    ),
                ],
            ),
            _trigger(
                "summary_enrol",
                "AFTER INSERT ON enrolments",
                _fresh_for("NEW.employee_id"),
                [
                    # someone who never answered misses whatever the deck requires: the
                    # common case (an import) needs no look at the log
                    f"UPDATE employee_facts SET core_required = "
                    f"{_facts('NEW.employee_id')['core_required']}, covered_since = CASE "
                    "WHEN last_answer IS NOT NULL THEN "
                    f"{_facts('NEW.employee_id')['covered_since']} "
                    "WHEN EXISTS (SELECT 1 FROM cards c WHERE c.deck_id = NEW.deck_id "
                    "AND c.active = 1 AND (c.onboarding = 1 OR EXISTS (SELECT 1 FROM "
                    "card_topics ct WHERE ct.card_id = c.id))) THEN '' "
                    "ELSE covered_since END WHERE employee_id = NEW.employee_id;"
                ],
            ),
            _trigger(
                "summary_unenrol",
                "AFTER DELETE ON enrolments",
                _fresh_for("OLD.employee_id"),
                [_update_facts("OLD.employee_id", "core_required", "covered_since")],
            ),
            _trigger("summary_card_insert", "AFTER INSERT ON cards", "1", [stale]),
            _trigger(
                "summary_card_update",
                "AFTER UPDATE OF active, onboarding, deck_id ON cards",
                "OLD.active IS NOT NEW.active OR OLD.onboarding IS NOT NEW.onboarding "
                "OR OLD.deck_id IS NOT NEW.deck_id",
                [stale],
            ),
            _trigger("summary_card_delete", "AFTER DELETE ON cards", "1", [stale]),
            _trigger("summary_topic_insert", "AFTER INSERT ON card_topics", "1", [stale]),
            _trigger("summary_topic_delete", "AFTER DELETE ON card_topics", "1", [stale]),
        ]
    )


def _buckets() -> str:
    values = ",\n    ".join(
        f"({sb}, {low!r}, {mid!r}, {width})" for sb, low, mid, width in bucket_rows()
    )
    return f"INSERT INTO retention_buckets(sb, lo, mid, width_ms) VALUES\n    {values};\n"


#: schema version 5: the summaries' tables, empty and stale (version 6 adds the triggers)
MIGRATION = _TABLES + _buckets()

_TRIGGER_NAMES = re.findall(r"CREATE TRIGGER (\w+)", _triggers())

#: schema version 6: the rebuild's watermark and the triggers that keep the summaries
#: below it (replacing the first version 5's, which rebuilt everything under the deck
#: sync's write lock); the summaries are then rebuilt in steps
MIGRATION_6 = (
    "ALTER TABLE summary_state ADD COLUMN done_below TEXT NOT NULL DEFAULT '';\n"
    "ALTER TABLE summary_state ADD COLUMN step_at REAL;\n"
    + "".join(f"DROP TRIGGER IF EXISTS {name};\n" for name in _TRIGGER_NAMES)
    + _triggers()
    + RESTART
    + "\n"
)
