"""Contracts for the reminder tests, stored through the real Store (no mocked storage)."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path
from typing import Any

from dbconn import db_connect

from tracker.model import ParseResult

LATE_PAYMENT = {"kind": "late_payment", "rate": "0.005", "per": "day", "basis": "overdue_amount",
                "amount": None, "cap": None, "suspend_after_days": 30, "clause": "7.2"}


def ob(kind: str, due: date | None, *, party: str = "client", title: str | None = None, amount: str | None = None,
       clause: str = "4.2", trigger: dict[str, Any] | None = None, metrics: dict[str, str] | None = None
       ) -> dict[str, Any]:
    return {"kind": kind, "party": party, "title": title or kind, "due_date": due.isoformat() if due else None,
            "trigger": trigger, "recurrence": None, "amount": amount, "currency": "CNY" if amount else None,
            "metrics": metrics, "clause": clause, "quote": "SECRET-QUOTE 乙方应于…"}


def add_contract(db: Path, obligations: list[dict[str, Any]], *, title: str = "智能客服意图识别模型训练项目",
                 penalties: list[dict[str, Any]] | None = None, total_fee: str | None = "500000.00",
                 metrics_targets: dict[str, str] | None = None) -> int:
    from tracker.store import Store

    doc = {
        "schema": "tracker.parse/1",
        "source": {"file": f"{title}.txt", "sha256": hashlib.sha256(repr((title, obligations)).encode()).hexdigest(),
                   "language": "zh-Hans"},
        "contract": {"title": title, "provider": "北京星河智算科技有限公司", "client": "上海蓝鲸电子商务有限公司",
                     "signed_date": "2025-03-01", "effective_date": "2025-03-01", "term": "P6M",
                     "expiry_date": "2025-09-01", "renewal_notice": None, "renewal_notice_deadline": None,
                     "confidentiality_term": None, "confidentiality_expiry": None, "currency": "CNY",
                     "total_fee": total_fee, "copies": 4, "metrics_targets": metrics_targets,
                     "penalties": penalties if penalties is not None else [LATE_PAYMENT]},
        "obligations": obligations,
        "warnings": [],
    }
    with Store(db) as st:
        return st.add_parsed(ParseResult.from_json(doc, text="SECRET-QUOTE 乙方应于… full contract text")).contract_id


def obligation_ids(db: Path, contract_id: int) -> dict[str, int]:
    with db_connect(db) as c:
        return {t: i for i, t in c.execute("SELECT id, title FROM obligations WHERE contract_id = ?", (contract_id,))}
