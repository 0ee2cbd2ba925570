"""Where help is, right now: the helplines file, and the words that go with it.

kapdiary is a personal diary, not a medical device and not a crisis service, and nobody
monitors it. When a PHQ-9 check-in's ninth answer (thoughts of being better off dead or of
hurting oneself) is above 0, the entry is saved as always and then ``safety_message`` is
shown; ``kapdiary help-now`` shows ``help_text`` at any time. The helplines live in one data
file, ``data/helplines.toml``, keyed by country code; nothing is ever fetched.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kapdiary.config import parse_country
from kapdiary.errors import KapdiaryError
from kapdiary.messages import safety as said

DATA_FILE = Path(__file__).with_name("data") / "helplines.toml"

IN_DANGER = said.IN_DANGER


@dataclass(frozen=True)
class Line:
    """A crisis line: ``reach`` says how (``call 116 123``), ``when`` when to turn to it."""

    name: str
    reach: str
    when: str
    where: str | None = None  # only for the default lines, which work in one country


@dataclass(frozen=True)
class Resources:
    """The help for one country, or the default help for every other country."""

    country: str | None  # the code asked for, in capitals; None when none was given
    listed: bool  # the helplines file has this country; otherwise these are the defaults
    country_name: str | None  # "the UK", for "To talk to someone now in the UK"
    lines: tuple[Line, ...]
    emergency: str  # "999", or "your local emergency number"
    findahelpline: str  # "findahelpline.com lists free, confidential helplines by country"


def _read() -> dict[str, Any]:
    path = DATA_FILE
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise KapdiaryError(said.cannot_read_helplines(path, exc)) from exc
    if not isinstance(data.get("default"), dict) or not isinstance(data.get("countries"), dict):
        raise KapdiaryError(said.helplines_file_empty(path))
    return data


def _resources(
    data: dict[str, Any], code: str | None, table: dict[str, Any], *, listed: bool
) -> Resources:
    try:
        return Resources(
            country=code,
            listed=listed,
            country_name=str(table["name"]) if listed else None,
            lines=tuple(
                Line(
                    name=str(line["name"]),
                    reach=str(line["reach"]),
                    when=str(line["when"]),
                    where=str(line["where"]) if "where" in line else None,
                )
                for line in table.get("lines", [])
            ),
            emergency=str(table["emergency"]),
            findahelpline=str(data["findahelpline"]),
        )
    except (KeyError, TypeError) as exc:
        where = f"[countries.{code}]" if listed else "[default]"
        raise KapdiaryError(said.helplines_file_lacks(DATA_FILE, exc, where)) from exc


def load_resources(country: str | None) -> Resources:
    """The help for ``country`` (a two-letter code, any case), or the default help.

    A code that is well formed but not in the helplines file gets the default help; a
    malformed one raises UsageError.
    """
    code = parse_country(country) if country is not None else None
    data = _read()
    table = data["countries"].get(code) if code else None
    if isinstance(table, dict):
        return _resources(data, code, table, listed=True)
    return _resources(data, code, data["default"], listed=False)


def _codes() -> tuple[str, ...]:
    try:
        return tuple(sorted(_read()["countries"]))
    except KapdiaryError:
        return ()  # load_resources says what is wrong; importing this module must not fail


COUNTRIES: tuple[str, ...] = _codes()
"""The country codes the helplines file lists, sorted."""

# Used only when the helplines file cannot be read, so that the words shown after a PHQ-9
# answer about self-harm never fail: the same as the file's [default].
_FALLBACK = Resources(
    country=None,
    listed=False,
    country_name=None,
    lines=(
        Line(
            name="988 Suicide & Crisis Lifeline",
            where="in the US",
            reach="call or text 988",
            when="any time, day or night",
        ),
    ),
    emergency="your local emergency number",
    findahelpline="findahelpline.com lists free, confidential helplines by country",
)


def _emergency(resources: Resources) -> str:
    """ "the emergency number, 999", or the default's "your local emergency number"."""
    if resources.listed:
        return said.emergency_number(resources.emergency)
    return resources.emergency


def _talk_now(resources: Resources) -> list[str]:
    lines = [said.helpline(x.name, x.where, x.reach, x.when) for x in resources.lines]
    name = resources.country_name if resources.listed else None
    return said.talk_now(name, lines, resources.findahelpline)


def safety_message(country: str | None) -> str:
    """The words shown right after saving a PHQ-9 whose ninth answer is above 0.

    Never raises: a malformed code or an unreadable helplines file gives the default help,
    because this message must be shown whatever else is wrong.
    """
    try:
        resources = load_resources(country)
    except KapdiaryError:
        try:
            resources = load_resources(None)
        except KapdiaryError:
            resources = _FALLBACK
    return said.after_self_harm_answer(_talk_now(resources), _emergency(resources))


def help_text(country: str | None) -> str:
    """What `kapdiary help-now` shows, as plain paragraphs (raises UsageError for a bad code)."""
    resources = load_resources(country)
    paragraphs = said.help_now(_talk_now(resources), _emergency(resources))
    listed = _listing()
    if resources.country is None:
        paragraphs.append(said.set_your_country(listed))
    elif not resources.listed:
        paragraphs.append(said.no_helplines_for_country(listed, resources.country))
    return "\n\n".join(paragraphs)


def _listing() -> str:
    return said.countries(list(COUNTRIES))
