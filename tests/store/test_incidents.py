"""Incidents, refresher assignments and coverage in the store (IncidentQueries)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from recall.core.incident import IncidentSpec, Scope
from recall.errors import InputError, NotFoundError
from recall.service import review
from tests.hr_org import CARDS_BY_TOPIC, START, make_org, simulate, study


def _spec(scope: Scope, topics=("email",), deadline=date(2026, 7, 7), **kw) -> IncidentSpec:
    return IncidentSpec(
        title=kw.pop("title", "Misdirected e-mail"),
        occurred=kw.pop("occurred", date(2026, 6, 29)),
        topics=tuple(topics),
        scope=scope,
        deadline=deadline,
        **kw,
    )


@pytest.fixture
def org(tmp_path):
    store = make_org(tmp_path)
    end = simulate(store, 90)
    yield store, end
    store.close()


def test_incident_puts_topic_cards_first_for_the_scope_only(org):
    store, now = org
    before = {e.id: review.queue(store, e.id, now) for e in store.employees()}
    memories = {e.id: store.memories(e.id) for e in store.employees()}
    outcome = store.add_incident(_spec(Scope(departments=("sales",))), now)
    assert (outcome.employees, outcome.cards, outcome.assignments) == (3, 3, 9)
    for employee in store.employees():
        queue = review.queue(store, employee.id, now)
        if employee.department == "sales":
            head = [i for i in queue if i.reason == "refresher"]
            assert sorted(i.card_id for i in head) == sorted(CARDS_BY_TOPIC["email"])
            assert queue[: len(head)] == head  # first, before any normal review
        else:
            assert queue == before[employee.id]
        # memory states are not touched by an incident
        assert store.memories(employee.id) == memories[employee.id]


def test_answering_the_refreshers_marks_them_done_and_keeps_memory(org):
    store, now = org
    store.add_incident(_spec(Scope(employees=("sales-1",))), now)
    stability = {c: m.stability for c, m in store.memories("sales-1").items()}
    answered = study(store, "sales-1", now)
    assert set(CARDS_BY_TOPIC["email"]) <= set(answered)
    assert store.open_assignments("sales-1") == {}
    after = store.memories("sales-1")
    for card in CARDS_BY_TOPIC["email"]:  # an early review moves the state on, not from zero
        assert after[card].stability is not None and stability[card] is not None
    progress = store.incident_progress(1, now)
    assert [(p.employee_id, p.status, p.finished_on) for p in progress] == [
        ("sales-1", "done", date(2026, 6, 30))
    ]
    reasons = store.db.execute(
        "SELECT DISTINCT reason FROM review_log WHERE assignment_id IS NOT NULL"
    ).fetchall()
    assert reasons == [("refresher",)]


def test_progress_shows_who_is_past_the_deadline(org):
    store, now = org
    store.add_incident(_spec(Scope(departments=("sales",))), now)
    study(store, "sales-1", now)
    study(store, "sales-2", now + timedelta(days=9))  # after the 2026-07-07 deadline
    later = now + timedelta(days=10)
    states = {p.employee_id: p.status for p in store.incident_progress(1, later)}
    assert states == {"sales-1": "done", "sales-2": "late", "sales-3": "overdue"}
    summary = store.incident_summaries(later)[0]
    assert (summary.people, summary.finished, summary.overdue) == (3, 2, 1)
    assert summary.overdue_people == ("Name <sales> 3 (sales-3)",)


@pytest.mark.parametrize(
    ("spec", "error", "message"),
    [
        (
            lambda: _spec(Scope(all=True), topics=("email", "nope")),
            InputError,
            "no card has topic 'nope' (topics with cards: access, consent, disposal, email); "
            "nothing was recorded",
        ),
        (
            lambda: _spec(Scope(departments=("sales", "legal"))),
            InputError,
            "unknown department 'legal' (departments with active employees: dev, hr, sales); "
            "nothing was recorded",
        ),
        (
            lambda: _spec(Scope(employees=("sales-1", "ghost"))),
            NotFoundError,
            "no employee 'ghost' (see `recall employee list`); nothing was recorded",
        ),
        (
            lambda: _spec(Scope(all=True), occurred=date(2026, 7, 2)),
            InputError,
            "--occurred 2026-07-02 is in the future (today is 2026-06-30)",
        ),
        (
            lambda: _spec(Scope(all=True), deadline=date(2026, 6, 29), occurred=date(2026, 6, 1)),
            InputError,
            "the deadline 2026-06-29 has already passed (today is 2026-06-30)",
        ),
    ],
)
def test_bad_input_records_nothing(org, spec, error, message):
    store, now = org
    before = store.table_counts()
    with pytest.raises(error) as caught:
        store.add_incident(spec(), now)
    assert str(caught.value) == message
    assert store.table_counts() == before


def test_scope_of_employees_who_left_is_an_error(org):
    store, now = org
    store.mark_left("hr-1", date(2026, 6, 1), date(2026, 6, 1))
    before = store.table_counts()
    with pytest.raises(InputError, match="'hr-1' \\(left 2026-06-01\\) has left"):
        store.add_incident(_spec(Scope(employees=("hr-1",))), now)
    assert store.table_counts() == before


def test_value_errors():
    with pytest.raises(InputError, match="the scope is empty"):
        Scope()
    with pytest.raises(InputError, match="only one of"):
        Scope(all=True, departments=("x",))
    spec = _spec(Scope(all=True), occurred=date(2026, 7, 1), deadline=date(2026, 6, 30))
    with pytest.raises(InputError, match="before the incident occurred"):
        spec.check_dates(date(2026, 7, 2))
    # An incident in the future is reported as such, not as a deadline problem.
    with pytest.raises(InputError, match=r"--occurred 2026-07-01 is in the future"):
        spec.check_dates(date(2026, 6, 1))


def test_dry_run_counts_and_records_nothing(org):
    store, now = org
    before = store.table_counts()
    outcome = store.add_incident(
        _spec(Scope(all=True), topics=("email", "consent")), now, dry_run=True
    )
    assert (outcome.incident_id, outcome.employees, outcome.cards, outcome.assignments) == (
        None,
        8,
        5,
        40,
    )
    assert store.table_counts() == before


def test_incident_topics(org):
    store, now = org
    outcome = store.add_incident(_spec(Scope(all=True), topics=("email", "consent")), now)
    assert store.incident_topics(outcome.incident_id) == ["email", "consent"]
    with pytest.raises(NotFoundError, match="no incident 99"):
        store.incident_topics(99)


def test_coverage_gap_found_and_closed(tmp_path):
    store = make_org(tmp_path)
    now = simulate(store, 90, skip_topics={"dev-2": {"access"}, "hr-1": {"consent"}})
    period = store.audit_period(now)
    gaps = {g.employee_id: g for g in store.coverage_gaps(period)}
    assert set(gaps) == {"dev-2", "hr-1"}
    assert gaps["dev-2"].topics == ("access",) and gaps["dev-2"].cards == ()
    # hr-1 never answered the consent core card, so never got past onboarding to "access"
    assert gaps["hr-1"].topics == ("consent", "access") and gaps["hr-1"].cards == ("consent-1",)
    outcome = store.refresh_coverage(now, deadline=date(2026, 7, 14))
    assert dict(outcome.plan) == {"dev-2": ("access-1",), "hr-1": ("consent-1", "access-1")}
    assert store.incident(outcome.incident_id).kind == "coverage"
    # running it again assigns nothing new while those are open
    again = store.refresh_coverage(now, deadline=date(2026, 7, 14))
    assert again.assignments == 0 and again.incident_id is None
    for employee in ("dev-2", "hr-1"):
        study(store, employee, now)
    assert store.coverage_gaps(period) == []


def test_audit_period_follows_the_fiscal_year_setting(org):
    store, now = org
    assert str(store.audit_period(now)) == "2026-04-01..2027-03-31"
    store.update_settings({"fiscal_year_start": "01-01"})
    assert str(store.audit_period(now)) == "2026-01-01..2026-12-31"
    assert START < now


def test_a_refresher_for_a_card_removed_from_the_deck_stops_counting(org):
    from recall.core.deck import parse_deck
    from tests.hr_org import deck_text

    store, now = org
    store.add_incident(_spec(Scope(employees=("sales-1",))), now)
    study(store, "sales-1", now)  # answers email-1, email-2, email-3
    store.add_incident(_spec(Scope(employees=("sales-2",)), title="second"), now)
    text = deck_text()
    start = text.index("  - id: email-3")
    end = text.index("  - id: access-1")
    store.sync_decks([parse_deck(text[:start] + text[end:], "hr-test.yaml")], now=now)
    study(store, "sales-2", now)  # email-3 can no longer be shown or answered
    first = store.incident_progress(1, now)
    assert [(p.assigned, p.done, p.status) for p in first] == [(3, 3, "done")]
    second = store.incident_progress(2, now)
    assert [(p.employee_id, p.assigned, p.done, p.status) for p in second] == [
        ("sales-2", 2, 2, "done")
    ]


def test_rows_are_typed_with_aware_utc_instants(tmp_path):
    from datetime import UTC

    from recall.core.coverage import Period
    from recall.store import Assignment, AssignmentTally
    from tests.hr_org import answer

    store = make_org(tmp_path)
    spec = _spec(Scope(employees=("sales-1",)), occurred=date(2026, 3, 31), deadline=None)
    store.add_incident(spec, START)
    answered_at = START + timedelta(hours=1)
    answer(store, "sales-1", "email-2", answered_at)
    assignments = {a.card_id: a for a in store.assignments_of("sales-1")}
    assert assignments["email-2"] == Assignment(
        id=assignments["email-2"].id,
        incident_id=1,
        kind="incident",
        title="Misdirected e-mail",
        card_id="email-2",
        assigned_at=START,
        deadline=None,
        done_at=answered_at,
    )
    assert assignments["email-2"].done_at.tzinfo is UTC
    assert {a.done_at for c, a in assignments.items() if c != "email-2"} == {None}
    [row] = store.reviews("sales-1")
    assert (row.deck_id, row.deck_version, row.assignment_id, row.answered_at) == (
        "hr-test",
        "2.1",
        assignments["email-2"].id,
        answered_at,
    )
    assert store.audit_assignments(Period(date(2026, 4, 1), date(2026, 4, 30))) == [
        AssignmentTally("sales-1", 1, "incident", "Misdirected e-mail", 3, 1, START, answered_at)
    ]
    store.close()
