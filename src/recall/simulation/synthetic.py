"""A synthetic deck in the bundled deck's shape, for tests and until the real deck lands.

Function: :func:`synthetic_deck_text` (YAML text for :func:`recall.core.deck.parse_deck`).
The texts are filler of realistic length (what grading times depend on); the shape is
the bundled deck's: about 50 cards over six topics, 15 of them in the onboarding core,
a mix of single-choice and true-false cards.
"""

from __future__ import annotations

import random

__all__ = ["synthetic_deck_text"]

_TOPICS = (
    ("purpose-limitation", "目的外利用", "Use beyond the stated purpose"),
    ("third-party-provision", "第三者提供", "Disclosure to third parties"),
    ("security-measures", "安全管理措置", "Security measures"),
    ("misdelivery", "誤送付・誤送信", "Misdirected mail and e-mail"),
    ("identity-verification", "本人確認", "Identity verification"),
    ("breach-response", "漏えい時の対応", "Responding to a breach"),
)


def synthetic_deck_text(cards: int = 50, onboarding: int = 15, seed: int = 0) -> str:
    """YAML text of a valid deck with ``cards`` cards, the first ``onboarding`` in the core.

    Args:
        cards: number of cards.
        onboarding: number of onboarding-core cards (spread over the topics).
        seed: seed for lengths, kinds and topics.

    Returns:
        The deck's YAML text.
    """
    rng = random.Random(f"synthetic-deck:{seed}")
    lines = [
        "id: synthetic-privacy",
        'version: "0.1"',
        "title: {ja: 合成デッキ, en: Synthetic deck}",
        "languages: [ja, en]",
        "source: {title: Synthetic, publisher: recall, year: 2025, url: 'https://example.org'}",
        "topics:",
    ]
    for topic_id, ja, en in _TOPICS:
        lines.append(f"  - {{id: {topic_id}, name: {{ja: {ja}, en: {en}}}}}")
    lines.append("cards:")
    for n in range(cards):
        topics = [_TOPICS[n % len(_TOPICS)][0]]
        if rng.random() < 0.2:
            other = rng.choice(_TOPICS)[0]
            if other not in topics:
                topics.append(other)
        prompt = "問" * rng.randint(60, 160)
        lines += [
            f"  - id: card-{n + 1:02d}",
            f"    topics: [{', '.join(topics)}]",
            "    source: synthetic",
            f"    onboarding: {'true' if n < onboarding else 'false'}",
            f"    prompt: {{ja: {prompt}, en: Question {n + 1}}}",
            f"    explanation: {{ja: 解説{n + 1}, en: Explanation {n + 1}}}",
        ]
        if rng.random() < 0.4:
            lines += [
                "    kind: true-false",
                f"    answer: {'true' if rng.random() < 0.5 else 'false'}",
            ]
        else:
            keys = "abcd"[: rng.randint(3, 4)]
            lines += ["    kind: single-choice", "    choices:"]
            for key in keys:
                text = key * rng.randint(12, 30)
                lines.append(f"      {key}: {{ja: {text}, en: Choice {key}}}")
            lines.append(f"    answer: {rng.choice(keys)}")
    return "\n".join(lines) + "\n"
