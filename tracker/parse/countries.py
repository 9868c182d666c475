"""Every country the ``holidays`` package keeps a calendar for, by its English name (``data/countries_en.tsv``).

A governing-law clause or a Business Day definition may name any of them ("governed by the laws of
Portugal"); the table is data, generated from ``holidays.registry`` so that the names and the codes the
calendar layer counts with stay one list: ``python -m tracker.parse.countries`` rewrites it (after a
``holidays`` upgrade). Names that are also a US state ("Georgia") are left out: the hand-made places
of ``calendar_detect`` decide those.
"""

from __future__ import annotations

from pathlib import Path

FILE = Path(__file__).with_name("data") / "countries_en.tsv"
AMBIGUOUS = frozenset({"Georgia"})  # a country and a US state
_SMALL = frozenset({"and", "the", "of", "da"})


def _name(module: str) -> str:
    """"saint_vincent_and_the_grenadines" → "Saint Vincent and the Grenadines"."""
    return " ".join(w if w in _SMALL else w.capitalize() for w in module.split("_"))


def generated() -> dict[str, str]:
    """The table as the installed ``holidays`` gives it: English name → ISO 3166-1 alpha-2 code."""
    from holidays import registry

    names = {_name(module): entry[1] for module, entry in registry.COUNTRIES.items()}
    return {n: c for n, c in sorted(names.items()) if n not in AMBIGUOUS}


def load() -> dict[str, str]:
    """The table as the repository keeps it."""
    rows = (line.split("\t") for line in FILE.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#"))
    return {name: code for name, code in rows}


def main() -> None:
    lines = ["# English country name <TAB> ISO code, from holidays.registry (python -m tracker.parse.countries)"]
    FILE.write_text("\n".join(lines + [f"{n}\t{c}" for n, c in generated().items()]) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
