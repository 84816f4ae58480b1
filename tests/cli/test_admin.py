"""``recall admin``: add (prints a working sign-in link), list, remove; bad input refused."""

from __future__ import annotations

from recall.core.codes import LinkState
from recall.service import admins
from tests.conftest import NOW_UTC


def test_add_list_remove(cli, store):
    added = cli(
        "admin",
        "add",
        *("hr@example.jp", "--role", "hr", "--base-url", "https://r.example"),
        env={"RECALL_LANG": "en"},
    )
    assert added.exit_code == 0, added.output
    url = added.stdout.strip()
    assert url.startswith("https://r.example/signin/")
    assert "hr@example.jp (hr): link valid once" in added.stderr
    token = url.rsplit("/", 1)[1]
    assert admins.link_state(store, token, NOW_UTC) is LinkState.VALID
    cli("admin", "add", "audit@example.jp")  # viewer by default
    listed = cli("admin", "list")
    assert listed.exit_code == 0
    assert "hr@example.jp" in listed.stdout and "viewer" in listed.stdout
    removed = cli("admin", "remove", "HR@example.jp")
    assert removed.exit_code == 0
    assert [a.email for a in admins.listing(store)] == ["audit@example.jp"]
    assert admins.link_state(store, token, NOW_UTC) is LinkState.UNKNOWN
    assert removed.stdout == "HR@example.jp を削除しました\n"  # RECALL_LANG unset: Japanese


def test_bad_input_is_refused(cli):
    assert cli("admin", "add", "not-an-email").exit_code == 1
    assert cli("admin", "add", "a@example.jp", "--role", "boss").exit_code == 2
    gone = cli("admin", "remove", "nobody@example.jp", env={"RECALL_LANG": "en"})
    assert gone.exit_code == 1 and "no admin 'nobody@example.jp'" in gone.stderr
    japanese = cli("admin", "remove", "nobody@example.jp")  # RECALL_LANG unset: Japanese
    assert japanese.stderr == "エラー: 管理者 'nobody@example.jp' は登録されていません\n"
