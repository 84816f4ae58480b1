"""Errors on the review pages are in the session's language: a keyed error from the
service (a stale or foreign card) reads Japanese for a Japanese employee and English for
an English one, and a bad language choice is refused in the page's language."""

from __future__ import annotations

import html

from recall.core.codes import Lang
from tests.web.conftest import field, make_client, sign_in

STALE_JA = "このカードはあなたに表示されたものではありません。今日の復習をもう一度開いてください"
STALE_EN = "this card was not shown to you; open today's review again"


def _post_answer(client, key: str):
    csrf = field(client.get("/progress").text, "csrf")
    return client.post("/answer", data={"csrf": csrf, "key": key, "choice": "b", "ms": "900"})


def test_a_stale_card_is_explained_in_the_employees_language(site):
    site.add("E0001", lang=Lang.JA)
    site.add("E0002", lang=Lang.EN)
    with make_client(site) as japanese, make_client(site) as english:
        sign_in(japanese, site, "E0001")
        sign_in(english, site, "E0002")
        ja = _post_answer(japanese, "no-such-key")
        en = _post_answer(english, "no-such-key")
    assert ja.status_code == 404
    assert f'<section class="message" lang="ja">\n  <h1>エラー</h1>\n<p>{STALE_JA}</p>' in ja.text
    assert STALE_EN not in html.unescape(ja.text)
    assert en.status_code == 404
    assert '<section class="message" lang="en">\n  <h1>Error</h1>' in en.text
    assert STALE_EN in html.unescape(en.text) and STALE_JA not in en.text
    assert site.log_rows("E0001") == [] and site.log_rows("E0002") == []


def test_a_bad_language_choice_is_refused_in_the_sessions_language(site):
    site.add("E0001", lang=Lang.JA)
    with make_client(site) as client:
        sign_in(client, site, "E0001")
        csrf = field(client.get("/progress").text, "csrf")
        refused = client.post("/lang", data={"csrf": csrf, "lang": "fr", "next": "/review"})
    assert refused.status_code == 400
    assert "lang 'fr': ja または en を指定してください" in html.unescape(refused.text)


def test_an_error_before_anyone_is_signed_in_is_shown_in_both_languages(site):
    with make_client(site, trust_header="X-Remote-User") as client:
        unknown = client.get("/review", headers={"X-Remote-User": "nobody@example.co.jp"})
    assert unknown.status_code == 404
    text = html.unescape(unknown.text)
    assert '<section class="message" lang="ja">' in unknown.text
    assert "社員番号またはメールアドレスが 'nobody@example.co.jp' の従業者はいません" in text
    assert '<section class="message" lang="en">' in unknown.text
    assert "no employee with id or email 'nobody@example.co.jp'" in text
