"""The database schema, as numbered migrations (``PRAGMA user_version`` holds the number).

A database from an older recall is upgraded in place, one migration at a time, each in
its own transaction; one from a newer recall is refused.
"""

from __future__ import annotations

from recall.store.summaries import MIGRATION as SUMMARIES_MIGRATION
from recall.store.summaries import MIGRATION_6 as SUMMARIES_STEPS

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION"]

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

# --- web review (issue 10): sign-in links, sessions, shown cards, reminders ------------
# Secrets (link tokens, session ids) are stored only as SHA-256 hex digests.
_WEB = """
CREATE TABLE signin_links (
    token_hash TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees(id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT                    -- NULL until exchanged for a session
);
CREATE INDEX signin_links_employee ON signin_links(employee_id);
CREATE TABLE web_sessions (
    id_hash TEXT PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees(id),
    csrf TEXT NOT NULL,             -- per-session CSRF token (sent in every form)
    lang TEXT,                      -- language chosen in the browser; NULL: the employee's
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL        -- idle expiry, moved forward on use
);
CREATE INDEX web_sessions_employee ON web_sessions(employee_id);
CREATE TABLE shown_cards (
    key TEXT PRIMARY KEY,           -- idempotency key of one card shown in the browser
    employee_id TEXT NOT NULL REFERENCES employees(id),
    card_id TEXT NOT NULL REFERENCES cards(id),
    card_version INTEGER NOT NULL,
    reason TEXT NOT NULL,
    lang TEXT NOT NULL,
    shown_at TEXT NOT NULL,
    review_id INTEGER REFERENCES review_log(id)   -- set once answered
);
CREATE INDEX shown_cards_open ON shown_cards(employee_id, card_id, review_id);
CREATE TABLE reminders (
    id INTEGER PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees(id),
    day TEXT NOT NULL,              -- YYYY-MM-DD, organisation's calendar
    sent_at TEXT NOT NULL,
    email TEXT NOT NULL,
    due INTEGER NOT NULL,           -- cards due when sent
    refreshers INTEGER NOT NULL,    -- open refreshers when sent
    overdue INTEGER NOT NULL,       -- refreshers past their deadline
    error TEXT                      -- NULL: delivered to the SMTP server
);
CREATE INDEX reminders_day ON reminders(employee_id, day);
"""
# --- end web review ---------------------------------------------------------------------


# v3: FSRS parameters fitted to the organisation's review log by `recall optimize`. Every
# fit is kept (the history of what scheduled whom); the newest row is the one in use.
_FITS = """
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


# --- HR in the browser (issue 11): admins, their links and sessions, their trail -------
# An admin is a work email with a role (hr: reads and changes; viewer: reads). Their
# sign-in links and sessions work like the employees' (digests only) in their own tables,
# so an employee's session can never stand for an admin's.
_HR = """
CREATE TABLE admins (
    email TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL,             -- hr | viewer
    created_at TEXT NOT NULL
);
CREATE TABLE admin_links (
    token_hash TEXT PRIMARY KEY,
    admin_email TEXT NOT NULL REFERENCES admins(email),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT
);
CREATE TABLE admin_sessions (
    id_hash TEXT PRIMARY KEY,
    admin_email TEXT NOT NULL REFERENCES admins(email),
    csrf TEXT NOT NULL,
    lang TEXT,
    created_at TEXT NOT NULL,
    seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX admin_sessions_admin ON admin_sessions(admin_email);
CREATE TABLE admin_trail (
    id INTEGER PRIMARY KEY,
    actor TEXT NOT NULL,            -- the admin's email, or cli:LOGIN
    at TEXT NOT NULL,
    action TEXT NOT NULL,           -- sync | incident | coverage | settings | leave | admin
    subject TEXT NOT NULL,          -- what it was about (file, title, setting names, id)
    counts TEXT NOT NULL            -- JSON object of counts
);
CREATE INDEX admin_trail_at ON admin_trail(at);
-- the HR dashboard's audit-period coverage: "did this employee answer this card (or a
-- card of this topic) in the period" answered from the index alone
CREATE INDEX review_log_card_time ON review_log(employee_id, card_id, answered_at);
CREATE TRIGGER admin_trail_no_update BEFORE UPDATE ON admin_trail
BEGIN SELECT RAISE(ABORT, 'admin_trail is append-only'); END;
CREATE TRIGGER admin_trail_no_delete BEFORE DELETE ON admin_trail
BEGIN SELECT RAISE(ABORT, 'admin_trail is append-only'); END;
"""
# --- end HR in the browser --------------------------------------------------------------

# v5 (issue 11, dashboard under 1 s): per-employee facts and retention cells kept by
# triggers; see recall.store.summaries
_SUMMARIES = SUMMARIES_MIGRATION

# v6 (summaries rebuilt in short steps, not under a deck sync's write lock): the rebuild's
# watermark and triggers that honour it; see recall.store.summaries
_SUMMARY_STEPS = SUMMARIES_STEPS

MIGRATIONS: tuple[str, ...] = (_V1, _WEB, _FITS, _HR, _SUMMARIES, _SUMMARY_STEPS)
SCHEMA_VERSION = len(MIGRATIONS)

#: ``PRAGMA application_id`` of every recall database ("RCLL"): with it, a SQLite file
#: that belongs to another program is told apart from recall's and never migrated.
APPLICATION_ID = 0x52434C4C
