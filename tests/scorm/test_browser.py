"""The SCO in headless Chromium against scorm-again as the LMS, for SCORM 1.2 and 2004."""

from __future__ import annotations

import pytest

from recall.core.deck import Deck
from recall.scorm import Selection

from .conftest import (
    TRICKY_PROMPT,
    Site,
    answer_of,
    lms_launch_data,
    make_deck,
    merged,
    wrong_of,
)

INIT = {"1.2": "LMSInitialize", "2004": "Initialize"}
TERM = {"1.2": "LMSFinish", "2004": "Terminate"}
# scorm-again's log levels: 1 debug, 2 info, 3 warn, 4 error.
ERROR_LEVEL = 4


class Player:
    """One browser page: the test LMS host with a SCO in its iframe."""

    def __init__(self, browser, site: Site, deck: Deck) -> None:  # noqa: ANN001
        self.site = site
        self.deck = deck
        self.page = browser.new_page(viewport={"width": 390, "height": 844})
        self.console_errors: list[str] = []
        self.page.on(
            "console",
            lambda m: self.console_errors.append(m.text) if m.type == "error" else None,
        )
        self.page.on("pageerror", lambda e: self.console_errors.append(str(e)))
        self.frame = self.page.frame_locator("#sco")

    def launch(
        self,
        standard: str,
        package: str,
        previous: dict | None = None,
        learner: str = "learner-1",
    ) -> None:
        """Open the host page and launch the SCO with what an LMS would give it: the data
        its manifest sets, the learner's id, and ``previous`` (the stored data on a resume).
        """
        self.standard = standard
        manifest = (self.site.root / package.strip("/") / "imsmanifest.xml").read_bytes()
        data = merged(lms_launch_data(manifest, learner), previous)
        self.page.goto(f"{self.site.base_url}/host/index.html")
        self.page.evaluate(
            "([s, p, u]) => window.launch(s, p, u)", [standard, data, f"{package}index.html"]
        )
        self.frame.locator("#prompt, #results").first.wait_for()

    def card(self) -> str | None:
        return self.frame.locator("main").get_attribute("data-card")

    def answer(self, key: str) -> None:
        self.frame.locator(f'button.choice[data-key="{key}"]').click()
        self.frame.locator("#feedback").wait_for()

    def next(self) -> None:
        self.frame.locator("#next").click()
        self.frame.locator("#prompt, #results").first.wait_for()

    def shown(self) -> list[str]:
        """The keys of the current card's choices, in the order the learner sees them."""
        return self.frame.locator("button.choice").evaluate_all(
            "buttons => buttons.map(b => b.getAttribute('data-key'))"
        )

    def run(
        self,
        wrong_first: set[str] = frozenset(),
        stop_after: int | None = None,
        orders: dict[str, list[str]] | None = None,
    ) -> list[str]:
        """Answer until the results show (or ``stop_after`` answers); return the card order.

        ``orders``, if given, receives each card's choice order as first shown.
        """
        seen: list[str] = []
        while self.frame.locator("#results").count() == 0:
            if stop_after is not None and len(seen) >= stop_after:
                break
            card_id = self.card()
            assert card_id
            if orders is not None and card_id not in orders:
                orders[card_id] = self.shown()
            wrong = card_id in wrong_first and card_id not in seen
            self.answer(wrong_of(self.deck, card_id) if wrong else answer_of(self.deck, card_id))
            seen.append(card_id)
            self.next()
        return seen

    def cmi(self) -> dict:
        return self.page.evaluate("() => window.cmiJson()")

    def events(self) -> dict:
        return self.page.evaluate("() => window.lms.events")

    def calls(self) -> list[dict]:
        return self.page.evaluate("() => window.lms.calls")

    def close(self) -> None:
        self.page.evaluate("() => window.closeSco()")
        self.page.wait_for_function(
            "(name) => window.lms.events[name] >= 1", arg=TERM[self.standard]
        )

    def assert_clean(self) -> None:
        """No API call left an error, scorm-again logged no error, the console is clean."""
        failed = [
            c
            for c in self.calls()
            if c["error"] != "0"
            and not (c["method"] in ("GetValue", "LMSGetValue") and c["error"] == "403")
        ]
        assert failed == []
        log = self.page.evaluate("() => window.lms.log")
        assert [e for e in log if e["level"] >= ERROR_LEVEL] == []
        assert self.console_errors == []


@pytest.fixture
def player(browser, site):
    players: list[Player] = []

    def make(deck: Deck) -> Player:
        p = Player(browser, site, deck)
        players.append(p)
        return p

    yield make
    for p in players:
        p.page.close()


def status_of(cmi: dict, standard: str) -> tuple[str, ...]:
    c = cmi["cmi"]
    if standard == "1.2":
        return (c["core"]["lesson_status"],)
    return (c["completion_status"], c["success_status"])


def score_of(cmi: dict, standard: str) -> dict:
    c = cmi["cmi"]
    return c["core"]["score"] if standard == "1.2" else c["score"]


def exit_of(cmi: dict, standard: str) -> str:
    c = cmi["cmi"]
    return c["core"]["exit"] if standard == "1.2" else c["exit"]


def location_of(cmi: dict, standard: str) -> str:
    c = cmi["cmi"]
    return c["core"]["lesson_location"] if standard == "1.2" else c["location"]


def recorded(cmi: dict) -> list[dict]:
    items = cmi["cmi"]["interactions"]
    return [items[k] for k in sorted(items, key=int)]


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_all_correct_passes_with_100(standard, site, player):
    deck = make_deck(4)
    package = site.publish_deck(deck, selection=Selection("all"), standard=standard)
    p = player(deck)
    p.launch(standard, package)
    order = p.run()

    assert order == [c.id for c in deck.cards]
    assert p.frame.locator("#results .score").inner_text().startswith("スコア：100 点")
    cmi = p.cmi()
    score = score_of(cmi, standard)
    assert (score["raw"], score["min"], score["max"]) == ("100", "0", "100")
    if standard == "1.2":
        assert status_of(cmi, standard) == ("passed",)
        assert exit_of(cmi, standard) == ""
        assert cmi["cmi"]["core"]["session_time"] != "00:00:00"
    else:
        assert status_of(cmi, standard) == ("completed", "passed")
        assert score["scaled"] == "1"
        assert exit_of(cmi, standard) == "normal"
        assert cmi["cmi"]["session_time"].startswith("PT")
    items = recorded(cmi)
    assert [i["id"] for i in items] == order
    for item, card in zip(items, deck.cards, strict=True):
        assert item["type"] == "choice"
        assert item["result"] == "correct"
        assert item["latency"]
        pattern = item["correct_responses"]["0"]["pattern"]
        response = item["student_response" if standard == "1.2" else "learner_response"]
        assert response == pattern
        if standard == "2004":
            assert pattern == card.answer
            assert item["description"] == card.text("prompt", "ja")
            assert item["timestamp"].endswith("Z")
        else:
            assert pattern == {"b": "b", "true": "t"}[card.answer]
            assert item["time"]
    assert p.events()[INIT[standard]] == 1
    assert p.events()[TERM[standard]] == 1
    p.assert_clean()


# card-001 and card-003 wrong at first: they come back after three other cards (or at the
# end); 2 of 4 right at the first try = score 50. Pass marks: 40 (above), 50 (at), 80 (below).
EXPECTED_ORDER = ["card-001", "card-002", "card-003", "card-004", "card-001", "card-003"]
# The record the README's --status table promises, as stored by a runtime that applies the
# standards' rules: 1.2 lesson_status; 2004 (completion, success, progress_measure).
RECORD = {
    ("1.2", "passed-failed", "above"): ("passed",),
    ("1.2", "passed-failed", "at"): ("passed",),
    ("1.2", "passed-failed", "below"): ("failed",),
    ("1.2", "passed-incomplete", "above"): ("passed",),
    ("1.2", "passed-incomplete", "below"): ("incomplete",),
    ("1.2", "completed", "above"): ("completed",),
    ("1.2", "completed", "below"): ("completed",),
    ("2004", "passed-failed", "above"): ("completed", "passed", "1"),
    ("2004", "passed-failed", "at"): ("completed", "passed", "1"),
    ("2004", "passed-failed", "below"): ("completed", "failed", "1"),
    ("2004", "passed-incomplete", "above"): ("completed", "passed", "1"),
    ("2004", "passed-incomplete", "below"): ("incomplete", "unknown", "0.625"),
    ("2004", "completed", "above"): ("completed", "unknown", "1"),
    ("2004", "completed", "below"): ("completed", "unknown", "1"),
}
MARK = {"above": 40, "at": 50, "below": 80}


def record_of(cmi: dict, standard: str) -> tuple[str, ...]:
    c = cmi["cmi"]
    if standard == "1.2":
        return (c["core"]["lesson_status"],)
    return (c["completion_status"], c["success_status"], c["progress_measure"])


def sent(player: Player, element: str) -> list[str]:
    """The values the SCO set for ``element``, in order."""
    return [
        c["args"][1]
        for c in player.calls()
        if c["method"] in ("SetValue", "LMSSetValue") and c["args"][0] == element
    ]


@pytest.mark.parametrize(("standard", "status", "side"), list(RECORD))
def test_each_status_mode_gives_the_promised_record_under_strict_rules(
    standard, status, side, site, player
):
    deck = make_deck(4)
    mark = MARK[side]
    package = site.publish_deck(
        deck,
        selection=Selection("all"),
        standard=standard,
        status=status,
        passing_score=mark,
        lang="en",
    )
    p = player(deck)
    p.launch(standard, package)
    # The runtime got the pass mark from the manifest only where it may decide pass/fail.
    c = p.cmi()["cmi"]
    if standard == "1.2":
        given = c["student_data"]["mastery_score"]
        assert given == (str(mark) if status == "passed-failed" else "")
    else:
        given = c["scaled_passing_score"]
        assert given == (
            {40: "0.4", 50: "0.5", 80: "0.8"}[mark] if status == "passed-failed" else ""
        )
        assert c["completion_threshold"] == ""
    order = p.run(wrong_first={"card-001", "card-003"})

    assert order == EXPECTED_ORDER
    cmi = p.cmi()
    record = record_of(cmi, standard)
    assert record == RECORD[(standard, status, side)]
    # What the SCO sent is what the runtime stored: no rule had to override it.
    if standard == "1.2":
        assert sent(p, "cmi.core.lesson_status")[-1] == record[0]
        assert sent(p, "cmi.core.score.raw") == ["50"]
    else:
        assert sent(p, "cmi.completion_status")[-1] == record[0]
        assert (sent(p, "cmi.success_status") or ["unknown"])[-1] == record[1]
        if status == "completed":
            assert sent(p, "cmi.success_status") == []
        assert sent(p, "cmi.progress_measure")[-1] == record[2]
        assert sent(p, "cmi.score.scaled") == ["0.5"]
        assert score_of(cmi, standard)["scaled"] == "0.5"
    assert score_of(cmi, standard)["raw"] == "50"
    results = [i["result"] for i in recorded(cmi)]
    wrong = "wrong" if standard == "1.2" else "incorrect"
    assert results == [wrong, "correct", wrong, "correct", "correct", "correct"]
    shown = p.frame.locator("#results .verdict").inner_text()
    if status == "completed":
        assert shown == "You have completed the course."
    elif side == "below":
        assert shown == f"You did not reach the pass mark ({mark}). Please take the course again."
    else:
        assert shown == f"You passed (pass mark {mark})."
    assert p.frame.locator("#results .score").inner_text().startswith("Score: 50")
    assert p.events()[INIT[standard]] == 1
    assert p.events()[TERM[standard]] == 1
    p.assert_clean()


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_close_midway_then_resume_where_it_stopped(standard, site, player):
    deck = make_deck(5)
    package = site.publish_deck(deck, selection=Selection("all"), standard=standard)
    first = player(deck)
    first.launch(standard, package)
    done = first.run(wrong_first={"card-002"}, stop_after=3)
    assert done == ["card-001", "card-002", "card-003"]
    assert first.card() == "card-004"
    first.close()

    saved = first.cmi()
    assert first.events()[INIT[standard]] == 1
    assert first.events()[TERM[standard]] == 1
    assert exit_of(saved, standard) == "suspend"
    assert location_of(saved, standard) == "card-004"
    assert saved["cmi"]["suspend_data"].startswith("R1.")
    status = status_of(saved, standard)
    assert status[0] == "incomplete"
    assert len(recorded(saved)) == 3
    first.assert_clean()

    # The LMS relaunches the attempt with the data it stored, marked as a resume.
    previous = saved["cmi"]
    if standard == "1.2":
        previous["core"]["entry"] = "resume"
    else:
        previous["entry"] = "resume"
    second = player(deck)
    second.launch(standard, package, previous)
    assert second.frame.locator(".resumed").count() == 1
    assert second.card() == "card-004"
    rest = second.run()
    # card-002 (wrong before closing) still comes back before the attempt can finish.
    assert rest == ["card-004", "card-005", "card-002"]
    cmi = second.cmi()
    assert score_of(cmi, standard)["raw"] == "80"
    assert status_of(cmi, standard)[-1] == "passed"
    assert second.events()[INIT[standard]] == 1
    assert second.events()[TERM[standard]] == 1
    second.assert_clean()


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_card_text_is_shown_literally(standard, site, player):
    deck = make_deck(2, tricky=True)
    package = site.publish_deck(deck, selection=Selection("all"), standard=standard)
    p = player(deck)
    p.launch(standard, package)

    prompt = p.frame.locator("#prompt")
    assert prompt.inner_text() == TRICKY_PROMPT
    assert prompt.locator("b, script").count() == 0
    assert p.frame.locator("body").evaluate("() => window.injected === undefined")
    p.run()
    p.assert_clean()


def test_suspend_data_stays_small_with_200_cards(site, player):
    deck = make_deck(200, onboarding=0)
    package = site.publish_deck(deck, selection=Selection("all"), standard="1.2")
    p = player(deck)
    p.launch("1.2", package)
    # Answer every card in the page (fast), every seventh wrong at first.
    answers = {c.id: (c.answer, wrong_of(deck, c.id)) for c in deck.cards}
    p.frame.locator("body").evaluate(
        """async (body, answers) => {
            const seen = new Set();
            let i = 0;
            while (!document.getElementById("results")) {
                const id = document.querySelector("main").getAttribute("data-card");
                const [right, wrong] = answers[id];
                const key = (!seen.has(id) && i % 7 === 0) ? wrong : right;
                seen.add(id);
                i += 1;
                document.querySelector(`button.choice[data-key="${key}"]`).click();
                document.getElementById("next").click();
            }
        }""",
        answers,
    )
    sizes = [
        len(c["args"][1])
        for c in p.calls()
        if c["method"] == "LMSSetValue" and c["args"][0] == "cmi.suspend_data"
    ]
    assert len(sizes) >= 200
    assert max(sizes) < 4096
    # The worst case of the same encoder for this deck size, in the browser:
    worst = p.frame.locator("body").evaluate(
        "() => window.recallScorm.encodeProgress('abcdefgh', new Array(200).fill(3)).length"
    )
    assert worst < 4096
    assert p.cmi()["cmi"]["core"]["lesson_status"] in ("passed", "failed")
    p.assert_clean()


def test_preview_without_lms(site, browser):
    deck = make_deck(2)
    package = site.publish_deck(deck, selection=Selection("all"), lang="en")
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        page.goto(f"{site.base_url}{package}index.html")
        assert "Preview mode" in page.locator("#preview").inner_text()
        assert page.title() == "Test deck — All cards"
        for card in deck.cards:
            page.locator(f'button.choice[data-key="{card.answer}"]').click()
            page.locator("#next").click()
        assert page.locator("#results .score").inner_text().startswith("Score: 100")
        assert errors == []
    finally:
        page.close()


def test_popup_finds_the_api_through_the_opener(site, player):
    deck = make_deck(2)
    package = site.publish_deck(deck, selection=Selection("all"), standard="2004")
    p = player(deck)
    p.standard = "2004"
    p.page.goto(f"{site.base_url}/host/index.html")
    with p.page.expect_popup() as info:
        p.page.evaluate("(u) => window.launch('2004', null, u, true)", f"{package}index.html")
    popup = info.value
    try:
        popup.locator("#prompt").wait_for()
        assert popup.locator("#preview").count() == 0
        for card in deck.cards:
            popup.locator(f'button.choice[data-key="{card.answer}"]').click()
            popup.locator("#next").click()
        popup.locator("#results").wait_for()
        cmi = p.cmi()
        assert status_of(cmi, "2004") == ("completed", "passed")
        assert p.events()["Initialize"] == 1
        assert p.events()["Terminate"] == 1
        p.assert_clean()
    finally:
        popup.close()


def test_bundled_deck_runs_in_the_browser(site, player):
    from pathlib import Path

    from recall.deckfiles import load_decks

    bundled = Path(__file__).resolve().parents[2] / "decks" / "privacy-incidents.yaml"
    deck = load_decks([bundled])[0]
    package = site.publish_deck(deck, selection=Selection("onboarding"), standard="1.2", lang="en")
    p = player(deck)
    p.launch("1.2", package)
    order = p.run()
    assert order == [c.id for c in deck.cards if c.onboarding]
    cmi = p.cmi()
    assert status_of(cmi, "1.2") == ("passed",)
    assert len(recorded(cmi)) == len(order)
    p.assert_clean()


def choice_orders(player, site: Site, deck: Deck, package: str, standard: str, learner: str):
    """Launch as ``learner``, go through the course; return each card's choice order."""
    p = player(deck)
    p.launch(standard, package, learner=learner)
    orders: dict[str, list[str]] = {}
    p.run(orders=orders)
    p.assert_clean()
    return orders


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_choices_are_shuffled_per_learner_and_stable(standard, site, player):
    deck = make_deck(8)  # cards 1, 3, 5, 7: three choices; 2, 4, 6, 8: true-false
    package = site.publish_deck(deck, selection=Selection("all"), standard=standard, lang="en")
    learners = ["E0001", "E0002", "E0003", "E0004"]
    seen = {who: choice_orders(player, site, deck, package, standard, who) for who in learners}

    file_order = {c.id: [ch.key for ch in c.choices] for c in deck.cards}
    for orders in seen.values():
        for card in deck.cards:
            shown = orders[card.id]
            assert sorted(shown) == sorted(file_order[card.id])
            if card.kind == "true-false":
                assert shown == ["true", "false"]
    choice_cards = [c.id for c in deck.cards if c.kind != "true-false"]
    # Learners do not all see the same order, and not everyone sees the file's order.
    assert any(len({tuple(seen[w][c]) for w in learners}) > 1 for c in choice_cards)
    assert any(seen[w][c] != file_order[c] for w in learners for c in choice_cards)
    # The same learner sees the same order in a new attempt.
    assert choice_orders(player, site, deck, package, standard, "E0002") == seen["E0002"]


@pytest.mark.parametrize("standard", ["1.2", "2004"])
def test_shuffled_choice_is_recorded_by_key_and_order_survives_a_resume(standard, site, player):
    deck = make_deck(6)
    package = site.publish_deck(deck, selection=Selection("all"), standard=standard, lang="en")
    texts = {(c.id, ch.key): ch.text["en"] for c in deck.cards for ch in c.choices}
    # A learner who sees card-001's wrong choice c first (the file has a, b, c).
    for n in range(1, 50):
        learner = f"E{n:04d}"
        first = player(deck)
        first.launch(standard, package, learner=learner)
        if first.shown()[0] == "c":
            break
        first.page.close()
    else:
        pytest.fail("no learner among 49 saw choice c of card-001 first")
    assert first.card() == "card-001"
    order_001 = first.shown()
    buttons = first.frame.locator("button.choice")
    assert [buttons.nth(i).inner_text() for i in range(3)] == [
        texts[("card-001", k)] for k in order_001
    ]
    # Click the first button shown: the interaction holds that choice's key, c.
    buttons.nth(0).click()
    first.frame.locator("#feedback").wait_for()
    first.next()
    assert first.card() == "card-002"
    first.answer("true")
    first.next()
    assert first.card() == "card-003"
    order_003 = first.shown()
    first.close()

    saved = first.cmi()
    item = recorded(saved)[0]
    assert item["id"] == "card-001"
    assert item["student_response" if standard == "1.2" else "learner_response"] == "c"
    assert item["correct_responses"]["0"]["pattern"] == "b"
    assert item["result"] == ("wrong" if standard == "1.2" else "incorrect")

    previous = saved["cmi"]
    if standard == "1.2":
        previous["core"]["entry"] = "resume"
    else:
        previous["entry"] = "resume"
    second = player(deck)
    second.launch(standard, package, previous, learner=learner)
    assert second.card() == "card-003"
    assert second.shown() == order_003
    orders: dict[str, list[str]] = {}
    second.run(orders=orders)
    # card-001, answered wrongly before closing, comes back in the same order.
    assert orders["card-001"] == order_001
    second.assert_clean()
