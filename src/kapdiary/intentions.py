"""The stated intentions, kept in ``intentions.toml`` (docs/design.md §4)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from pathlib import Path
from typing import Any, Protocol

from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.messages import intentions as said
from kapdiary.plain import Plain


class Intention(Plain):
    id: str
    text: str
    set_on: date
    area: str | None
    retired_on: date | None

    _fields = ("id", "text", "set_on", "area", "retired_on")

    def __init__(
        self,
        id: str,
        text: str,
        set_on: date,
        area: str | None = None,
        retired_on: date | None = None,
    ) -> None:
        self.id = id
        self.text = text
        self.set_on = set_on
        self.area = area
        self.retired_on = retired_on

    @property
    def active(self) -> bool:
        return self.retired_on is None

    def as_json(self) -> dict[str, Any]:
        return {**identity_json(self), "active": self.active}

    def active_on(self, day: date) -> bool:
        """Whether it could be rated on ``day``: not retired on or before it."""
        return self.retired_on is None or day < self.retired_on

    def to_toml(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "text": self.text}
        if self.area:
            data["area"] = self.area
        data["set_on"] = self.set_on
        if self.retired_on:
            data["retired_on"] = self.retired_on
        return data


def slugify(text: str) -> str:
    """``Be present with my kids`` → ``be-present-with-my-kids`` (ASCII, at most 40 chars)."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:40].rstrip("-") or "intention"


def load(path: Path) -> list[Intention]:
    from kapdiary import vault

    path = vault.find(path)
    try:
        text = vault.read_text(path)
    except FileNotFoundError:
        return []
    except UnicodeDecodeError as exc:
        raise KapdiaryError(said.intentions_not_toml(path, exc)) from exc
    from kapdiary import toml_read

    try:
        data = toml_read.loads(text)
    except ValueError as exc:  # tomllib's TOMLDecodeError
        raise KapdiaryError(said.intentions_not_toml(path, exc)) from exc
    items = data.get("intentions", [])
    if not isinstance(items, list):
        raise KapdiaryError(said.intentions_not_a_list(path))
    result: list[Intention] = []
    for number, item in enumerate(items, start=1):
        if not isinstance(item, dict) or not item.get("id") or not item.get("text"):
            raise KapdiaryError(said.intention_needs_id_and_text(path, number))
        result.append(
            Intention(
                id=str(item["id"]),
                text=str(item["text"]),
                set_on=_as_date(item.get("set_on"), path) or date.today(),
                area=str(item["area"]) if item.get("area") else None,
                retired_on=_as_date(item.get("retired_on"), path),
            )
        )
    return result


def _as_date(value: Any, path: Path) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise KapdiaryError(said.intention_date_not_a_date(path, value)) from None


def save(path: Path, intentions: list[Intention]) -> None:
    import tomli_w

    from kapdiary import vault

    text = tomli_w.dumps({"intentions": [i.to_toml() for i in intentions]})
    vault.save(vault.name(path), text)


def find(intentions: list[Intention], intention_id: str) -> Intention:
    for intention in intentions:
        if intention.id == intention_id:
            return intention
    known = ", ".join(i.id for i in intentions) or said.no_intentions_known()
    raise UsageError(said.no_such_intention(intention_id, known))


def add(
    path: Path, text: str, *, today: date, intention_id: str | None = None, area: str | None = None
) -> Intention:
    text = text.strip()
    if not text:
        raise UsageError(said.intention_needs_words())
    intentions = load(path)
    taken = {i.id for i in intentions}
    if intention_id is not None:
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", intention_id):
            raise UsageError(said.not_a_usable_id(intention_id))
        if intention_id in taken:
            raise UsageError(said.id_taken(intention_id))
        new_id = intention_id
    else:
        base = new_id = slugify(text)
        number = 2
        while new_id in taken:
            new_id, number = f"{base}-{number}", number + 1
    intention = Intention(id=new_id, text=text, set_on=today, area=area)
    save(path, [*intentions, intention])
    return intention


def same_words(intentions: list[Intention], text: str) -> Intention | None:
    """An intention with these words already, ignoring case and spacing (a twin)."""
    wanted = " ".join(text.split()).casefold()
    return next((i for i in intentions if " ".join(i.text.split()).casefold() == wanted), None)


def remove(path: Path, intention_id: str) -> Intention:
    """Take an intention out of ``intentions.toml`` (the caller checks nothing rates it)."""
    intentions = load(path)
    intention = find(intentions, intention_id)
    save(path, [i for i in intentions if i.id != intention_id])
    return intention


def edit(path: Path, intention_id: str, *, text: str | None, area: str | None) -> Intention:
    intentions = load(path)
    intention = find(intentions, intention_id)
    if text is not None:
        if not text.strip():
            raise UsageError(said.intention_needs_new_words())
        intention.text = text.strip()
    if area is not None:
        intention.area = area.strip() or None
    save(path, intentions)
    return intention


def retire(path: Path, intention_id: str, *, on: date) -> Intention:
    intentions = load(path)
    intention = find(intentions, intention_id)
    if intention.retired_on is not None:
        raise UsageError(said.already_retired(intention_id, intention.retired_on))
    intention.retired_on = on
    save(path, intentions)
    return intention


class _Stated(Protocol):
    id: str
    text: str
    area: str | None
    set_on: date
    retired_on: date | None


def identity_json(item: _Stated) -> dict[str, Any]:
    """An intention's own keys, as `intention list --json` and `progress --json` give them."""
    return {
        "id": item.id,
        "text": item.text,
        "area": item.area,
        "set_on": item.set_on.isoformat(),
        "retired_on": item.retired_on.isoformat() if item.retired_on else None,
    }
