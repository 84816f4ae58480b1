"""The web review: ``recall serve`` runs :func:`create_app` under uvicorn.

Modules: :mod:`recall.web.app` (the app factory, its views and security headers);
``templates/`` (Jinja2, autoescaped) and ``static/`` (one stylesheet, one small script).
"""

from recall.web.app import SESSION_COOKIE, create_app

__all__ = ["SESSION_COOKIE", "create_app"]
