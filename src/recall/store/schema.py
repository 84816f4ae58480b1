"""The database schema, as numbered migrations (``PRAGMA user_version`` holds the number).

A database from an older recall is upgraded in place, one migration at a time, each in
its own transaction; one from a newer recall is refused.
"""

from __future__ import annotations

__all__ = ["MIGRATIONS", "SCHEMA_VERSION"]

_V1 = """
CREATE TABLE settings (
    name TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE decks (
    id TEXT PRIMARY KEY,
    version TEXT NOT NULL,
    title_ja TEXT NOT NULL,
    title_en TEXT,
    file TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    data TEXT NOT NULL,             -- deck metadata as JSON (title, source, topics)
    active INTEGER NOT NULL DEFAULT 1,
    synced_at TEXT NOT NULL
);
CREATE TABLE cards (
    id TEXT PRIMARY KEY,
    deck_id TEXT NOT NULL REFERENCES decks(id),
    version INTEGER NOT NULL,       -- current card_versions.version
    answer_fingerprint TEXT NOT NULL,
    onboarding INTEGER NOT NULL,
    position INTEGER NOT NULL,      -- order in the deck file
    active INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE card_versions (
    card_id TEXT NOT NULL REFERENCES cards(id),
    version INTEGER NOT NULL,
    deck_version TEXT NOT NULL,
    content_hash TEXT NOT NULL,
    answer_fingerprint TEXT NOT NULL,
    data TEXT NOT NULL,             -- the card as JSON
    created_at TEXT NOT NULL,
    PRIMARY KEY (card_id, version)
);
CREATE TABLE card_topics (
    card_id TEXT NOT NULL REFERENCES cards(id),
    topic TEXT NOT NULL,
    PRIMARY KEY (card_id, topic)
);
CREATE INDEX card_topics_topic ON card_topics(topic);
CREATE TABLE employees (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    email TEXT,
    department TEXT NOT NULL DEFAULT '',
    hired TEXT NOT NULL,            -- YYYY-MM-DD, organisation's calendar
    lang TEXT NOT NULL DEFAULT 'ja',
    left_on TEXT,                   -- YYYY-MM-DD; NULL while active
    created_at TEXT NOT NULL
);
CREATE INDEX employees_department ON employees(department);
CREATE TABLE enrolments (
    employee_id TEXT NOT NULL REFERENCES employees(id),
    deck_id TEXT NOT NULL REFERENCES decks(id),
    enrolled_at TEXT NOT NULL,
    PRIMARY KEY (employee_id, deck_id)
);
CREATE TABLE memory (
    employee_id TEXT NOT NULL REFERENCES employees(id),
    card_id TEXT NOT NULL REFERENCES cards(id),
    fsrs_id INTEGER NOT NULL,
    state INTEGER NOT NULL,
    step INTEGER,
    stability REAL,
    difficulty REAL,
    due TEXT NOT NULL,
    last_review TEXT,
    introduced_at TEXT NOT NULL,
    PRIMARY KEY (employee_id, card_id)
) WITHOUT ROWID;
CREATE INDEX memory_due ON memory(employee_id, due);
CREATE TABLE review_log (
    id INTEGER PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees(id),
    card_id TEXT NOT NULL REFERENCES cards(id),
    card_version INTEGER NOT NULL,
    deck_id TEXT NOT NULL,
    deck_version TEXT NOT NULL,
    choice TEXT NOT NULL,
    correct INTEGER NOT NULL,
    rating INTEGER NOT NULL,
    response_ms INTEGER,            -- NULL: not measured (e.g. `recall answer` without --ms)
    answered_at TEXT NOT NULL,
    reason TEXT NOT NULL,           -- refresher | due | onboarding | new | extra
    method TEXT NOT NULL,           -- cli | api | lms | simulation
    assignment_id INTEGER REFERENCES assignments(id)
);
CREATE INDEX review_log_employee ON review_log(employee_id, answered_at);
CREATE INDEX review_log_time ON review_log(answered_at);
CREATE TRIGGER review_log_no_update BEFORE UPDATE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;
CREATE TRIGGER review_log_no_delete BEFORE DELETE ON review_log
BEGIN SELECT RAISE(ABORT, 'review_log is append-only'); END;
CREATE TABLE incidents (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL DEFAULT 'incident',   -- incident | coverage
    title TEXT NOT NULL,
    occurred TEXT,                  -- YYYY-MM-DD
    topics TEXT NOT NULL,           -- JSON list of topic ids
    scope TEXT NOT NULL,            -- JSON: {"all": true} | {"departments": [...]} | {"employees": [...]}
    deadline TEXT,                  -- YYYY-MM-DD
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE TABLE assignments (
    id INTEGER PRIMARY KEY,
    incident_id INTEGER NOT NULL REFERENCES incidents(id),
    employee_id TEXT NOT NULL REFERENCES employees(id),
    card_id TEXT NOT NULL REFERENCES cards(id),
    assigned_at TEXT NOT NULL,
    deadline TEXT,
    done_at TEXT
);
CREATE INDEX assignments_open ON assignments(employee_id, done_at);
CREATE INDEX assignments_incident ON assignments(incident_id);
"""

# v2: FSRS parameters fitted to the organisation's review log by `recall optimize`. Every
# fit is kept (the history of what scheduled whom); the newest row is the one in use.
_V2 = """
CREATE TABLE fsrs_fits (
    id INTEGER PRIMARY KEY,
    fitted_at TEXT NOT NULL,
    parameters TEXT NOT NULL,       -- JSON list of the 21 FSRS-6 parameters
    optimizer TEXT NOT NULL,        -- e.g. fsrs-rs-python 0.9.3
    reviews INTEGER NOT NULL,       -- review-log rows read
    fitted_reviews INTEGER NOT NULL,
    held_out_reviews INTEGER NOT NULL,
    log_loss_before REAL NOT NULL,  -- default parameters, held-out employees
    log_loss_after REAL NOT NULL,   -- fitted parameters, held-out employees
    rmse_bins_before REAL NOT NULL,
    rmse_bins_after REAL NOT NULL,
    recommended_retention REAL      -- advice only; the setting is never changed
);
"""

MIGRATIONS: tuple[str, ...] = (_V1, _V2)
SCHEMA_VERSION = len(MIGRATIONS)
