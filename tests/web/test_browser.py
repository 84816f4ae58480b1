"""What a person sees: a whole review in Debian's Chromium against a real uvicorn server
on a loopback port, on a 360 px phone by tapping and on a desktop by keyboard alone; a
wrong answer coming back at the end of the same session; a double click recording once.

The server runs the real app under uvicorn in a thread, with the test's clock, so days
pass without waiting. Set RECALL_SCREENSHOTS=docs to refresh the README's
screenshots.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from recall.core.codes import Lang
from recall.service.workspace import open_store, sync_decks
from tests.web.chromium import DESKTOP, PHONE, new_page, serving
from tests.web.conftest import Site

#: the sample deck's prompts (English and Japanese) → the key of the right answer
RIGHT = {
    "May you pass it on without consent?": "b",
    "Papers may go in the bin as they are": "false",
    "Question 3": "a",
    "Question 4": "true",
    "同意なく第三者に渡してよいか": "b",
    "書類はそのまま捨ててよい": "false",
    "問題3": "a",
    "問題4": "true",
}


def _shot(page, name: str) -> None:
    folder = os.environ.get("RECALL_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def _focused(page, selector: str) -> None:
    """Wait until the page's autofocus has put the focus on ``selector``."""
    page.wait_for_function(
        "s => document.activeElement && document.activeElement.matches(s)", arg=selector
    )


def _prompt(page) -> str:
    return page.locator("#prompt").inner_text().strip()


def test_whole_review_on_a_phone_by_tapping(browser, server, site):
    browser.run(lambda chromium: _whole_review_on_a_phone_by_tapping(chromium, server, site))


def _whole_review_on_a_phone_by_tapping(browser, server, site):
    site.add("E0001", lang=Lang.JA, hired=date(2026, 1, 5))
    page, problems = new_page(browser, **PHONE)
    page.goto(server + site.link("E0001"))
    page.get_by_role("button", name="サインイン / Sign in").tap()
    page.wait_for_url("**/review")
    seen = []
    while page.locator("#prompt").count():
        prompt = _prompt(page)
        seen.append(prompt)
        if len(seen) == 1:
            _shot(page, "web-phone.png")
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= 360, "the card page scrolls sideways on a phone"
            box = page.locator("button.choice").first.bounding_box()
            assert box["height"] >= 44 and box["width"] >= 300  # finger-sized
        page.locator(f'button.choice[value="{RIGHT[prompt]}"]').tap()
        page.wait_for_url("**/answered/*")
        assert page.locator("h1").inner_text().startswith("✓")
        page.get_by_role("link", name="次へ").tap()
        page.wait_for_url("**/review")
    assert len(seen) == len(set(seen)) == 3  # two onboarding cards and one new card today
    assert "今日の復習は終わりです" in page.content() and "次の復習:" in page.content()
    assert page.locator("html").get_attribute("lang") == "ja"
    rows = site.log_rows("E0001")
    assert len(rows) == 3 and all(r.correct and r.method == "web" for r in rows)
    assert all(r.response_ms and r.response_ms > 0 for r in rows)  # measured by the page
    assert problems == []


def test_whole_review_on_a_desktop_by_keyboard_alone(browser, server, site):
    browser.run(
        lambda chromium: _whole_review_on_a_desktop_by_keyboard_alone(chromium, server, site)
    )


def _whole_review_on_a_desktop_by_keyboard_alone(browser, server, site):
    site.add("E0002", hired=date(2026, 1, 5))
    page, problems = new_page(browser, **DESKTOP)
    page.goto(server + site.link("E0002"))
    _focused(page, "button.primary")  # the sign-in button has the focus
    page.keyboard.press("Enter")
    page.wait_for_url("**/review")
    count = 0
    while page.locator("#prompt").count():
        prompt = _prompt(page)
        number = page.locator(f'button.choice[value="{RIGHT[prompt]}"]').get_attribute(
            "data-number"
        )
        if count == 0:
            _shot(page, "web-desktop.png")
            page.keyboard.press(number)
        else:  # by the skip link, Tab and Enter, as without the key shortcuts
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.className") == "skip"
            page.keyboard.press("Enter")
            for _ in range(int(number)):
                page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.dataset.number") == number
            page.keyboard.press("Enter")
        page.wait_for_url("**/answered/*")
        _focused(page, "#next")  # "Next" has the focus
        page.keyboard.press("Enter")
        page.wait_for_url("**/review")
        count += 1
    assert count == 3 and len(site.log_rows("E0002")) == 3
    assert all(r.correct for r in site.log_rows("E0002"))
    assert problems == []


def test_wrong_answer_comes_back_and_double_submit_records_once(browser, server, site):
    browser.run(
        lambda chromium: _wrong_answer_comes_back_and_double_submit_records_once(
            chromium, server, site
        )
    )


def _wrong_answer_comes_back_and_double_submit_records_once(browser, server, site):
    site.add("E0003", hired=date(2026, 1, 5))
    page, problems = new_page(browser, **DESKTOP)
    page.goto(server + site.link("E0003"))
    page.get_by_role("button", name="サインイン / Sign in").click()
    page.wait_for_url("**/review")
    missed = _prompt(page)
    wrong = next(
        v
        for v in page.locator("button.choice").evaluate_all("bs => bs.map(b => b.value)")
        if v != RIGHT[missed]
    )
    page.locator(f'button.choice[value="{wrong}"]').dblclick()
    page.wait_for_url("**/answered/*")
    assert "Wrong" in page.locator("h1").inner_text()
    assert "come back at the end of today's review" in page.content()
    page.reload()
    page.go_back()  # back to the card, then answer it again
    if page.locator("#prompt").count() and _prompt(page) == missed:
        page.locator(f'button.choice[value="{RIGHT[missed]}"]').click()
        page.wait_for_url("**/answered/*")
        assert "Wrong" in page.locator("h1").inner_text()  # the first answer stands
    assert len(site.log_rows("E0003")) == 1
    page.goto(server + "/review")
    others = []  # the rest of today's cards come first, while the missed one waits
    while page.locator("#prompt").count() and _prompt(page) != missed:
        prompt = _prompt(page)
        others.append(prompt)
        page.locator(f'button.choice[value="{RIGHT[prompt]}"]').click()
        page.wait_for_url("**/answered/*")
        page.get_by_role("link", name="Next").click()
        page.wait_for_url("**/review")
    assert len(others) == 2
    # after the last of them the missed card is shown at once: the clock has not moved
    assert page.locator("#prompt").count() == 1 and _prompt(page) == missed
    page.locator(f'button.choice[value="{RIGHT[missed]}"]').click()
    page.wait_for_url("**/answered/*")
    assert page.locator("h1").inner_text().startswith("✓")
    page.get_by_role("link", name="Next").click()
    page.wait_for_url("**/review")
    assert "Nothing more to review today." in page.content()
    assert "review again after" not in page.content()
    rows = [(r.card_id, r.correct) for r in site.log_rows("E0003")]
    assert len(rows) == 4 and rows[0][1] is False and rows[-1] == (rows[0][0], True)
    assert problems == []


def test_script_in_a_card_is_text_and_links_that_do_not_work_say_so(browser, tmp_path):
    from tests.conftest import DECK
    from tests.web.conftest import START, Clock, deck_dir

    tricky = DECK.replace(
        '"May you pass it on without consent?"',
        '"<script>window.injected = 1</script> <img src=x onerror=window.injected=2> & <b>x</b>"',
    )
    decks = deck_dir(tmp_path, tricky)
    store = open_store(tmp_path / "recall.db")
    sync_decks(store, decks, START)
    store.close()
    site = Site(tmp_path / "recall.db", decks, Clock())
    site.add("E0001")
    site.add("E0002")
    with serving(site) as url:
        link = site.link("E0001")
        expired = site.link("E0002")
        browser.run(lambda chromium: _tricky(chromium, url, site, link, expired))


def _tricky(browser, url, site, link, expired):
    page, problems = new_page(browser, **DESKTOP)
    page.goto(url + link)
    page.get_by_role("button", name="サインイン / Sign in").click()
    page.wait_for_url("**/review")
    assert _prompt(page) == (
        "<script>window.injected = 1</script> <img src=x onerror=window.injected=2> & <b>x</b>"
    )
    assert page.evaluate("window.injected") is None
    assert page.locator("main img, main b").count() == 0
    page.goto(url + link)  # the used link
    assert (
        "このリンクは使用済みです" in page.content() and "This link has been used" in page.content()
    )
    site.clock.advance(days=8)
    page.goto(url + expired)
    text = page.inner_text("main")
    assert "このリンクは有効期限切れです" in text and "This link has expired" in text
    assert "ask HR" in text.replace("Ask HR", "ask HR")
    assert [p for p in problems if "status of 4" not in p] == []  # 400/410 pages are expected
