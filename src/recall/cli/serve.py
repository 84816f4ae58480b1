"""``recall serve`` (the web review under uvicorn) and ``recall link`` (a personal
sign-in link for one employee)."""

from __future__ import annotations

import errno
import logging
import re
import socket
from typing import Annotated

import typer

from recall.cli.output import LangOption
from recall.cli.runtime import runtime
from recall.core.codes import Lang
from recall.errors import InputError
from recall.i18n import t

__all__ = ["register"]

_DEFAULT_PORT = 8000

_BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url",
        envvar="RECALL_BASE_URL",
        help="The address employees reach the server at, as the reverse proxy publishes it "
        "(e.g. https://recall.example.co.jp). Links are built on it; with https the "
        "session cookie is Secure. Default: http://HOST:PORT.",
        show_default=False,
    ),
]


def register(root: typer.Typer) -> None:
    """Attach ``serve`` and ``link`` to the root app."""
    root.command("serve")(serve)
    root.command("link")(link)


def serve(
    ctx: typer.Context,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (loopback by default).")
    ] = "127.0.0.1",
    port: Annotated[
        int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")
    ] = _DEFAULT_PORT,
    base_url: _BaseUrlOption = None,
    trust_header: Annotated[
        str | None,
        typer.Option(
            "--trust-header",
            help="Sign people in by this request header (e.g. X-Remote-User), whose value "
            "is the employee id or work email. Only behind a reverse proxy that "
            "authenticates staff and sets it: anyone who can reach the server directly "
            "could otherwise send it. Off by default.",
            show_default=False,
        ),
    ] = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Serve the daily review in the browser (stop with Ctrl-C).

    Employees sign in with a personal link (`recall link ID`, or the daily reminder) and
    review today's cards one at a time; every answer is recorded like `recall review`'s
    (method web). Listens on 127.0.0.1:8000 unless told otherwise: put it behind a
    reverse proxy that terminates HTTPS (see the README).

    Example: recall serve --base-url https://recall.example.co.jp
    """
    import uvicorn

    from recall.web import create_app

    rt = runtime(ctx)
    sock = _bind(host, port, lang)
    url = (base_url or f"http://{_url_host(host)}:{port}").rstrip("/")
    try:
        app = create_app(
            rt.db_path,
            rt.decks_dir,
            base_url=url,
            trust_header=trust_header,
            now=rt.now if rt.now_text else None,
            warn=lambda problems: rt.err_console.print(
                t("serve.deck_problems", lang, n=problems),
                style="yellow",
                markup=False,
            ),
            lang=lang,
        )
        logging.getLogger("uvicorn.access").addFilter(_RedactTokens())
        config = uvicorn.Config(
            app, log_level="info", server_header=False, proxy_headers=True, timeout_notify=30
        )
        rt.err_console.print(
            t("serve.serving", lang, db=rt.db_path, address=f"{_url_host(host)}:{port}", url=url),
            markup=False,
            soft_wrap=True,
        )
        try:
            uvicorn.Server(config).run(sockets=[sock])
        except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it handled: a clean stop
            pass
        rt.err_console.print(t("serve.stopped", lang), markup=False)
    finally:
        sock.close()


def link(
    ctx: typer.Context,
    employee_id: Annotated[str, typer.Argument(help="The employee's id.")],
    base_url: _BaseUrlOption = None,
    lang: LangOption = Lang.JA,
) -> None:
    """Print a personal sign-in link for one employee's web review.

    The link works once and expires after the `link_days` setting (default 7 days);
    opening it shows a sign-in button, so mail scanners that open links do not use it up.
    Leavers get no link.

    Example: recall link E0001 --base-url https://recall.example.co.jp
    """
    from recall.service import auth

    rt = runtime(ctx)
    store = rt.store()
    issued = auth.issue_link(store, employee_id, rt.now())
    url = (base_url or f"http://127.0.0.1:{_DEFAULT_PORT}").rstrip("/")
    typer.echo(issued.url(url))
    policy = store.policy()
    until = issued.expires_at.astimezone(policy.zone)
    rt.err_console.print(
        t("link.valid", lang, until=f"{until:%Y-%m-%d %H:%M}", zone=policy.settings.timezone),
        markup=False,
    )


def _bind(host: str, port: int, lang: str = "en") -> socket.socket:
    """A listening socket, or a clear error when the address is taken or unusable."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        message = t("serve.bad_host", lang, host=host, reason=error.strerror)
        raise InputError(message, lang=lang) from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            message = t("serve.port_in_use", lang, host=host, port=port)
            raise InputError(message, lang=lang) from None
        message = t("serve.cannot_listen", lang, host=host, port=port, reason=error.strerror)
        raise InputError(message, lang=lang) from None
    sock.set_inheritable(True)
    return sock


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


class _RedactTokens(logging.Filter):
    """Keep sign-in tokens out of the access log."""

    _TOKEN = re.compile(r"(/signin/)[^\s?/]+")

    def filter(self, record: logging.LogRecord) -> bool:  # noqa: D102
        if isinstance(record.args, tuple):
            record.args = tuple(
                self._TOKEN.sub(r"\1…", a) if isinstance(a, str) else a for a in record.args
            )
        return True
