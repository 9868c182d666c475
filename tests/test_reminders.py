"""The reminder policy (pure) and its configuration file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker import config
from tracker.config import Policy
from tracker.errors import UsageError
from tracker.reminders import Subject, catch_up, describe, due, repeats_on, suspension_date

P = Policy()
DUE = date(2025, 3, 17)


def subj(**kw: object) -> Subject:
    base = dict(obligation_id=1, contract_id=1, kind="payment", party="client", title="首期款 30%",
                due_date=DUE, clause="4.2", amount=Decimal("150000.00"), currency="CNY",
                contract_title="智能客服", suspend_after_days=30, penalty_clause="7.2")
    base.update(kw)
    return Subject(**base)  # type: ignore[arg-type]


def reasons(s: Subject, day: date) -> list[str]:
    return [r.reason for r in due(s, day, P)]


def days_with(s: Subject, reason: str, start: date, n: int) -> list[int]:
    return [(start + timedelta(i) - (s.due_date or start)).days
            for i in range(n) if reason in reasons(s, start + timedelta(i))]


def test_payment_lead_chain() -> None:
    s = subj()
    hits = [d for d in range(-20, 1) if reasons(s, DUE + timedelta(d))]
    assert hits == [-7, -3, -1, 0]
    assert reasons(s, DUE - timedelta(7)) == ["due_in_7d"]
    assert reasons(s, DUE) == ["due_today"]


@pytest.mark.parametrize("kind,chain", [
    ("data_delivery", [14, 7, 1, 0]), ("evaluation_report", [14, 7, 1, 0]),
    ("renewal_notice", [30, 14, 7, 1, 0]), ("contract_expiry", [60, 30, 7]),
    ("confidentiality_expiry", [30, 0]),
])
def test_lead_chains_per_kind(kind: str, chain: list[int]) -> None:
    s = subj(kind=kind, amount=None, suspend_after_days=None)
    hits = sorted((-(d) for d in range(-100, 1) if any(r.startswith("due_") for r in reasons(s, DUE + timedelta(d)))),
                  reverse=True)
    assert hits == chain


def test_overdue_daily_for_a_week_then_weekly() -> None:
    s = subj(kind="data_delivery", amount=None, suspend_after_days=None)
    late = days_with(s, "overdue", DUE, 40)
    assert late == [1, 2, 3, 4, 5, 6, 7, 14, 21, 28, 35]


def test_expiries_are_not_chased_when_past() -> None:
    s = subj(kind="contract_expiry", amount=None, suspend_after_days=None)
    assert days_with(s, "overdue", DUE, 30) == []


def test_overdue_payment_gets_penalty_notice_with_clause() -> None:
    s = subj()
    rs = due(s, DUE + timedelta(2), P)
    assert [r.reason for r in rs] == ["overdue", "penalty"]
    assert rs[1].detail["penalty_clause"] == "7.2" and rs[1].detail["days_late"] == 2


def test_suspension_right_announced_3_days_before_and_on_the_day() -> None:
    s = subj(suspend_after_days=30)
    right = suspension_date(DUE, 30)
    assert right == date(2025, 4, 17)  # late for more than 30 days: from the 31st day on
    hit = [DUE + timedelta(i) for i in range(60) if any(r.startswith("suspension") for r in reasons(s, DUE + timedelta(i)))]
    assert hit == [right - timedelta(3), right]
    assert "suspension_in_3d" in reasons(s, right - timedelta(3))
    assert "suspension_right" in reasons(s, right)
    assert not any(r.startswith("suspension") for r in reasons(subj(suspend_after_days=None), right))


def test_event_late_puts_the_waiting_obligation_at_risk() -> None:
    s = subj(kind="model_delivery", due_date=None, waits_for="data_delivery",
             event_deadline=date(2025, 4, 1), amount=None, suspend_after_days=None)
    assert reasons(s, date(2025, 4, 1)) == []
    r = due(s, date(2025, 4, 3), P)
    assert [x.reason for x in r] == ["event_late"]
    assert r[0].detail["waits_for"] == "data_delivery" and r[0].detail["days_late"] == 2
    assert "data_delivery" in describe(r[0]) and "at risk" in describe(r[0])


def test_evaluation_shortfall_is_level_triggered_with_a_fixed_for_date() -> None:
    s = subj(kind="evaluation_report", amount=None, suspend_after_days=None, due_date=date(2025, 6, 30),
             shortfall={"recall": (Decimal("0.88"), Decimal("0.90"))}, shortfall_on=date(2025, 6, 20))
    a = [r for r in due(s, date(2025, 6, 20), P) if r.reason == "evaluation_shortfall"]
    b = [r for r in due(s, date(2025, 6, 25), P) if r.reason == "evaluation_shortfall"]
    assert a and b and a[0].key == b[0].key  # same outbox key: arrives once
    assert "recall 0.88 < 0.90" in describe(a[0])


def test_calendar_uncovered_warned_once_ahead() -> None:
    s = subj(due_date=date(2031, 3, 17), calendar_covered=False)
    rs = [r for r in due(s, date(2031, 1, 20), P) if r.reason == "calendar_uncovered"]
    assert rs and rs[0].for_date == date(2031, 3, 17) - timedelta(60)
    assert not [r for r in due(s, date(2030, 12, 1), P) if r.reason == "calendar_uncovered"]
    assert "2031" in describe(rs[0])


def test_recurring_report_uses_its_current_occurrence() -> None:
    # the store moves due_date on to the next occurrence when one is done; an undone one is chased
    s = subj(kind="progress_report", due_date=date(2025, 4, 30), recurrence="FREQ=MONTHLY;BYMONTHDAY=-1",
             amount=None, suspend_after_days=None)
    assert "due_in_7d" in reasons(s, date(2025, 4, 23))
    assert "overdue" in reasons(s, date(2025, 5, 2))


def test_catch_up_turns_passed_deadlines_into_one_overdue_notice() -> None:
    s = subj()
    now = DUE + timedelta(2)
    missed = [DUE - timedelta(1), DUE, DUE + timedelta(1)]
    produced = [r for d in missed for r in due(s, d, P)]
    out = catch_up(produced, now, P)
    assert {(r.reason, r.for_date) for r in out} == {("overdue", now), ("penalty", now)}
    # still-future lead reminders keep their day
    s2 = subj(obligation_id=2, due_date=now + timedelta(5))
    out2 = catch_up(due(s2, now - timedelta(2), P), now, P)
    assert [(r.reason, r.for_date) for r in out2] == [("due_in_7d", now - timedelta(2))]
    # an expiry that passed during the outage is announced as passed, not chased
    s3 = subj(obligation_id=3, kind="contract_expiry", due_date=now - timedelta(1), amount=None,
              suspend_after_days=None)
    assert [r.reason for r in catch_up(due(s3, now - timedelta(8), P), now, P)] == ["passed"]


@given(st.integers(min_value=-400, max_value=400))
def test_repeats_on_matches_the_rule(n: int) -> None:
    expected = 1 <= n <= 7 or (n > 7 and n % 7 == 0)
    assert repeats_on(n, P) == expected


def test_no_quote_in_notification() -> None:
    r = due(subj(), DUE, P)[0]
    j = r.to_json()
    assert "quote" not in j and j["clause"] == "4.2" and j["amount"] == "150000.00"


# ------------------------------------------------------------------------------ config


def test_defaults_when_no_file(tmp_path: Path) -> None:
    cfg = config.load({"TRACKER_CONFIG": str(tmp_path / "none.toml")})
    assert cfg.policy.leads("payment") == (7, 3, 1, 0)
    assert cfg.policy.leads("contract_expiry") == (60, 30, 7)
    assert cfg.path is None


def test_config_file_overrides_and_env_credentials(tmp_path: Path) -> None:
    f = tmp_path / "c.toml"
    f.write_text('[lead_days]\npayment = [10, 0]\n[smtp]\nhost = "mail.test"\nsecurity = "ssl"\nport = 465\n'
                 '[delivery]\nmax_attempts = 3\nbackoff_seconds = 0\n')
    cfg = config.load({"TRACKER_CONFIG": str(f), "TRACKER_SMTP_USER": "u", "TRACKER_SMTP_PASSWORD": "p"})
    assert cfg.policy.leads("payment") == (10, 0)
    assert cfg.policy.leads("renewal_notice") == (30, 14, 7, 1, 0)
    assert (cfg.smtp.host, cfg.smtp.port, cfg.smtp.security) == ("mail.test", 465, "ssl")
    assert (cfg.smtp.user, cfg.smtp.password) == ("u", "p")
    assert cfg.delivery.max_attempts == 3 and cfg.delivery.backoff_seconds == 0.0
    text = config.to_toml(cfg)
    assert "password" not in text.replace("password_env", "").replace("TRACKER_SMTP_PASSWORD", "")
    assert "p\"" not in text
    # what `config show` prints reads back to the same settings
    f2 = tmp_path / "back.toml"
    f2.write_text(text)
    again = config.load({"TRACKER_CONFIG": str(f2)})
    assert again.policy == cfg.policy and again.delivery == cfg.delivery
    assert replace(again.smtp, user="u", password="p") == cfg.smtp


@pytest.mark.parametrize("text,msg", [
    ("[smtp]\npassword = 'x'\n", "credentials come only from the environment"),
    ("[lead_days]\npayment = [-1]\n", "cannot be negative"),
    ("[delivery]\nchannels = ['pager']\n", "unknown channel"),
    ("[nope]\n", "unknown section"),
    ("[smtp]\nsecurity = 'tls13'\n", "security must be one of"),
    ("[smtp\n", "not valid TOML"),
    ("[delivery]\nmax_attempts = 'five'\n", "expected int"),
])
def test_bad_config_is_one_clear_error(tmp_path: Path, text: str, msg: str) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text)
    with pytest.raises(UsageError, match=msg) as exc:
        config.load({"TRACKER_CONFIG": str(f)})
    assert str(f) in str(exc.value)
