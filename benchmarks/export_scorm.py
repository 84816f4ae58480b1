"""How fast is a SCORM export of a 50-card deck, and how big is the zip?

Run: ``.venv/bin/python benchmarks/export_scorm.py``

Prints, for SCORM 1.2 and 2004: the first (cold) export, the median of 20 exports
(build + write, as ``recall export scorm`` does after loading the deck), the check
(``--check``: XSD validation etc.) and the zip size. Targets: under 1 s, under 300 KB.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from recall.core.deck import parse_deck
from recall.scorm import ExportOptions, Selection, check_package, select_cards, write_package

RUNS = 20


def deck_text(n: int) -> str:
    """A deck of ``n`` cards with prompts and explanations of realistic length."""
    prompt = "顧客から電話で住所変更の依頼があった。本人確認のため、登録済みの生年月日と電話番号を確認した。"
    explanation = (
        "本人確認は登録済みの情報と照合して行う。電話口で相手が名乗った情報だけで手続を進めると、"
        "なりすましによる漏えいにつながる。迷ったら折り返し連絡や上長への相談を。" * 2
    )
    lines = [
        "id: bench",
        'version: "1.0"',
        "title: {ja: ベンチマーク, en: Benchmark}",
        "languages: [ja, en]",
        "source: {title: Bench, publisher: recall, year: 2025, url: 'https://example.com'}",
        "topics:",
        "  - {id: identity, name: {ja: 本人確認, en: Identity}}",
        "cards:",
    ]
    for i in range(n):
        lines += [
            f"  - id: bench-{i:03d}",
            "    kind: single-choice",
            "    topics: [identity]",
            "    source: bench",
            "    onboarding: true",
            f"    prompt: {{ja: '{i}: {prompt}', en: '{i}: A caller asks to change an address.'}}",
            "    choices:",
            "      a: {ja: 名乗った名前だけで手続する, en: Proceed on the name given}",
            "      b: {ja: 登録済みの情報と照合する, en: Check against registered data}",
            "      c: {ja: 上長の許可なく住所を読み上げる, en: Read the address aloud}",
            "    answer: b",
            f"    explanation: {{ja: '{explanation}', en: 'Verify against registered data.'}}",
        ]
    return "\n".join(lines) + "\n"


def main() -> None:
    """Print the figures."""
    deck = parse_deck(deck_text(50), "bench.yaml")
    print(f"deck: {len(deck.cards)} cards; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for standard in ("1.2", "2004"):
            options = ExportOptions(Selection("all"), standard)
            times = []
            path = out
            for _ in range(RUNS):
                start = time.perf_counter()
                cards = select_cards(deck, options.selection)
                path = write_package(deck, cards, options, out)
                times.append(time.perf_counter() - start)
            start = time.perf_counter()
            check_package(path)
            checked = time.perf_counter() - start
            size = path.stat().st_size
            print(
                f"SCORM {standard:<4}: export first {times[0] * 1000:.1f} ms, "
                f"median {statistics.median(times) * 1000:.1f} ms; "
                f"check {checked * 1000:.1f} ms; zip {size / 1024:.1f} KB ({size} bytes)"
            )


if __name__ == "__main__":
    main()
