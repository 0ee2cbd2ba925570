"""The user's settings in config.toml (read with tomllib, written with tomli-w)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.messages import setup as said
from kapdiary.patterns import lazy
from kapdiary.plain import Plain
from kapdiary.storage import atomic_write

# The six domains of the integration model in the MAPS integration workbook
# (Bathje, Majeski & Kudowor 2022).
DEFAULT_AREAS = ("mind", "body", "spirit", "relationships", "lifestyle", "nature")
SLUG = lazy(r"^[a-z0-9][a-z0-9_-]*$")
COUNTRY_CODE = lazy(r"^[A-Za-z]{2}$")  # ISO 3166 alpha-2; stored in capitals


class Config(Plain):
    home: str | None
    day_starts_at: str
    default_template: str
    areas: list[str]
    editor: str | None
    name: str | None
    coach: str | None
    country: str | None

    _fields = (
        "home",
        "day_starts_at",
        "default_template",
        "areas",
        "editor",
        "name",
        "coach",
        "country",
    )

    def __init__(
        self,
        home: str | None = None,
        day_starts_at: str = "04:00",
        default_template: str = "evening",
        areas: list[str] | None = None,
        editor: str | None = None,
        name: str | None = None,
        coach: str | None = None,
        country: str | None = None,
    ) -> None:
        self.home = home
        self.day_starts_at = day_starts_at
        self.default_template = default_template
        self.areas = list(DEFAULT_AREAS) if areas is None else areas
        self.editor = editor
        self.name = name
        self.coach = coach
        self.country = country

    @property
    def day_start_minutes(self) -> int:
        hours, minutes = self.day_starts_at.split(":")
        return int(hours) * 60 + int(minutes)


SETTINGS_HELP = {
    "home": "the diary folder (KAPDIARY_HOME and --home take precedence)",
    "day_starts_at": "when a new diary day begins (HH:MM); earlier counts as the day before",
    "default_template": "the template `kapdiary write` uses when none is named",
    "areas": "your life areas, comma-separated",
    "editor": "the editor for --editor (otherwise $VISUAL, $EDITOR, then nano or vi)",
    "name": "your name, shown on exports for your coach",
    "coach": "your coach's name, shown on exports",
    "country": "your country code (US, GB, DE…), for the help shown by `kapdiary help-now`",
}


def _parse_time_of_day(value: str) -> str:
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", value.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UsageError(said.day_starts_at_not_a_time(value))
    return f"{int(match[1]):02d}:{match[2]}"


def _parse_slug(value: str) -> str:
    value = value.strip()
    if not SLUG.match(value):
        raise UsageError(said.not_a_template_name(value))
    return value


def parse_areas(value: str | list[str]) -> list[str]:
    """Life areas from a comma-separated string (or a TOML list), as slugs, each once."""
    items = value if isinstance(value, list) else value.split(",")
    areas = [str(a).strip().lower().replace(" ", "-") for a in items if str(a).strip()]
    bad = [a for a in areas if not SLUG.match(a)]
    if not areas or bad:
        raise UsageError(said.areas_not_a_list())
    return list(dict.fromkeys(areas))


def parse_country(value: str) -> str | None:
    """A two-letter country code (ISO 3166 alpha-2), upper-cased; empty means none."""
    code = value.strip()
    if not code:
        return None
    if not COUNTRY_CODE.match(code):
        raise UsageError(said.country_not_a_code(value))
    return code.upper()


def _optional_text(value: str) -> str | None:
    return value.strip() or None


_PARSERS: dict[str, Callable[[Any], Any]] = {
    "home": _optional_text,
    "day_starts_at": _parse_time_of_day,
    "default_template": _parse_slug,
    "areas": parse_areas,
    "editor": _optional_text,
    "name": _optional_text,
    "coach": _optional_text,
    "country": parse_country,
}


def setting_names() -> list[str]:
    return list(Config._fields)


def load(path: Path) -> Config:
    """Read the config; a missing file means the defaults."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as exc:
        raise KapdiaryError(said.cannot_read_config(path, exc.strerror)) from exc
    from kapdiary import toml_read

    try:
        data = toml_read.loads(raw.decode("utf-8"))
    except ValueError as exc:  # tomllib's TOMLDecodeError, or not UTF-8
        raise KapdiaryError(said.config_not_toml(path, exc)) from exc
    config = Config()
    for key, value in data.items():
        if key not in _PARSERS:
            continue  # keys from a newer kapdiary are kept on disk and ignored here
        try:
            parsed = _PARSERS[key](value if isinstance(value, list) else str(value))
        except UsageError as exc:
            raise KapdiaryError(f"in {path}: {exc.message}") from exc
        setattr(config, key, parsed)
    return config


def set_value(path: Path, key: str, value: str) -> Config:
    """Validate and store one setting, keeping everything else in the file as it is."""
    if key not in _PARSERS:
        raise UsageError(said.unknown_setting(key, ", ".join(setting_names())))
    parsed = _PARSERS[key](value)
    data = _read_raw(path)
    if parsed is None:
        data.pop(key, None)
    else:
        data[key] = parsed
    save_raw(path, data)
    return load(path)


def _read_raw(path: Path) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise KapdiaryError(said.config_not_toml(path, exc)) from exc


def save_raw(path: Path, data: dict[str, Any]) -> None:
    import tomli_w

    atomic_write(path, tomli_w.dumps(data))


def as_dict(config: Config) -> dict[str, Any]:
    return {name: getattr(config, name) for name in Config._fields}
