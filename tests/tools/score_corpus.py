#!/usr/bin/env python3
# Copied verbatim from shared/tools/score_corpus.py so tests/test_blind.py runs without ../shared.
"""Score `tracker parse FILE --json` against a labelled corpus.

Usage: score_corpus.py CORPUS_DIR [--cmd "tracker parse {file} --json"] [-v]

Every NAME.expected.json in CORPUS_DIR names its document in source.file.
Each expected fact (a contract field, a metric target, a penalty field, an
obligation's kind/date/amount/party/trigger/recurrence, a warning code) is
compared with the parser's output. Prints per-file precision/recall and, last,
the totals. Exit status 0 always; the figures are the verdict.

"Silent misses" counts expected obligations that the output neither reports
(an obligation of that kind, or any obligation quoting the same words) nor
flags with a warning quoting the same words: the misses a user never learns of.
Advisory warnings (`unrecognised_duty`) are not scored as facts.
Needs only the standard library.
"""
from __future__ import annotations

import json
import re
import shlex
import subprocess
import sys
import zipfile
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.etree import ElementTree

SCALARS = ["title", "provider", "client", "signed_date", "effective_date", "term",
           "expiry_date", "renewal_notice", "renewal_notice_deadline",
           "confidentiality_term", "confidentiality_expiry", "currency",
           "total_fee", "copies"]
PENALTY_KEYS = ["rate", "per", "basis", "amount", "cap", "suspend_after_days"]
DURATION = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$")


def norm(value):
    """A comparable form: decimals by value, durations in months/days, text trimmed."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, (int, float)):
        return Decimal(str(value)).normalize()
    if isinstance(value, dict):
        return tuple(sorted((k, norm(v)) for k, v in value.items() if v is not None))
    if isinstance(value, list):
        return tuple(norm(v) for v in value)
    text = str(value).strip()
    match = DURATION.match(text)
    if match and text != "P":
        y, m, w, d = (int(g or 0) for g in match.groups())
        return ("duration", y * 12 + m, w * 7 + d)
    try:
        if re.fullmatch(r"-?\d+(\.\d+)?", text):
            return Decimal(text).normalize()
    except InvalidOperation:
        pass
    return re.sub(r"\s+", "", text)


class Tally:
    def __init__(self):
        self.expected = self.reported = self.correct = 0
        self.misses: list[str] = []

    def fact(self, name, want, got):
        w, g = norm(want), norm(got)
        if w is not None:
            self.expected += 1
        if g is not None:
            self.reported += 1
        if w is not None and w == g:
            self.correct += 1
        elif w is not None or g is not None:
            self.misses.append(f"{name}: want {want!r} got {got!r}")

    def add(self, other):
        self.expected += other.expected
        self.reported += other.reported
        self.correct += other.correct

    def scores(self):
        p = self.correct / self.reported if self.reported else 1.0
        r = self.correct / self.expected if self.expected else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


def document_text(path: Path) -> str | None:
    """The document's text for the quote check; None where this script cannot read it
    (a .pdf without pypdf installed)."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
        paragraphs = ["".join(t.text or "" for t in p.iter(ns + "t")) for p in root.iter(ns + "p")]
        return "\n".join(paragraphs)
    if suffix == ".pdf":
        try:
            from pypdf import PdfReader
        except ImportError:
            return None
        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    data = path.read_bytes()
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


ADVISORY = {"unrecognised_duty"}  # coverage warnings: not scored as facts, but they keep a miss from being silent


def _squash(text) -> str:
    return re.sub(r"\s+", "", text or "")


def overlaps(a: str, b: str, n: int = 8) -> bool:
    """Two quotes overlap when one holds the other or they share n characters in a row."""
    a, b = _squash(a), _squash(b)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return any(short[i:i + n] in long_ for i in range(0, max(1, len(short) - n + 1)))


def silent_misses(expected: dict, actual: dict) -> tuple[int, int]:
    """Expected obligations that the output neither reports (an obligation of the same kind, or any
    obligation quoting the same words) nor flags (a warning quoting the same words)."""
    got = actual.get("obligations") or []
    flags = [w.get("quote") for w in actual.get("warnings") or []]
    kinds = {}
    for g in got:
        kinds[g.get("kind")] = kinds.get(g.get("kind"), 0) + 1
    silent = 0
    want_list = expected.get("obligations") or []
    for want in want_list:
        if kinds.get(want.get("kind"), 0) > 0:
            kinds[want.get("kind")] -= 1
            continue
        q = want.get("quote") or ""
        if any(overlaps(q, g.get("quote")) for g in got) or any(overlaps(q, f) for f in flags):
            continue
        silent += 1
    return silent, len(want_list)


def obligation_facts(tally: Tally, want_list, got_list):
    remaining = list(got_list)
    for i, want in enumerate(want_list):
        same_kind = [g for g in remaining if g.get("kind") == want.get("kind")]

        def closeness(g):
            return sum(norm(g.get(k)) == norm(want.get(k)) for k in ("due_date", "amount", "trigger", "recurrence", "party"))

        got = max(same_kind, key=closeness) if same_kind else {}
        if got:
            remaining.remove(got)
        label = f"obligation[{i}] {want.get('kind')} {want.get('title', '')}"
        tally.fact(label + " kind", want.get("kind"), got.get("kind"))
        for key in ("due_date", "amount", "party", "trigger", "recurrence", "metrics"):
            if want.get(key) is not None or (got and got.get(key) is not None):
                tally.fact(f"{label} {key}", want.get(key), got.get(key) if got else None)
    for extra in remaining:
        tally.fact(f"extra obligation {extra.get('kind')} {extra.get('due_date')}", None, extra.get("kind"))


def score_file(expected: dict, actual: dict) -> Tally:
    tally = Tally()
    want_c, got_c = expected.get("contract") or {}, actual.get("contract") or {}
    for key in SCALARS:
        tally.fact(key, want_c.get(key), got_c.get(key))
    want_m, got_m = want_c.get("metrics_targets") or {}, got_c.get("metrics_targets") or {}
    for key in sorted(set(want_m) | set(got_m)):
        tally.fact(f"metrics_targets.{key}", want_m.get(key), got_m.get(key))
    got_p = {p.get("kind"): p for p in got_c.get("penalties") or []}
    want_p = {p.get("kind"): p for p in want_c.get("penalties") or []}
    for kind in sorted(set(want_p) | set(got_p)):
        w, g = want_p.get(kind, {}), got_p.get(kind, {})
        for key in PENALTY_KEYS:
            tally.fact(f"penalty {kind}.{key}", w.get(key), g.get(key))
    obligation_facts(tally, expected.get("obligations") or [], actual.get("obligations") or [])
    want_w = sorted(w.get("code") for w in expected.get("warnings") or [] if w.get("code") not in ADVISORY)
    got_w = sorted(w.get("code") for w in actual.get("warnings") or [] if w.get("code") not in ADVISORY)
    for code in sorted(set(want_w) | set(got_w)):
        tally.fact(f"warnings {code} count", want_w.count(code) or None, got_w.count(code) or None)
    return tally


def main(argv):
    verbose = "-v" in argv
    argv = [a for a in argv if a != "-v"]
    cmd = "tracker parse {file} --json"
    if "--cmd" in argv:
        i = argv.index("--cmd")
        cmd = argv[i + 1]
        del argv[i:i + 2]
    if not argv:
        print(__doc__)
        return 2
    corpus = Path(argv[0])
    total, quotes_ok, quotes_all, failures = Tally(), 0, 0, 0
    silent_all = wanted_all = unchecked = 0
    for exp_path in sorted(corpus.glob("*.expected.json")):
        expected = json.loads(exp_path.read_text(encoding="utf-8"))
        doc = corpus / expected["source"]["file"]
        run = subprocess.run(shlex.split(cmd.format(file=shlex.quote(str(doc)))),
                             capture_output=True, text=True, timeout=120)
        try:
            actual = json.loads(run.stdout)
        except json.JSONDecodeError:
            failures += 1
            actual = {}
            print(f"{doc.name}: no JSON (exit {run.returncode}): {run.stderr.strip()[-300:]}")
        tally = score_file(expected, actual)
        total.add(tally)
        raw = document_text(doc)
        if raw is None:
            unchecked += len(actual.get("obligations") or [])
        else:
            text = _squash(raw)
            for ob in actual.get("obligations") or []:
                quotes_all += 1
                quote = _squash(ob.get("quote"))
                quotes_ok += bool(quote) and quote in text
        silent, wanted = silent_misses(expected, actual)
        silent_all += silent
        wanted_all += wanted
        p, r, f = tally.scores()
        print(f"{doc.name}: precision {p:.3f} recall {r:.3f} F1 {f:.3f} "
              f"({tally.correct}/{tally.expected} expected, {tally.reported} reported)"
              + (f"; {silent} of {wanted} obligations missed silently" if silent else ""))
        if verbose:
            for miss in tally.misses:
                print("   ", miss)
    p, r, f = total.scores()
    q = quotes_ok / quotes_all if quotes_all else 0.0
    extra = f" ({unchecked} quotes unchecked: install pypdf to read .pdf)" if unchecked else ""
    print(f"TOTAL precision {p:.3f} recall {r:.3f} F1 {f:.3f}; verbatim quotes {q:.3f}{extra}; "
          f"files without JSON {failures}; silent misses {silent_all} of {wanted_all} obligations")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
