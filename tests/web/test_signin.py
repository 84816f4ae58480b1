"""Personal sign-in links, sessions, CSRF on the sign-in form and the trusted header,
driven through the real app in-process."""

from __future__ import annotations

import hashlib
import sqlite3

from recall.core.codes import Lang
from recall.service import staff
from recall.web import SESSION_COOKIE
from tests.web.conftest import field, make_client, sign_in


def test_opening_a_link_does_not_use_it_and_the_button_does(client, site):
    site.add("E0001")
    path = site.link("E0001")
    for _ in range(2):  # a mail scanner's prefetch, then the person
        page = client.get(path)
        assert page.status_code == 200
        assert 'method="post"' in page.text and "Sign in" in page.text and "サインイン" in page.text
    done = client.post(path, data={"csrf": field(page.text, "csrf")})
    assert done.status_code == 303 and done.headers["location"] == "/review"
    cookie = next(
        h for h in done.headers.get_list("set-cookie") if h.startswith(SESSION_COOKIE + "=")
    )
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
    assert client.get("/review").status_code == 200
    again = client.get(path)
    assert again.status_code == 410
    assert "This link has been used" in again.text and "このリンクは使用済みです" in again.text
    assert "ask HR" in again.text.replace("Ask HR", "ask HR")


def test_used_link_posted_again(client, site):
    site.add("E0001")
    path = site.link("E0001")
    csrf = field(client.get(path).text, "csrf")
    assert client.post(path, data={"csrf": csrf}).status_code == 303
    double_click = client.post(path, data={"csrf": csrf})  # this browser is signed in
    assert double_click.status_code == 303 and double_click.headers["location"] == "/review"
    client.cookies.clear()
    elsewhere = client.post(path, data={"csrf": csrf})
    assert elsewhere.status_code == 410 and "This link has been used" in elsewhere.text


def test_cookie_is_secure_behind_https(site):
    site.add("E0001")
    with make_client(site, base_url="https://recall.example.com") as client:
        path = site.link("E0001")
        csrf = field(client.get(path).text, "csrf")
        done = client.post(path, data={"csrf": csrf})
        cookies = done.headers.get_list("set-cookie")
        assert any(c.startswith(SESSION_COOKIE + "=") and "Secure" in c for c in cookies)


def test_expired_link_page_in_both_languages(client, site):
    site.add("E0001")
    path = site.link("E0001")
    site.clock.advance(days=7, seconds=1)  # link_days defaults to 7
    page = client.get(path)
    assert page.status_code == 410
    assert "This link has expired" in page.text and "このリンクは有効期限切れです" in page.text
    assert "Traceback" not in page.text


def test_unknown_link_page(client):
    page = client.get("/signin/not-a-real-token")
    assert page.status_code == 400
    assert "This link is not valid" in page.text and "このリンクは無効です" in page.text


def test_sign_in_post_without_its_form_token_is_refused_and_keeps_the_link(client, site):
    site.add("E0001")
    path = site.link("E0001")
    refused = client.post(path, data={"csrf": "forged"})
    assert refused.status_code == 403
    assert client.get(path).status_code == 200  # still unused


def test_leaver_cannot_sign_in_and_their_session_ends(client, site):
    site.add("E0001")
    site.add("E0002")
    sign_in(client, site, "E0002")
    path = site.link("E0001")
    store = site.store()
    staff.leave(store, site.clock(), "E0001", None)
    staff.leave(store, site.clock(), "E0002", None)
    store.close()
    page = client.get(path)
    assert page.status_code == 403 and "You cannot sign in" in page.text
    assert client.get("/review").status_code == 401


def test_secrets_are_stored_only_as_hashes(client, site):
    site.add("E0001")
    path = site.link("E0001")
    token = path.rsplit("/", 1)[1]
    assert len(token) >= 43  # 32 random bytes
    csrf = field(client.get(path).text, "csrf")
    client.post(path, data={"csrf": csrf})
    session_id = client.cookies[SESSION_COOKIE]
    conn = sqlite3.connect(site.db_path)
    links = conn.execute("SELECT token_hash FROM signin_links").fetchall()
    sessions = conn.execute("SELECT id_hash FROM web_sessions").fetchall()
    conn.close()
    assert links == [(hashlib.sha256(token.encode()).hexdigest(),)]
    assert sessions == [(hashlib.sha256(session_id.encode()).hexdigest(),)]
    raw = b"".join(p.read_bytes() for p in site.db_path.parent.glob("recall.db*"))
    assert token.encode() not in raw and session_id.encode() not in raw


def test_not_signed_in_and_idle_session_expiry(client, site):
    assert client.get("/review").status_code == 401
    site.add("E0001")
    sign_in(client, site, "E0001")
    site.clock.advance(hours=11)
    assert client.get("/review").status_code == 200  # use moves the idle expiry on
    site.clock.advance(hours=12, seconds=1)
    page = client.get("/review")
    assert page.status_code == 401 and "personal link" in page.text


def test_sign_out(client, site):
    site.add("E0001")
    sign_in(client, site, "E0001")
    csrf = field(client.get("/review").text, "csrf")
    assert client.post("/signout", data={"csrf": "wrong"}).status_code == 403
    out = client.post("/signout", data={"csrf": csrf})
    assert out.status_code == 200 and "You are signed out" in out.text
    assert client.get("/review").status_code == 401


def test_trusted_header_is_ignored_unless_enabled(client, site):
    site.add("E0001", email="taro@example.co.jp")
    assert client.get("/review", headers={"X-Remote-User": "E0001"}).status_code == 401


def test_trusted_header_maps_id_or_email(site):
    site.add("E0001", email="Taro@Example.co.jp")
    site.add("E0002", lang=Lang.JA)
    with make_client(site, trust_header="X-Remote-User") as client:
        page = client.get("/review", headers={"X-Remote-User": "taro@example.co.jp"})
        assert page.status_code == 200 and "Name E0001" in page.text
        assert SESSION_COOKIE in client.cookies
        other = client.get("/review", headers={"X-Remote-User": "E0002"})
        assert other.status_code == 200 and "Name E0002" in other.text
        unknown = client.get("/review", headers={"X-Remote-User": "nobody@example.co.jp"})
        assert unknown.status_code == 404 and "nobody@example.co.jp" in unknown.text


def test_healthz_and_security_headers(client):
    health = client.get("/healthz")
    assert health.status_code == 200 and health.text == "ok"
    for path in ("/", "/static/app.css", "/static/app.js", "/nowhere"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "unsafe-inline" not in csp
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["x-content-type-options"] == "nosniff"
    assert client.get("/nowhere").status_code == 404


def test_oversized_or_wrong_method_requests_get_a_page(client):
    big = client.post("/answer", content=b"x" * 100_000)
    assert big.status_code == 413
    wrong = client.get("/answer")
    assert wrong.status_code == 405 and "Traceback" not in wrong.text
