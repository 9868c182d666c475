"""Check the hand-made expected JSON of this folder (not a pytest module; run it directly).

    .venv/bin/python tests/contracts/check_expected.py [DIR]

For every NAME.expected.json: every schema key of shared/spec/parse-output.md is present
with a value of the right shape, source.sha256 matches the document's bytes, and every
quote / title / provider / client is a verbatim substring of the document text after
removing all whitespace (as shared/tools/score_corpus.py does). Document text: .txt/.md
the file itself; .docx the w:t text of each paragraph joined with "\\n" (a table cell is a
paragraph, so a row's cells come out in order); .pdf the pypdf text layer.
Exit status 1 if anything fails.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from xml.etree import ElementTree

TOP = ["schema", "source", "contract", "obligations", "warnings"]
SOURCE = ["file", "sha256", "language"]
CONTRACT = ["title", "provider", "client", "signed_date", "effective_date", "term", "expiry_date",
            "renewal_notice", "renewal_notice_deadline", "confidentiality_term", "confidentiality_expiry",
            "currency", "total_fee", "copies", "metrics_targets", "penalties"]
PENALTY = ["kind", "rate", "per", "basis", "amount", "cap", "suspend_after_days", "clause"]
OBLIGATION = ["kind", "party", "title", "due_date", "trigger", "recurrence", "amount", "currency", "metrics",
              "clause", "quote"]
WARNING = ["code", "clause", "quote"]
KINDS = {"data_delivery", "model_delivery", "evaluation_report", "payment", "progress_report",
         "renewal_notice", "contract_expiry", "confidentiality_expiry", "other"}
EVENTS = {"effective", "signing", "data_delivery", "model_delivery", "acceptance", "invoice",
          "evaluation_report", "expiry"}
CODES = {"unfilled_blank", "missing_field", "ambiguous", "perpetual_confidentiality", "calendar_out_of_range",
         "unparsed_date", "amount_mismatch"}
MONEY = re.compile(r"^\d+\.\d{2}$")
RATE = re.compile(r"^\d+\.\d+$")
DURATION = re.compile(r"^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_text(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".docx":
        with zipfile.ZipFile(path) as z:
            root = ElementTree.fromstring(z.read("word/document.xml"))
        return "\n".join("".join(t.text or "" for t in p.iter(W + "t")) for p in root.iter(W + "p"))
    if suffix == ".pdf":
        from pypdf import PdfReader

        return "\n".join(page.extract_text() or "" for page in PdfReader(str(path)).pages)
    data = path.read_bytes()  # UTF-8; UTF-16 with BOM (x14); else GB18030 (x13)
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def check(exp_path: Path) -> list[str]:
    errors: list[str] = []

    def need(cond: bool, msg: str) -> None:
        if not cond:
            errors.append(msg)

    def keys(obj: object, wanted: list[str], where: str) -> bool:
        if not isinstance(obj, dict):
            errors.append(f"{where}: not an object")
            return False
        missing = [k for k in wanted if k not in obj]
        need(not missing, f"{where}: missing keys {missing}")
        return not missing

    def is_date(v: object, where: str) -> None:
        if v is not None:
            try:
                date.fromisoformat(str(v))
            except ValueError:
                errors.append(f"{where}: bad date {v!r}")

    def is_(pattern: re.Pattern[str], v: object, where: str) -> None:
        need(v is None or (isinstance(v, str) and bool(pattern.match(v))), f"{where}: bad value {v!r}")

    doc = json.loads(exp_path.read_text(encoding="utf-8"))
    if not keys(doc, TOP, "top") or not keys(doc["source"], SOURCE, "source"):
        return errors
    need(doc["schema"] == "tracker.parse/1", "schema")
    path = exp_path.parent / doc["source"]["file"]
    need(exp_path.name == path.name.rsplit(".", 1)[0] + ".expected.json", "file name does not match source.file")
    if not path.exists():
        return errors + [f"document {path.name} missing"]
    need(hashlib.sha256(path.read_bytes()).hexdigest() == doc["source"]["sha256"], "sha256 mismatch")
    need(doc["source"]["language"] in ("zh-Hans", "zh-Hant", "en"), "language")
    text = squeeze(document_text(path))

    def verbatim(s: object, where: str) -> None:
        if s is not None:
            need(isinstance(s, str) and bool(squeeze(s)) and squeeze(s) in text, f"{where}: not verbatim: {s!r}")

    c = doc["contract"]
    if keys(c, CONTRACT, "contract"):
        for k in ("title", "provider", "client"):
            verbatim(c[k], f"contract.{k}")
        for k in ("signed_date", "effective_date", "expiry_date", "renewal_notice_deadline", "confidentiality_expiry"):
            is_date(c[k], f"contract.{k}")
        for k in ("term", "renewal_notice", "confidentiality_term"):
            is_(DURATION, c[k], f"contract.{k}")
        is_(MONEY, c["total_fee"], "contract.total_fee")
        need(c["copies"] is None or isinstance(c["copies"], int), "contract.copies")
        for k, v in (c["metrics_targets"] or {}).items():
            need(k in ("accuracy", "recall", "f1"), f"metrics key {k}")
            is_(RATE, v, f"metrics.{k}")
        for i, p in enumerate(c["penalties"]):
            if keys(p, PENALTY, f"penalty[{i}]"):
                is_(RATE, p["rate"], f"penalty[{i}].rate")
                is_(MONEY, p["amount"], f"penalty[{i}].amount")
                need(p["per"] in (None, "day", "month", "year"), f"penalty[{i}].per")
                need(p["basis"] in (None, "overdue_amount", "total_fee", "delayed_amount"), f"penalty[{i}].basis")
                cap = p["cap"]
                need(cap is None or set(cap) in ({"rate", "basis"}, {"amount"}), f"penalty[{i}].cap")
                if cap and "amount" in cap:
                    is_(MONEY, cap["amount"], f"penalty[{i}].cap.amount")
                if cap and "rate" in cap:
                    is_(RATE, cap["rate"], f"penalty[{i}].cap.rate")
        # derived contract fields agree with the derived obligations
        by_kind = {o.get("kind"): o for o in doc["obligations"]}
        for kind, field in (("contract_expiry", "expiry_date"), ("renewal_notice", "renewal_notice_deadline"),
                            ("confidentiality_expiry", "confidentiality_expiry")):
            if c[field] is not None:
                need(by_kind.get(kind, {}).get("due_date") == c[field], f"{kind} obligation != contract.{field}")
    total = Decimal(0)
    for i, o in enumerate(doc["obligations"]):
        where = f"obligation[{i}] {o.get('kind')}"
        if not keys(o, OBLIGATION, where):
            continue
        need(o["kind"] in KINDS, f"{where}: kind")
        need(o["party"] in ("provider", "client", "both"), f"{where}: party")
        is_date(o["due_date"], f"{where}.due_date")
        t = o["trigger"]
        if t is not None and keys(t, ["event", "offset", "business_days"], f"{where}.trigger"):
            need(t["event"] in EVENTS, f"{where}: event")
            is_(DURATION, t["offset"], f"{where}.trigger.offset")
            need(isinstance(t["business_days"], bool), f"{where}: business_days")
            if t["event"] in ("data_delivery", "model_delivery", "acceptance", "invoice", "evaluation_report"):
                need(o["due_date"] is None, f"{where}: unknown event but due_date set")
        need(o["due_date"] is not None or t is not None, f"{where}: neither date nor trigger")
        is_(MONEY, o["amount"], f"{where}.amount")
        need((o["amount"] is not None) == (o["kind"] == "payment") == (o["currency"] is not None),
             f"{where}: amount/currency only on payments")
        if o["kind"] == "payment":
            total += Decimal(o["amount"])
        need((o["metrics"] is not None) == (o["kind"] == "evaluation_report"), f"{where}: metrics")
        if o["metrics"] is not None:
            need(o["metrics"] == c["metrics_targets"], f"{where}: metrics != metrics_targets")
        need((o["recurrence"] is not None) <= (o["kind"] == "progress_report"), f"{where}: recurrence")
        verbatim(o["quote"], f"{where}.quote")
    expects_mismatch = any(w.get("code") == "amount_mismatch" for w in doc["warnings"])
    if c.get("total_fee") and any(o.get("kind") == "payment" for o in doc["obligations"]):
        # a contract whose instalments do not add up must say so with an amount_mismatch warning
        need(total == Decimal(c["total_fee"]) or expects_mismatch,
             f"instalments add up to {total}, total_fee {c['total_fee']}, and no amount_mismatch expected")
    for i, w in enumerate(doc["warnings"]):
        if keys(w, WARNING, f"warning[{i}]"):
            need(w["code"] in CODES, f"warning[{i}]: code")
            verbatim(w["quote"], f"warning[{i}].quote")
    return errors


def main(argv: list[str]) -> int:
    folder = Path(argv[0]) if argv else Path(__file__).resolve().parent
    failed = 0
    files = sorted(folder.glob("*.expected.json"))
    for exp in files:
        errors = check(exp)
        failed += bool(errors)
        print(f"{exp.name}: {'OK' if not errors else 'FAIL'}")
        for e in errors:
            print("   ", e)
    print(f"{len(files) - failed}/{len(files)} ok")
    return 1 if failed or not files else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
