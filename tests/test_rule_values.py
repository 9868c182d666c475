"""The rules of both language packs return their findings as values and never change what the
rules before them found (issue 8: "no rule reads another rule's side effects").

Each rule of ``rules_zh.RULES`` / ``rules_en.RULES`` is run on golden contracts with a deep copy
of the facts found so far; the copy must come back unchanged, and the rule's own findings are a
``Facts`` the driver merges. The merged result must equal what ``extract`` gives.
"""

from __future__ import annotations

import copy
from pathlib import Path

import pytest

from tracker.parse import rules_en, rules_zh
from tracker.parse.clauses import segment
from tracker.parse.common import Facts, units
from tracker.parse.normalize import mask_blanks, normalize
from tracker.parse.readers import decode_text
from tracker.parse.rule_driver import merge

CONTRACTS = Path(__file__).parent / "contracts"
CASES = sorted(p for p in CONTRACTS.iterdir() if p.suffix in (".txt", ".md"))


def _prepared(path: Path):  # type: ignore[no-untyped-def]
    norm = normalize(decode_text(path.read_bytes(), path))
    clauses = segment(norm.text)
    masked = mask_blanks(norm)
    pack = rules_en if norm.language == "en" else rules_zh
    return pack, masked, clauses, units(masked, clauses)


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.name)
def test_rules_return_values_and_leave_what_others_found(path: Path) -> None:
    pack, norm, clauses, us = _prepared(path)
    ctx = pack.Ctx(norm, clauses, us)
    pack.rule_roles(ctx)
    facts = Facts()
    for rule in pack.RULES:
        before = copy.deepcopy(facts)
        seen = copy.deepcopy(facts)
        found = rule(ctx, seen)
        assert isinstance(found, Facts), rule.__name__
        assert seen == before, f"{rule.__name__} changed what earlier rules found"
        merge(facts, found)
    assert facts.obligations  # the golden contracts state duties
    whole = pack.extract(norm, clauses, us)
    assert (facts.obligations, facts.penalties, facts.warnings) == (whole.obligations, whole.penalties, whole.warnings)
