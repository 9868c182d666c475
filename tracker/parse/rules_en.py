"""Rules for English contracts (placeholder until written)."""
from tracker.parse.common import Facts


def extract(norm, clauses, units):  # type: ignore[no-untyped-def]
    return Facts()
