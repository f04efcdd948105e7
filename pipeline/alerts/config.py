"""`alerts.toml`: who is responsible for which official sources, and the channels that reach them.

Webhook URLs that carry a token and signing secrets are read from the environment (`url_env`, `secret_env`) or from
a file outside any git repository (`url_file`, `secret_file`); they are never printed. A mistake stops with
ConfigError, one line naming the entry.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pipeline.report.mail import MailError, MailSettings, load_settings

ROBOT_KINDS = ("dingtalk", "wecom", "feishu")
CHANNEL_KINDS = (*ROBOT_KINDS, "email", "webhook")
SIGNING_KINDS = ("dingtalk", "feishu", "webhook")
CHANNEL_KEYS = frozenset({"kind", "url", "url_env", "url_file", "secret_env", "secret_file", "mention_mobiles", "to",
                          "smtp_config"})
ROUTE_KEYS = frozenset({"source", "region", "responsible", "channels"})
ALERTS_KEYS = frozenset({"dashboard_url", "open_hours", "retry_seconds", "retry_max_seconds", "smtp_config"})


class ConfigError(ValueError):
    """alerts.toml is wrong; the message names the entry."""


@dataclass(frozen=True)
class Channel:
    name: str
    kind: str
    url: str | None = field(default=None, repr=False)
    secret: str | None = field(default=None, repr=False)
    mail: MailSettings | None = field(default=None, repr=False)
    mention_mobiles: tuple[str, ...] = ()


@dataclass(frozen=True)
class Route:
    responsible: str
    channels: tuple[str, ...]
    source: str | None = None
    region: str | None = None

    def covers(self, source_id: str, source_region: str | None) -> bool:
        if self.source is not None:
            return self.source == source_id
        return bool(source_region and self.region and source_region.startswith(self.region))


@dataclass(frozen=True)
class AlertsConfig:
    channels: dict[str, Channel]
    routes: tuple[Route, ...]
    lead_hours: dict[str, float]
    dashboard_url: str = "http://127.0.0.1:8501"
    open_hours: float = 72.0
    retry_seconds: float = 60.0
    retry_max_seconds: float = 3600.0

    def routes_for(self, source_id: str, source_region: str | None) -> list[Route]:
        return [route for route in self.routes if route.covers(source_id, source_region)]


def load_config(path: Path, environ: Mapping[str, str]) -> AlertsConfig:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror})") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    return parse_config(data, path, environ)


def parse_config(data: Mapping[str, Any], path: Path, environ: Mapping[str, str]) -> AlertsConfig:
    unknown = set(data) - {"alerts", "lead_hours", "route", "channel"}
    if unknown:
        raise ConfigError(f"{path}: unknown table [{min(unknown)}]")
    settings = _table(data.get("alerts", {}), f"{path} [alerts]")
    _known(settings, ALERTS_KEYS, f"{path} [alerts]")
    smtp_config = settings.get("smtp_config")
    channels = {name: parse_channel(name, _table(entry, f"{path} [channel.{name}]"), path, environ, smtp_config)
                for name, entry in _table(data.get("channel", {}), f"{path} [channel]").items()}
    routes = tuple(parse_route(n, _table(entry, f"{path} [[route]] #{n}"), path, channels)
                   for n, entry in enumerate(data.get("route", []), start=1))
    if not routes:
        raise ConfigError(f"{path}: no [[route]]: say which sources' clocks go to which channels")
    lead = {}
    for rule_id, hours in _table(data.get("lead_hours", {}), f"{path} [lead_hours]").items():
        lead[rule_id] = _positive(hours, f"{path} [lead_hours] {rule_id}")
    return AlertsConfig(
        channels=channels, routes=routes, lead_hours=lead,
        dashboard_url=str(settings.get("dashboard_url", "http://127.0.0.1:8501")).rstrip("/"),
        open_hours=_positive(settings.get("open_hours", 72.0), f"{path} [alerts] open_hours"),
        retry_seconds=_positive(settings.get("retry_seconds", 60.0), f"{path} [alerts] retry_seconds"),
        retry_max_seconds=_positive(settings.get("retry_max_seconds", 3600.0), f"{path} [alerts] retry_max_seconds"),
    )


def parse_route(number: int, entry: Mapping[str, Any], path: Path, channels: Mapping[str, Channel]) -> Route:
    where = f"{path} [[route]] #{number}"
    _known(entry, ROUTE_KEYS, where)
    if ("source" in entry) == ("region" in entry):
        raise ConfigError(f"{where}: give exactly one of source = \"<source id>\" or region = \"<region>\"")
    scope = entry.get("source", entry.get("region"))
    if not isinstance(scope, str) or not scope.strip():
        raise ConfigError(f"{where}: source or region must be a non-empty string")
    where += f" ({scope})"
    names = entry.get("channels")
    if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
        raise ConfigError(f"{where}: channels must be a non-empty list of channel names")
    missing = [n for n in names if n not in channels]
    if missing:
        raise ConfigError(f"{where}: channel {missing[0]!r} is not defined (add [channel.{missing[0]}])")
    responsible = entry.get("responsible")
    if not isinstance(responsible, str) or not responsible.strip():
        raise ConfigError(f"{where}: responsible must name who answers for these sources")
    return Route(responsible.strip(), tuple(names), entry.get("source"), entry.get("region"))


def parse_channel(name: str, entry: Mapping[str, Any], path: Path, environ: Mapping[str, str],
                  smtp_config: str | None) -> Channel:
    where = f"{path} [channel.{name}]"
    kind = entry.get("kind")
    if kind not in CHANNEL_KINDS:
        raise ConfigError(f"{where}: kind must be one of {', '.join(CHANNEL_KINDS)}")
    if "secret" in entry:
        raise ConfigError(f"{where}: a secret does not belong in alerts.toml; use secret_env or secret_file")
    _known(entry, CHANNEL_KEYS, where)
    mobiles = tuple(str(m) for m in entry.get("mention_mobiles", []))
    if kind == "email":
        return Channel(name, kind, mail=email_settings(entry, where, environ, smtp_config))
    if kind in ROBOT_KINDS and "url" in entry:
        raise ConfigError(f"{where}: the robot URL holds its access token; give it in url_env or url_file")
    url = _resolve(entry, "url", where, environ, required=True)
    if urlsplit(url or "").scheme not in ("http", "https"):
        raise ConfigError(f"{where}: the URL must be http:// or https://")
    secret = _resolve(entry, "secret", where, environ, required=False) if kind in SIGNING_KINDS else None
    return Channel(name, kind, url=url, secret=secret, mention_mobiles=mobiles)


def email_settings(entry: Mapping[str, Any], where: str, environ: Mapping[str, str],
                   smtp_config: str | None) -> MailSettings:
    """The digest's SMTP settings (TRACKER_SMTP_*, or an [smtp] file) with this channel's recipients."""
    recipients = entry.get("to")
    if not isinstance(recipients, list) or not recipients:
        raise ConfigError(f"{where}: to must list the recipients")
    config = entry.get("smtp_config") or smtp_config or environ.get("TRACKER_SMTP_CONFIG")
    try:
        settings = load_settings({**environ, "TRACKER_SMTP_TO": ",".join(map(str, recipients))},
                                 Path(config) if config else None)
    except MailError as exc:
        raise ConfigError(f"{where}: {exc}") from None
    return settings


def _resolve(entry: Mapping[str, Any], key: str, where: str, environ: Mapping[str, str], required: bool) -> str | None:
    if key in entry:
        return str(entry[key])
    if f"{key}_env" in entry:
        variable = str(entry[f"{key}_env"])
        if not environ.get(variable):
            raise ConfigError(f"{where}: environment variable {variable} ({key}_env) is not set")
        return environ[variable].strip()
    if f"{key}_file" in entry:
        return _read_secret_file(Path(str(entry[f"{key}_file"])).expanduser(), f"{where} {key}_file")
    if required:
        raise ConfigError(f"{where}: give {key}_env or {key}_file")
    return None


def _read_secret_file(path: Path, where: str) -> str:
    resolved = path.resolve()
    for folder in resolved.parents:
        if (folder / ".git").exists():
            raise ConfigError(f"{where}: {path} is inside the git repository {folder}; keep secrets out of it")
    try:
        text = resolved.read_text(encoding="utf-8").strip()
    except OSError as exc:
        raise ConfigError(f"{where}: cannot read {path} ({exc.strerror})") from None
    if not text:
        raise ConfigError(f"{where}: {path} is empty")
    return text


def _known(entry: Mapping[str, Any], keys: frozenset[str], where: str) -> None:
    unknown = sorted(set(entry) - keys)
    if unknown:
        raise ConfigError(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(keys))})")


def _table(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: expected a table")
    return value


def _positive(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise ConfigError(f"{where}: expected a positive number of hours or seconds, got {value!r}")
    return float(value)
