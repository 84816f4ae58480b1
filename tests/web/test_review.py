"""The review pages in-process: answering through the service (method web), the
idempotency key, CSRF, one employee's cards out of another's reach, wrong answers coming
back, escaping, language and progress."""

from __future__ import annotations

import re
from datetime import date

from recall.core.codes import Lang
from tests.conftest import DECK
from tests.web.conftest import Site, choices, deck_dir, field, make_client, sign_in


def _card(client) -> tuple[str, dict[str, str], str]:
    page = client.get("/review")
    assert page.status_code == 200
    return field(page.text, "key"), dict(choices(page.text)), page.text


def _answer(client, key: str, choice: str, ms: str = "1500", csrf: str | None = None):
    if csrf is None:
        csrf = field(client.get("/progress").text, "csrf")
    return client.post("/answer", data={"csrf": csrf, "key": key, "choice": choice, "ms": ms})


def test_answer_is_recorded_through_the_service_and_feedback_shown(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, shown, page = _card(client)
    assert "May you pass it on without consent?" in page
    assert set(shown) == {"a", "b", "c"}
    done = _answer(client, key, "b", ms="2345")
    assert done.status_code == 303 and done.headers["location"] == f"/answered/{key}"
    feedback = client.get(done.headers["location"])
    assert feedback.status_code == 200
    assert "Correct" in feedback.text and "The person&#39;s consent is needed" in feedback.text
    assert "事例集 — 事例1" in feedback.text  # the source item
    [row] = site.log_rows("E0001")
    assert (row.card_id, row.choice, row.correct, row.method) == ("c1", "b", True, "web")
    assert row.response_ms == 2345


def test_same_key_twice_records_once_and_shows_the_earlier_result(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, _, _ = _card(client)
    assert _card(client)[0] == key  # a reload or a second tab shows the same key
    first = _answer(client, key, "a")
    second = _answer(client, key, "b")  # back button, then another choice
    assert first.headers["location"] == second.headers["location"] == f"/answered/{key}"
    assert len(site.log_rows("E0001")) == 1
    page = client.get(f"/answered/{key}")
    assert "Wrong" in page.text and "Yes" in page.text  # the first answer stands


def test_answer_without_valid_csrf_is_refused(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, _, _ = _card(client)
    refused = _answer(client, key, "b", csrf="not-the-token")
    assert refused.status_code == 403 and "nothing was recorded" in refused.text
    missing = client.post("/answer", data={"key": key, "choice": "b"})
    assert missing.status_code == 403
    assert site.log_rows("E0001") == []


def test_another_employees_card_cannot_be_answered_or_read(site):
    site.add("E0001")
    site.add("E0002")
    with make_client(site) as alice, make_client(site) as bob:
        sign_in(alice, site, "E0001")
        sign_in(bob, site, "E0002")
        key, _, _ = _card(alice)
        stolen = _answer(bob, key, "b")
        assert stolen.status_code == 404
        assert site.log_rows("E0001") == [] and site.log_rows("E0002") == []
        _answer(alice, key, "b")
        peek = bob.get(f"/answered/{key}")
        assert peek.status_code == 404 and "consent" not in peek.text


def test_wrong_answer_comes_back_at_once_when_it_is_the_last_card(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, _, _ = _card(client)
    _answer(client, key, "a")  # wrong
    feedback = client.get(f"/answered/{key}").text
    assert "Wrong" in feedback and "No" in feedback
    assert "This card will come back at the end of today&#39;s review." in feedback
    # the only card of today's queue: no waiting for its learning step (the clock stands)
    key2, _, page = _card(client)
    assert key2 != key and "May you pass it on without consent?" in page
    _answer(client, key2, "b")
    rows = site.log_rows("E0001")
    assert [(r.card_id, r.correct) for r in rows] == [("c1", False), ("c1", True)]
    end = client.get("/review").text
    assert "Well done. 2 card(s) answered, 1 correct." in end
    assert "review again after" not in end and "Check again" not in end
    assert "Next review: 2026-04-0" in end and "(Asia/Tokyo)" in end


def test_after_the_last_card_the_card_answered_wrongly_is_shown_at_once(client, site):
    site.add("E0002", hired=date(2026, 1, 5))  # two onboarding cards and a new one today
    sign_in(client, site, "E0002")
    missed = "May you pass it on without consent?"
    right = {missed: "b", "Papers may go in the bin as they are": "false", "Question 3": "a"}
    key, _, page = _card(client)
    assert missed in page
    _answer(client, key, "a")  # wrong
    seen = []
    while True:  # the other cards first, while the missed one waits for them
        key, _, page = _card(client)
        prompt = next(p for p in right if p in page)
        if prompt == missed:
            break
        seen.append(prompt)
        _answer(client, key, right[prompt])
    assert seen == ["Papers may go in the bin as they are", "Question 3"]
    assert "1 left today" in page  # the last card of today's queue
    _answer(client, key, "b")
    rows = site.log_rows("E0002")
    assert [(r.card_id, r.correct) for r in rows] == [
        ("c1", False),
        ("c2", True),
        ("c3", True),
        ("c1", True),
    ]
    end = client.get("/review").text
    assert "Well done. 4 card(s) answered, 3 correct." in end
    assert "Nothing more to review today." in end and "review again after" not in end


def test_bad_choice_and_bad_ms(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, _, _ = _card(client)
    bad = _answer(client, key, "zzz")
    assert bad.status_code == 400 and "Traceback" not in bad.text
    assert site.log_rows("E0001") == []
    _answer(client, key, "b", ms="abc")
    assert site.log_rows("E0001")[0].response_ms is None  # not measured


def test_script_in_a_card_is_shown_as_text(tmp_path):
    tricky = DECK.replace(
        '"May you pass it on without consent?"', '"<script>alert(1)</script> & <b>x</b>"'
    )
    from recall.service.workspace import open_store, sync_decks
    from tests.web.conftest import START, Clock

    decks = deck_dir(tmp_path, tricky)
    store = open_store(tmp_path / "recall.db")
    sync_decks(store, decks, START)
    store.close()
    site = Site(tmp_path / "recall.db", decks, Clock())
    site.add("E0001")
    with make_client(site) as client:
        sign_in(client, site, "E0001")
        page = client.get("/review").text
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;" in page
        assert "<script>alert" not in page
        assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/app.js" defer>']


def test_language_follows_the_employee_and_can_be_switched(client, site):
    site.add("E0001", lang=Lang.JA)
    sign_in(client, site, "E0001")
    page = client.get("/review").text
    assert '<html lang="ja">' in page and "同意なく第三者に渡してよいか" in page
    csrf = field(page, "csrf")
    switched = client.post("/lang", data={"csrf": csrf, "lang": "en", "next": "/review"})
    assert switched.status_code == 303 and switched.headers["location"] == "/review"
    page = client.get("/review").text
    assert '<html lang="en">' in page and "May you pass it on without consent?" in page
    outside = client.post("/lang", data={"csrf": csrf, "lang": "ja", "next": "//evil.example"})
    assert outside.headers["location"] == "/review"


def test_progress_page(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    key, _, _ = _card(client)
    _answer(client, key, "b")
    page = client.get("/progress")
    assert page.status_code == 200
    assert "My progress" in page.text and "Consent" in page.text and "<meter" in page.text
    assert "No open refreshers." in page.text


def test_settings_changed_while_the_server_runs_are_seen(client, site):
    from datetime import date

    site.add("E0001", hired=date(2026, 1, 5))
    sign_in(client, site, "E0001")
    before = client.get("/review").text
    assert re.search(r"[2-9] left today", before)
    store = site.store()
    store.update_settings({"daily_limit": "1"})  # as `recall settings set` would
    store.close()
    assert "1 left today" in client.get("/review").text


def test_progress_lists_open_refreshers_with_their_deadline(client, site):
    from datetime import date

    from recall.core.incident import Scope
    from recall.service import incidents

    site.add("E0001")
    store = site.store()
    incidents.record(
        store,
        site.clock(),
        title="Misaddressed e-mail <b>",
        occurred=date(2026, 4, 1),
        topics=("disposal",),
        scope=Scope(employees=("E0001",)),
        deadline=date(2026, 4, 3),
        note=None,
        dry_run=False,
    )
    store.close()
    site.clock.advance(days=5)
    sign_in(client, site, "E0001")
    page = client.get("/progress").text
    assert "Misaddressed e-mail &lt;b&gt; (c2) — Deadline 2026-04-03" in page
    assert "overdue" in page
    first = client.get("/review").text
    assert "refresher" in first  # refreshers come first, as in `recall review`
