"""``recall deck ...``: check deck files, list the decks, show a card as an employee sees it."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from recall.cli.output import LangOption
from recall.cli.runtime import runtime
from recall.cli.terminal import TerminalConsole
from recall.core.codes import Lang
from recall.core.deck import Card, Deck
from recall.core.deck_cues import find_cues
from recall.deckfiles import load_decks, read_decks
from recall.errors import DeckError, NotFoundError, Problem
from recall.i18n import t

app = typer.Typer(help="Check, list and preview deck files (YAML).", no_args_is_help=True)


@app.command("check")
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Deck files or folders. Default: the decks folder (./decks)."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Exit 1 on warnings (surface cues), too.")
    ] = False,
    lang: LangOption = Lang.JA,
) -> None:
    """Validate deck files and report every problem as FILE:LINE: card ID: message.

    Then warn about surface cues that let a learner pass without knowing the rules: answers
    that are the longest choice or sit at one place more often than chance, too many
    true-false cards, explanations that name none of their card's rules.
    Exits 0 when every deck is valid (1 on any problem); with --strict, 1 on any warning too.
    """
    targets = paths or [runtime(ctx).decks_dir]
    decks, problems = read_decks(targets, lang)
    if not decks and not problems:
        problems = [Problem(str(p), 0, None, t("deck.none", lang)) for p in targets]
    if problems:
        raise DeckError(problems, lang)
    cards = sum(len(d.cards) for d in decks)
    warnings = [w for deck in decks for w in find_cues(deck, lang=lang)]
    errors = TerminalConsole(stderr=True, highlight=False, soft_wrap=True)
    for warning in warnings:
        message = t("deck.warning", lang, message=warning.message)
        errors.print(str(Problem(warning.file, warning.line, warning.card, message)), markup=False)
    counts = {"decks": len(decks), "cards": cards}
    if not warnings:
        runtime(ctx).console.print(t("deck.ok", lang, **counts), markup=False)
        return
    counts |= {"n": len(warnings), "s": "s" if len(warnings) != 1 else ""}
    if strict:
        errors.print(t("deck.strict_failed", lang, **counts), style="red", markup=False)
        raise typer.Exit(1)
    runtime(ctx).console.print(t("deck.ok_warnings", lang, **counts), markup=False)


@app.command("list")
def list_decks(
    ctx: typer.Context,
    lang: LangOption = Lang.JA,
) -> None:
    """List the decks with their card counts per topic and the onboarding core.

    Example: recall deck list --lang en
    """
    console = runtime(ctx).console
    folder = runtime(ctx).decks_dir
    decks = load_decks([folder], lang)
    if not decks:
        raise DeckError([Problem(str(folder), 0, None, t("deck.none", lang))], lang)
    for deck in decks:
        onboarding = sum(1 for c in deck.cards if c.onboarding)
        head = t(
            "deck.list_head",
            lang,
            id=deck.id,
            version=deck.version,
            ja=deck.title.get("ja", ""),
            en=deck.title.get("en", ""),
        )
        lines = [
            t(
                "deck.list_cards",
                lang,
                n=len(deck.cards),
                core=onboarding,
                other=len(deck.cards) - onboarding,
                languages=", ".join(deck.languages),
            ),
            t(
                "deck.list_source",
                lang,
                title=deck.source.title,
                publisher=deck.source.publisher,
                year=deck.source.year,
            ),
        ]
        if deck.source.items:
            cited = {c.source for c in deck.cards}
            covered = sum(1 for item in deck.source.items if item in cited)
            lines.append(t("deck.list_items", lang, n=len(deck.source.items), covered=covered))
        # deck texts are escaped: a "[red]" in a title is text, not markup
        console.print(f"[bold]{escape(head)}[/bold]")
        console.print("\n".join(lines), markup=False)
        table = Table(*(t(f"col.{c}", lang) for c in ("topic", "name", "cards", "onboarding")))
        counts = Counter(t for c in deck.cards for t in c.topics)
        core = Counter(t for c in deck.cards if c.onboarding for t in c.topics)
        for topic in deck.topics:
            values = [topic.id, deck.topic_name(topic.id, lang), str(counts[topic.id])]
            table.add_row(*map(Text, [*values, str(core[topic.id])]))
        console.print(table)


def find_card(decks: list[Deck], card_id: str, lang: str | None = None) -> tuple[Deck, Card]:
    """The deck and card with this id.

    Raises:
        NotFoundError: no deck has such a card.
    """
    for deck in decks:
        for card in deck.cards:
            if card.id == card_id:
                return deck, card
    raise NotFoundError.written("deck.no_card", lang, id=card_id)


@app.command("show")
def show(
    ctx: typer.Context,
    card_id: Annotated[
        str, typer.Argument(help="The card's id, e.g. case2-private-mobile-number.")
    ],
    lang: LangOption = Lang.JA,
) -> None:
    """Show one card as an employee would see it, then its answer and explanation.

    Example: recall deck show case2-private-mobile-number --lang en
    """
    deck, card = find_card(load_decks([runtime(ctx).decks_dir], lang), card_id, lang)
    console = runtime(ctx).console
    topics = ", ".join(deck.topic_name(t, lang) for t in card.topics)
    body = (
        card.text("prompt", lang)
        + "\n\n"
        + "\n".join(
            f"  {n}. {c.text.get(lang) or c.text['ja']}" for n, c in enumerate(card.choices, 1)
        )
    )
    console.print(Panel(Text(body), title=Text(f"{card.id} · {topics}"), expand=False))
    correct = card.choice(card.answer)
    number = card.choices.index(correct) + 1
    answer = correct.text.get(lang) or correct.text["ja"]
    console.print(f"{t('review.answer', lang)}: {number}. {answer}", markup=False)
    console.print(Text(card.text("explanation", lang)))  # wraps at words
    console.print(f"{t('source', lang)}: {card.source}", style="dim", markup=False)


def register(root: typer.Typer) -> None:
    """Attach the ``deck`` group to the root app."""
    root.add_typer(app, name="deck")
