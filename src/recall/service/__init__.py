"""recall's use cases: one function per thing a person does, shared by the CLI and the web.

Each use case takes the open :class:`recall.store.Store` and ``now`` (aware UTC), owns its
transaction, returns typed results and raises :class:`recall.errors.RecallError`
subclasses. The CLI and the web app parse, call one use case and render.

Modules: :mod:`~recall.service.workspace` (open the database with the decks in sync),
:mod:`~recall.service.review` (today's cards, answering, status, first-use enrolment),
:mod:`~recall.service.staff` (the roster), :mod:`~recall.service.incidents` (incidents
and coverage refreshers), :mod:`~recall.service.reports` (the data behind each report),
:mod:`~recall.service.settings` (the organisation's settings).
"""
