"""recall's public API: every name in ``__all__`` resolves, and the API runs a review."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

import recall
from tests.conftest import NOW_UTC, write_deck


def test_all_is_sorted_and_every_name_resolves():
    assert recall.__all__ == sorted(recall.__all__)
    for name in recall.__all__:
        assert getattr(recall, name) is not None, name
    with pytest.raises(AttributeError):
        recall.no_such_name  # noqa: B018


def test_importing_recall_loads_no_service_code():
    code = "import sys, recall; print('recall.service.review' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_review_through_the_public_api(tmp_path):
    decks = tmp_path / "decks"
    write_deck(decks)
    store = recall.open_store(tmp_path / "r.db")
    recall.sync_decks(store, decks, NOW_UTC)
    recall.add_employee(
        store,
        NOW_UTC,
        employee_id="E1",
        name="A",
        email=None,
        department="D",
        hired=None,
        lang=recall.Lang.EN,
    )
    today = recall.today(store, "E1", NOW_UTC)
    assert today.cards and today.lang == recall.Lang.EN
    card = today.cards[0]
    done = recall.answer(
        store,
        "E1",
        card.card_id,
        card.choices[0].key,
        NOW_UTC + timedelta(seconds=5),
        response_ms=4000,
        method=recall.Method.API,
        shown_version=card.version,
    )
    assert isinstance(done, recall.Answered) and done.review_id > 0
    assert store.review_count("E1") == 1
    with pytest.raises(recall.NotFoundError):
        recall.status(store, "nobody", NOW_UTC)
