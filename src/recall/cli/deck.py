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

from recall import i18n
from recall.cli.runtime import runtime
from recall.core.deck import Card, Deck
from recall.deckfiles import load_decks, read_decks
from recall.errors import DeckError, NotFoundError, Problem

app = typer.Typer(help="Check, list and preview deck files (YAML).", no_args_is_help=True)


@app.command("check")
def check(
    ctx: typer.Context,
    paths: Annotated[
        list[Path] | None,
        typer.Argument(help="Deck files or folders. Default: the decks folder (./decks)."),
    ] = None,
) -> None:
    """Validate deck files and report every problem as FILE:LINE: card ID: message.

    Exits 0 when every deck is clean, 1 when any problem was found.
    """
    targets = paths or [runtime(ctx).decks_dir]
    decks, problems = read_decks(targets)
    if not decks and not problems:
        problems = [Problem(str(t), 0, None, i18n.t("deck.none", "en")) for t in targets]
    if problems:
        raise DeckError(problems)
    cards = sum(len(d.cards) for d in decks)
    runtime(ctx).console.print(f"OK: {len(decks)} deck(s), {cards} cards, no problems")


@app.command("list")
def list_decks(ctx: typer.Context) -> None:
    """List the decks with their card counts per topic and the onboarding core."""
    console = runtime(ctx).console
    folder = runtime(ctx).decks_dir
    decks = load_decks([folder])
    if not decks:
        raise DeckError([Problem(str(folder), 0, None, i18n.t("deck.none", "en"))])
    for deck in decks:
        onboarding = sum(1 for c in deck.cards if c.onboarding)
        console.print(  # deck texts are escaped: a "[red]" in a title is text, not markup
            f"[bold]{escape(deck.id)}[/bold] v{escape(deck.version)} — "
            f"{escape(deck.title.get('ja', ''))} / {escape(deck.title.get('en', ''))}\n"
            f"  {len(deck.cards)} cards ({onboarding} onboarding core, "
            f"{len(deck.cards) - onboarding} other), languages: {', '.join(deck.languages)}\n"
            f"  source: {escape(deck.source.title)} ({escape(deck.source.publisher)}, "
            f"{deck.source.year})"
        )
        if deck.source.items:
            cited = {c.source for c in deck.cards}
            covered = sum(1 for item in deck.source.items if item in cited)
            console.print(
                f"  source items: {len(deck.source.items)}, {covered} cited by cards; "
                f"every card cites one"
            )
        table = Table("topic", "name", "cards", "onboarding")
        counts = Counter(t for c in deck.cards for t in c.topics)
        core = Counter(t for c in deck.cards if c.onboarding for t in c.topics)
        for topic in deck.topics:
            values = [topic.id, topic.name.get("ja", ""), str(counts[topic.id])]
            table.add_row(*map(Text, [*values, str(core[topic.id])]))
        console.print(table)


def find_card(decks: list[Deck], card_id: str) -> tuple[Deck, Card]:
    """The deck and card with this id.

    Raises:
        NotFoundError: no deck has such a card.
    """
    for deck in decks:
        for card in deck.cards:
            if card.id == card_id:
                return deck, card
    raise NotFoundError(f"no card '{card_id}' in any deck (see `recall deck list`)")


@app.command("show")
def show(
    ctx: typer.Context,
    card_id: Annotated[
        str, typer.Argument(help="The card's id, e.g. case2-private-mobile-number.")
    ],
    lang: Annotated[str, typer.Option("--lang", help="ja or en.")] = "ja",
) -> None:
    """Show one card as an employee would see it, then its answer and explanation."""
    deck, card = find_card(load_decks([runtime(ctx).decks_dir]), card_id)
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
    label = "Answer" if lang == "en" else "正解"
    source = "Source" if lang == "en" else "出典"
    console.print(
        f"{label}: {number}. {correct.text.get(lang) or correct.text['ja']}", markup=False
    )
    console.print(Text(card.text("explanation", lang)))
    console.print(Text(f"{source}: {card.source}", style="dim"))


def register(root: typer.Typer) -> None:
    """Attach the ``deck`` group to the root app."""
    root.add_typer(app, name="deck")
