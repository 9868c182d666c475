"""Every currency in use, by its ISO 4217 code (``data/currencies_en.tsv``): "NGN 40,500,000.00", "EGP 2,400,000".

A contract under another country's law may state its sums in that country's money; the codes are data,
generated from the CLDR tables that ``babel`` ships (the currencies some territory tenders on the given
day, so no withdrawn currency and no metal): ``python -m tracker.parse.currencies`` rewrites the file
(``babel`` is needed then, not at run time). Codes that are English words in capitals ("TOP 10", "ALL 3")
or other things an IT contract names ("PHP 8") are left out; ``money_text`` reads them only before a sum
written as money ("PHP 4,800,000.00"). ``money_text.CURRENCIES`` keeps the markers of its own (symbols,
Chinese names) and wins where both name a currency.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

FILE = Path(__file__).with_name("data") / "currencies_en.tsv"
#: codes that read as English words in a heading's capitals, or as what IT contracts name: PHP 8 (the language),
#: CVE 2024-1234 (a vulnerability), SDG 13 (a development goal)
WORDS = frozenset({"ALL", "BAM", "BOB", "CUP", "CVE", "GEL", "MAD", "PHP", "SDG", "SOS", "TOP"})
ON = date(2026, 1, 1)  # the day the tables were read for


def generated(on: date = ON) -> dict[str, str]:
    """The table as the installed ``babel`` gives it: ISO code → English name, of every currency a
    territory tenders on ``on``."""
    from babel import Locale
    from babel.numbers import get_currency_name, get_territory_currencies

    codes = {c for t in Locale("en").territories for c in get_territory_currencies(t, on, tender=True)}
    return {c: get_currency_name(c, locale="en") for c in sorted(codes - WORDS) if len(c) == 3 and c.isalpha()}


def load() -> dict[str, str]:
    """The table as the repository keeps it."""
    rows = (line.split("\t") for line in FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {code: name for code, name in rows}


def main() -> None:
    lines = [f"# ISO 4217 code <TAB> English name, the currencies tendered on {ON}, from babel's CLDR tables"
             " (python -m tracker.parse.currencies)"]
    FILE.write_text("\n".join(lines + [f"{c}\t{n}" for c, n in generated().items()]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
