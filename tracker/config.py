"""Reminder policy and delivery settings: a TOML file in the user config dir, with defaults.

Where the file lives: ``$TRACKER_CONFIG`` if set, else ``<user config dir>/tracker/config.toml``
(platformdirs). A missing file means "all defaults"; a file only needs the keys it changes::

    [lead_days]
    payment = [10, 3, 0]

    [smtp]
    host = "smtp.example.com"
    security = "ssl"

SMTP credentials are never read from the file: only from the environment variables named by
``smtp.user_env`` / ``smtp.password_env`` (default ``TRACKER_SMTP_USER`` / ``TRACKER_SMTP_PASSWORD``).
``TRACKER_SMTP_HOST`` / ``TRACKER_SMTP_PORT`` override the host and port.
``load()`` takes the environment as a parameter so that only the CLI and the daily job read it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tracker.errors import UsageError

DEFAULT_LEAD_DAYS: dict[str, tuple[int, ...]] = {
    "payment": (7, 3, 1, 0),
    "data_delivery": (14, 7, 1, 0),
    "model_delivery": (14, 7, 1, 0),
    "evaluation_report": (14, 7, 1, 0),
    "progress_report": (14, 7, 1, 0),
    "other": (14, 7, 1, 0),
    "renewal_notice": (30, 14, 7, 1, 0),
    "contract_expiry": (60, 30, 7),
    "confidentiality_expiry": (30, 0),
}

# Kinds somebody has to *do*: they are chased when late. An expiry just happens.
DEFAULT_OVERDUE_KINDS = ("payment", "data_delivery", "model_delivery", "evaluation_report",
                         "progress_report", "other")

CHANNELS = ("console", "log")
SECURITY = ("starttls", "ssl", "none")


@dataclass(frozen=True)
class Policy:
    """Which reminder is due on which day (read by ``tracker.reminders``)."""

    lead_days: dict[str, tuple[int, ...]] = field(default_factory=lambda: dict(DEFAULT_LEAD_DAYS))
    overdue_kinds: tuple[str, ...] = DEFAULT_OVERDUE_KINDS
    overdue_daily_days: int = 7  # repeat every day for the first week overdue…
    overdue_every_days: int = 7  # …then every this many days
    suspension_notice_days: tuple[int, ...] = (3, 0)  # before the suspension right arises
    event_late_kinds: tuple[str, ...] = ("data_delivery", "model_delivery", "evaluation_report")
    calendar_notice_days: int = 60  # warn this long before a deadline in an uncovered year

    def leads(self, kind: str) -> tuple[int, ...]:
        return self.lead_days.get(kind, self.lead_days.get("other", (7, 1, 0)))

    @property
    def max_lead(self) -> int:
        return max((max(v) for v in self.lead_days.values() if v), default=0)


@dataclass(frozen=True)
class Smtp:
    """The mail server and sender; credentials come from the environment only."""

    host: str = ""
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    sender: str = "tracker@localhost"
    user_env: str = "TRACKER_SMTP_USER"
    password_env: str = "TRACKER_SMTP_PASSWORD"
    ca_file: str = ""  # extra CA bundle for a private mail server ("" = system CAs)
    allow_plaintext_login: bool = False  # security = "none" with credentials is refused unless true
    user: str | None = field(default=None, repr=False)  # from the environment only
    password: str | None = field(default=None, repr=False)


@dataclass(frozen=True)
class Delivery:
    """How reminders are delivered: channels, retries, deadlines, digest sizes."""

    channels: tuple[str, ...] = CHANNELS  # always-on channels besides the assigned recipients
    log_file: str = ""  # "" = <user data dir>/reminders.jsonl
    max_attempts: int = 5
    backoff_seconds: float = 300.0  # doubled after each failed attempt
    timeout_seconds: float = 10.0  # per socket operation
    deadline_seconds: float = 60.0  # per delivery, in total (connect, send, answer)
    run_deadline_seconds: float = 1800.0  # a run stops delivering after this (below the claim lease)
    retries_in_run: int = 2  # failed deliveries are tried again this many times in the same run…
    retry_in_run_seconds: float = 30.0  # …after this wait, doubled each time; then at later runs
    digest_chunk: int = 50  # reminders per chat message
    digest_lines: int = 1000  # lines per first-run digest message on the other channels (console, log, e-mail…)


@dataclass(frozen=True)
class ScheduleCfg:
    """When the scheduler runs the daily job."""

    at: str = "09:00"  # the zone is the global --tz / $TRACKER_TZ (default Asia/Shanghai)


@dataclass(frozen=True)
class Config:
    """The effective configuration (``load``): the file over the defaults."""

    policy: Policy = field(default_factory=Policy)
    delivery: Delivery = field(default_factory=Delivery)
    smtp: Smtp = field(default_factory=Smtp)
    schedule: ScheduleCfg = field(default_factory=ScheduleCfg)
    path: Path | None = None  # the file it came from (None: defaults only)


def config_path(env: Mapping[str, str]) -> Path:
    """``$TRACKER_CONFIG``, else ``<user config dir>/tracker/config.toml``."""
    if env.get("TRACKER_CONFIG"):
        return Path(env["TRACKER_CONFIG"]).expanduser()
    from tracker.user_dirs import user_config_dir

    return Path(user_config_dir("tracker")) / "config.toml"


def secrets_dir(env: Mapping[str, str]) -> Path:
    """Where ``tracker assign --webhook URL`` keeps a URL that carries a token (one 0600 file per
    URL): ``$TRACKER_SECRETS_DIR``, else ``<user config dir>/tracker/secrets``."""
    if env.get("TRACKER_SECRETS_DIR"):
        return Path(env["TRACKER_SECRETS_DIR"]).expanduser()
    from tracker.user_dirs import user_config_dir

    return Path(user_config_dir("tracker")) / "secrets"


def _ints(where: str, value: Any) -> tuple[int, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) for v in value):
        raise UsageError(f"{where}: expected a list of whole numbers of days, got {value!r}")
    if any(v < 0 for v in value):
        raise UsageError(f"{where}: lead times are days before the deadline and cannot be negative")
    return tuple(sorted(set(value), reverse=True))


def _section(cls: type, data: Mapping[str, Any], where: str, path: Path) -> Any:
    known = {f.name: f for f in fields(cls)}
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key not in known or key in ("user", "password", "lead_days"):
            if key in ("user", "password"):
                raise UsageError(f"{path}: [{where}] {key}: credentials come only from the environment")
            raise UsageError(f"{path}: unknown setting [{where}] {key}")
        default = getattr(cls(), key)
        if isinstance(default, tuple):
            if not isinstance(value, list):
                raise UsageError(f"{path}: [{where}] {key}: expected a list, got {value!r}")
            value = _ints(f"{path}: [{where}] {key}", value) if default and isinstance(default[0], int) \
                else tuple(str(v) for v in value)
        elif type(default) is not type(value):
            if isinstance(default, float) and isinstance(value, int) and not isinstance(value, bool):
                value = float(value)
            else:
                raise UsageError(f"{path}: [{where}] {key}: expected {type(default).__name__}, got {value!r}")
        out[key] = value
    return replace(cls(), **out)


def parse(text: str, path: Path, env: Mapping[str, str] | None = None) -> Config:
    """A Config from TOML text (defaults for what it leaves out), checked; env fills credentials."""
    env = env or {}
    import tomllib  # here: without a config file, a command need not import it (start-up, issue 12)

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise UsageError(f"{path}: not valid TOML: {exc}") from None
    unknown = set(data) - {"lead_days", "policy", "delivery", "smtp", "schedule"}
    if unknown:
        raise UsageError(f"{path}: unknown section [{sorted(unknown)[0]}]")
    policy = _section(Policy, data.get("policy", {}), "policy", path)
    if "lead_days" in data:
        leads = dict(DEFAULT_LEAD_DAYS)
        for kind, days in data["lead_days"].items():
            leads[kind] = _ints(f"{path}: [lead_days] {kind}", days)
        policy = replace(policy, lead_days=leads)
    delivery = _section(Delivery, data.get("delivery", {}), "delivery", path)
    for ch in delivery.channels:
        if ch not in CHANNELS:
            raise UsageError(f"{path}: [delivery] channels: unknown channel {ch!r} (known: console, log)")
    if delivery.max_attempts < 1 or delivery.timeout_seconds <= 0 or delivery.backoff_seconds < 0:
        raise UsageError(f"{path}: [delivery] max_attempts >= 1, timeout_seconds > 0, backoff_seconds >= 0")
    if delivery.deadline_seconds <= 0 or delivery.run_deadline_seconds <= 0 or delivery.retries_in_run < 0 \
            or delivery.retry_in_run_seconds < 0 or delivery.digest_chunk < 1 or delivery.digest_lines < 1:
        raise UsageError(f"{path}: [delivery] deadline_seconds > 0, run_deadline_seconds > 0, "
                         "retries_in_run >= 0, retry_in_run_seconds >= 0, digest_chunk >= 1, digest_lines >= 1")
    smtp = _section(Smtp, data.get("smtp", {}), "smtp", path)
    if smtp.security not in SECURITY:
        raise UsageError(f"{path}: [smtp] security must be one of {', '.join(SECURITY)}")
    schedule = _section(ScheduleCfg, data.get("schedule", {}), "schedule", path)
    return Config(policy, delivery, with_env(smtp, env), schedule, path)


def with_env(smtp: Smtp, env: Mapping[str, str]) -> Smtp:
    host = env.get("TRACKER_SMTP_HOST") or smtp.host
    port = smtp.port
    if env.get("TRACKER_SMTP_PORT"):
        try:
            port = int(env["TRACKER_SMTP_PORT"])
        except ValueError:
            raise UsageError(f"TRACKER_SMTP_PORT: not a port number: {env['TRACKER_SMTP_PORT']!r}") from None
    return replace(smtp, host=host, port=port, user=env.get(smtp.user_env) or None,
                   password=env.get(smtp.password_env) or None)


def load(env: Mapping[str, str], path: Path | None = None) -> Config:
    """The effective configuration: the file (if it exists) over the defaults, plus env credentials."""
    path = path or config_path(env)
    if not path.exists():
        return Config(smtp=with_env(Smtp(), env))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot read: {exc}") from None
    return parse(text, path, env)


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, tuple | list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    return '"' + str(v).replace("\\", "\\\\").replace('"', '\\"') + '"'


def to_toml(cfg: Config) -> str:
    """The effective configuration as TOML (credentials shown only as set / not set)."""
    lines = ["[lead_days]"]
    lines += [f"{k} = {_toml_value(v)}" for k, v in cfg.policy.lead_days.items()]
    for name, obj, skip in (("policy", cfg.policy, {"lead_days"}), ("delivery", cfg.delivery, set()),
                            ("smtp", cfg.smtp, {"user", "password"}), ("schedule", cfg.schedule, set())):
        lines += ["", f"[{name}]"]
        lines += [f"{f.name} = {_toml_value(getattr(obj, f.name))}" for f in fields(obj) if f.name not in skip]
    lines += ["", f"# credentials: ${cfg.smtp.user_env} {'set' if cfg.smtp.user else 'not set'}, "
                  f"${cfg.smtp.password_env} {'set' if cfg.smtp.password else 'not set'}"]
    return "\n".join(lines) + "\n"


def to_json(cfg: Config) -> dict[str, Any]:
    def obj(o: Any, skip: set[str] = set()) -> dict[str, Any]:  # noqa: B006
        return {f.name: (list(v) if isinstance(v := getattr(o, f.name), tuple) else v)
                for f in fields(o) if f.name not in skip}

    pol = obj(cfg.policy, {"lead_days"})
    pol["lead_days"] = {k: list(v) for k, v in cfg.policy.lead_days.items()}
    smtp = obj(cfg.smtp, {"user", "password"})
    smtp["user_set"] = cfg.smtp.user is not None
    smtp["password_set"] = cfg.smtp.password is not None
    return {"path": str(cfg.path) if cfg.path else None, "policy": pol, "delivery": obj(cfg.delivery),
            "smtp": smtp, "schedule": obj(cfg.schedule)}
