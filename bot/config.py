"""Configuration: defaults from config/config.yaml, overrides from a second YAML
file and the environment, validated once at start.

This is the only module that reads environment variables. Everything it
returns is immutable, so no other room can change settings behind our back.
A bad setting raises ``ConfigError`` with one line naming the file and key;
the CLI turns that into exit code 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import yaml

from bot.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CONFIG = PROJECT_ROOT / "config" / "config.yaml"

ENV_TOKEN = "TELEGRAM_BOT_TOKEN"
ENV_OVERRIDES = {
    "TIESBOT_DATABASE": "database",
    "TIESBOT_SEEDS": "seeds",
    "TIESBOT_ADMINS": "admins",
    "TIESBOT_API_URL": "api_url",
    "TIESBOT_TIMEZONE": "timezone",
}


@dataclass(frozen=True)
class Limits:
    page_size: int = 5
    max_document_bytes: int = 2 * 1024 * 1024
    max_file_bytes: int = 5 * 1024 * 1024
    max_url_bytes: int = 2 * 1024 * 1024
    url_timeout_seconds: float = 10.0
    max_redirects: int = 3
    allow_private_urls: bool = False
    preview_ttl_minutes: int = 30
    reminder_grace_hours: float = 6.0
    inline_results: int = 50
    inline_cache_seconds: int = 300


@dataclass(frozen=True)
class Config:
    database: Path
    seeds: Path
    timezone: str
    reminder_time: str
    admins: frozenset[int]
    api_url: str | None
    templates: Path
    log_level: str
    limits: Limits = field(default_factory=Limits)
    token: str | None = field(default=None, repr=False)  # never printed

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def file_api_url(self) -> str | None:
        """The file download base that matches ``api_url`` (…/bot → …/file/bot)."""
        if not self.api_url:
            return None
        base = self.api_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    def with_changes(self, **changes: Any) -> Config:
        """A copy with some fields replaced (tests and the CLI's --database)."""
        values = {name: getattr(self, name) for name in self.__dataclass_fields__}
        values.update(changes)
        return Config(**values)


# key -> (expected python types, human description)
_TOP_KEYS: dict[str, tuple[tuple[type, ...], str]] = {
    "database": ((str,), "a path"),
    "seeds": ((str,), "a path"),
    "timezone": ((str,), "an IANA timezone name"),
    "reminder_time": ((str,), "a time HH:MM"),
    "admins": ((list,), "a list of Telegram user ids"),
    "api_url": ((str, type(None)), "a URL or null"),
    "templates": ((str,), "a path"),
    "log_level": ((str,), "one of DEBUG, INFO, WARNING, ERROR"),
    "limits": ((dict,), "a mapping"),
}
_LIMIT_TYPES: dict[str, tuple[type, ...]] = {
    "page_size": (int,),
    "max_document_bytes": (int,),
    "max_file_bytes": (int,),
    "max_url_bytes": (int,),
    "url_timeout_seconds": (int, float),
    "max_redirects": (int,),
    "allow_private_urls": (bool,),
    "preview_ttl_minutes": (int,),
    "reminder_grace_hours": (int, float),
    "inline_results": (int,),
    "inline_cache_seconds": (int,),
}
_TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"config error: {path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else "unreadable"
        raise ConfigError(f"config error: {path}: cannot read file ({reason})") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"config error: {path}: YAML syntax error{where}: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"config error: {path}: the top level must be a mapping of keys")
    return data


def _check_types(data: Mapping[str, Any], path: Path) -> None:
    for key, value in data.items():
        if key not in _TOP_KEYS:
            raise ConfigError(f"config error: {path}: unknown key '{key}'")
        types, description = _TOP_KEYS[key]
        if not isinstance(value, types):
            raise ConfigError(f"config error: {path}: key '{key}' must be {description}")
    for key, value in (data.get("limits") or {}).items():
        if key not in _LIMIT_TYPES:
            raise ConfigError(f"config error: {path}: unknown key 'limits.{key}'")
        types = _LIMIT_TYPES[key]
        # bool is an int in Python; a limit that wants a number must not take `yes`.
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            kind = "true or false" if bool in types else "a number"
            raise ConfigError(f"config error: {path}: key 'limits.{key}' must be {kind}")
        if bool not in types and value <= 0:
            raise ConfigError(f"config error: {path}: key 'limits.{key}' must be positive")


def _parse_admins(value: Any, where: str) -> frozenset[int]:
    items = value.split(",") if isinstance(value, str) else value
    admins: set[int] = set()
    for item in items:
        text = str(item).strip()
        if not text:
            continue
        if isinstance(item, bool) or not re.fullmatch(r"-?\d+", text):
            raise ConfigError(
                f"config error: {where}: key 'admins' must hold user ids, got {text!r}"
            )
        admins.add(int(text))
    return frozenset(admins)


def _project_path(value: Any) -> Path:
    """Relative paths are taken from the project folder, so the bot finds its
    seeds and templates whatever the working directory."""
    path = Path(str(value)).expanduser()
    return path if path.is_absolute() else PROJECT_ROOT / path


def load_config(env: Mapping[str, str] | None = None) -> Config:
    """Build the configuration from defaults, TIESBOT_CONFIG and the environment."""
    env = os.environ if env is None else env
    merged: dict[str, Any] = {}
    origin: dict[str, str] = {}
    files = [DEFAULT_CONFIG]
    if env.get("TIESBOT_CONFIG"):
        files.append(Path(env["TIESBOT_CONFIG"]))
    for path in files:
        data = _read_yaml(path)
        _check_types(data, path)
        for key, value in data.items():
            if key == "limits":
                merged.setdefault("limits", {}).update(value)
            else:
                merged[key] = value
            origin[key] = str(path)

    for var, key in ENV_OVERRIDES.items():
        if env.get(var) is not None and env.get(var) != "":
            merged[key] = env[var]
            origin[key] = f"environment {var}"

    def where(key: str) -> str:
        return origin.get(key, str(DEFAULT_CONFIG))

    timezone = str(merged.get("timezone", "UTC"))
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise ConfigError(
            f"config error: {where('timezone')}: key 'timezone': unknown timezone {timezone!r}"
        ) from None

    reminder_time = str(merged.get("reminder_time", "09:00"))
    if not _TIME_RE.match(reminder_time):
        raise ConfigError(
            f"config error: {where('reminder_time')}: key 'reminder_time' must be HH:MM, "
            f"got {reminder_time!r}"
        )

    log_level = str(merged.get("log_level", "INFO")).upper()
    if log_level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise ConfigError(
            f"config error: {where('log_level')}: key 'log_level' must be one of "
            "DEBUG, INFO, WARNING, ERROR"
        )

    api_url = merged.get("api_url") or None
    if api_url is not None and not re.match(r"^https?://[^\s/]+", str(api_url)):
        raise ConfigError(f"config error: {where('api_url')}: key 'api_url' must be an http(s) URL")

    token = env.get(ENV_TOKEN) or None
    if token is not None and not re.fullmatch(r"\d+:[A-Za-z0-9_-]+", token.strip()):
        # Never echo the token itself, not even a wrong one.
        raise ConfigError(f"config error: environment {ENV_TOKEN}: not a bot token (id:secret)")

    try:
        limits = Limits(**(merged.get("limits") or {}))
    except TypeError as exc:  # unknown keys were rejected above; this is a safety net
        raise ConfigError(f"config error: {where('limits')}: {exc}") from None

    return Config(
        database=_project_path(merged.get("database", "data/tiesbot.db")),
        seeds=_project_path(merged.get("seeds", "seeds")),
        timezone=timezone,
        reminder_time=reminder_time,
        admins=_parse_admins(merged.get("admins", []), where("admins")),
        api_url=str(api_url) if api_url else None,
        templates=_project_path(merged.get("templates", "config/templates")),
        log_level=log_level,
        limits=limits,
        token=token.strip() if token else None,
    )
