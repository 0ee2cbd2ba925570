"""A folder of Markdown notes with YAML front matter (Obsidian daily notes and the like).

Each ``.md`` file below the folder is one entry. Its day comes from the front matter
(``date``, or ``created``) or else from the file name (``2025-03-01.md``,
``Daily 2025-03-01.md``); a ``time: 21:30`` or a date with a time gives the time, and the
diary-day rule applies to it. ``tags`` (a list, or words separated by commas or spaces,
with or without ``#``) become tags, a ``mood`` of 1–10 the mood, ``title`` the title; the
other keys are kept under ``imported_fields``. Privacy is read by kapdiary's own rules
(``kapdiary.privacy``): a ``private`` key that is not a clear false keeps the entry private,
and (private) headings stay in the text where they work as in any entry. A note whose front
matter cannot be read is skipped and named, never guessed at. The stable id is the note's
path inside the folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kapdiary.importers.model import Imported, Parsed, Problem, clean_tags
from kapdiary.messages import importing as words

NAME_DATE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)", re.ASCII)
TIME = re.compile(r"(\d{1,2}):(\d{2})(?::\d{2})?", re.ASCII)
TAKEN = {"date", "created", "time", "tags", "tag", "mood", "title", "template", "source"}
MAX_NOTE = 8 * 1024 * 1024  # a note larger than this is not a diary day


def parse_folder(folder: Path, diary: Path | None = None) -> Parsed:
    """Every note below ``folder``; the diary's own home (``diary``), when it lies inside
    the folder, is left out: its entries are in the diary already."""
    parsed = Parsed()
    for path, rel in notes(folder, diary):
        problem = _unreadable(path)
        if problem:
            parsed.problems.append(Problem(rel, problem))
            continue
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            parsed.problems.append(Problem(rel, words.note_not_utf8(exc.start)))
            continue
        except OSError as exc:
            parsed.problems.append(Problem(rel, words.note_unreadable(exc.strerror)))
            continue
        found = parse_note(text, rel)
        if isinstance(found, Problem):
            parsed.problems.append(found)
        else:
            parsed.entries.append(found)
    return parsed


def notes(folder: Path, diary: Path | None = None) -> Iterator[tuple[Path, str]]:
    """Every ``.md`` file below ``folder``, sorted; hidden folders (``.obsidian``,
    ``.trash``) left out; links are yielded so that they can be named, never followed."""
    for root, dirs, files in os.walk(folder, followlinks=False):
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and (diary is None or Path(root, d).resolve() != diary)
        )
        for name in sorted(files):
            if name.lower().endswith(".md") and not name.startswith("."):
                path = Path(root) / name
                yield path, path.relative_to(folder).as_posix()


def _unreadable(path: Path) -> str | None:
    if path.is_symlink():
        return words.NOTE_LINK
    try:
        size = path.stat().st_size
    except OSError as exc:
        return words.note_unreadable(exc.strerror)
    if size > MAX_NOTE:
        return words.note_too_large(MAX_NOTE // (1024 * 1024))
    return None


def parse_note(text: str, rel: str) -> Imported | Problem:
    """One note (``rel`` is its path inside the folder, which is also its id)."""
    from kapdiary.entry import FrontMatterError, load_front_matter, split_front_matter

    text = text.replace("\r\n", "\n")
    try:
        yaml_text, body, _ = split_front_matter(text)
        meta = load_front_matter(yaml_text) if yaml_text is not None else {}
    except FrontMatterError as exc:
        return Problem(rel, words.note_front_matter(exc.message))
    when, day = _when(meta, rel)
    if when is None and day is None:
        return Problem(rel, words.NOTE_NO_DATE)
    from kapdiary.entry import parse

    private = parse(text).private_reason is not None  # kapdiary's own rules, failing closed
    title = meta.get("title")
    return Imported(
        source_id=f"markdown:{rel}",
        where=rel,
        body=body.strip(),
        when=when,
        day=day if when is None else None,
        title=str(title) if title is not None else None,
        tags=_tags(meta),
        mood=_mood(meta.get("mood")),
        private=private,
        fields=_kept(meta),
    )


def _when(meta: dict[str, Any], rel: str) -> tuple[datetime | None, date | None]:
    raw = meta.get("date", meta.get("created"))
    day: date | None = None
    if isinstance(raw, datetime):
        return raw.replace(tzinfo=None), None
    if isinstance(raw, date):
        day = raw
    elif isinstance(raw, str):
        day = _iso_day(raw)
    if day is None:
        found = NAME_DATE.search(rel.rsplit("/", 1)[-1])
        day = _iso_day(found.group(0)) if found else None
    if day is None:
        return None, None
    match = TIME.fullmatch(str(meta.get("time", "")).strip())
    if match and int(match.group(1)) < 24 and int(match.group(2)) < 60:
        return datetime(day.year, day.month, day.day, int(match.group(1)), int(match.group(2))), day
    return None, day


def _iso_day(text: str) -> date | None:
    text = text.strip()
    try:
        return datetime.fromisoformat(text).date() if len(text) > 10 else date.fromisoformat(text)
    except ValueError:
        return None


def _tags(meta: dict[str, Any]) -> tuple[str, ...]:
    raw = meta.get("tags", meta.get("tag"))
    if isinstance(raw, str):
        raw = re.split(r"[,\s]+", raw)
    return clean_tags(raw if isinstance(raw, list) else [])


def _mood(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return int(value) if 1 <= value <= 10 and value == int(value) else None  # NaN, inf: None


def _kept(meta: dict[str, Any]) -> dict[str, Any]:
    """The note's other keys (a ``mood`` kapdiary cannot read among them), JSON-shaped."""
    from kapdiary.index.extract import jsonable

    kept = {
        str(k): jsonable(v)
        for k, v in meta.items()
        if str(k).lower() not in TAKEN and str(k).strip().lower() != "private"
    }
    if "mood" in meta and _mood(meta["mood"]) is None:
        kept["mood"] = jsonable(meta["mood"])
    return kept
