"""Phrasing shared by the plain, terminal and JSON views of entries."""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.render.format import long_date, number
from kapdiary.render.format import span as span  # re-exported for cli/write.py

if TYPE_CHECKING:
    from kapdiary.fields import Field
    from kapdiary.index import Record, SearchResult
    from kapdiary.lookup import Lookup as FieldLookup
    from kapdiary.progress import Tracked
    from kapdiary.query import Summary

SEP = " · "
# Front matter shown in an entry's facts line, or not repeated at all.
_SHOWN = {"date", "time", "template", "title", "mood", "intentions", "areas", "tags", "private"}


def entries(count: int) -> str:
    return f"{count:,} {'entry' if count == 1 else 'entries'}"


def search_title(result: SearchResult, query: str) -> str:
    """``3 entries match grief, best first``; how many of them are shown when not all."""
    title = f"{entries(result.total)} {'match' if result.total != 1 else 'matches'} {query}"
    if len(result.hits) < result.total:
        title += f"; the best {len(result.hits)} shown"
    elif result.ranked:
        title += ", best first"
    return title


def header(summary: Summary, since: date | None, until: date | None) -> list[tuple[str, str]]:
    """The review's one line as (label, value) parts: entries, period, mean ratings."""
    first = since if since is not None else summary.first
    last = until if until is not None else summary.last
    parts = [("", entries(summary.entries)), ("", span(first, last))]
    if summary.mood is not None:
        parts.append(("mood ", number(summary.mood)))
    for key, value in summary.intentions.items():
        parts.append((f"{key} ", number(value)))
    return parts


def entry_heading(record: Record) -> str:
    """``Evening integration — Saturday 21 November 2026 · 21:34 · evening``.

    The title leads when it names the day (as the templates' titles do); otherwise the day.
    """
    parts = [record.title if _titled(record) and record.title else long_date(record.date)]
    if record.time:
        parts.append(record.time)
    if record.template:
        parts.append(record.template)
    if record.private:
        parts.append("private")
    return SEP.join(parts)


def templates_needed(records: Iterable[Record]) -> set[str]:
    """The templates whose fields ``facts`` will look up for these entries."""
    return {
        r.template
        for r in records
        if r.template
        and any(k not in _SHOWN and v not in (None, "", [], {}) for k, v in r.meta.items())
    }


def facts(record: Record, fields: FieldLookup | None = None) -> list[tuple[str, str]]:
    """(label, value) pairs: mood, intentions, areas, tags, then the template's own fields,
    each by its template's words when ``fields`` finds it (``lookup.Lookup``)."""
    out: list[tuple[str, str]] = []
    if record.mood is not None:
        out.append(("mood", number(record.mood)))
    for key in ("intentions", "areas"):
        rated = record.meta.get(key)
        if isinstance(rated, dict) and rated:
            out.append((key, ", ".join(f"{k} {_value(v)}" for k, v in rated.items())))
    if record.tags:
        out.append(("tags", " ".join(f"#{t}" for t in record.tags)))
    for key, value in record.meta.items():
        if key not in _SHOWN and value not in (None, "", [], {}):
            spec = fields(record.template, str(key)) if fields is not None else None
            if spec is None:
                out.append((str(key), _value(value)))
            else:
                out.append((spec.label or spec.prompt, field_value(spec, value)))
    return out


def field_value(spec: Field, value: Any) -> str:
    """An answer in its template's words: ``3/5``, ``7.5 hours``, a questionnaire's
    answers by their words; anything that does not fit is shown as written."""
    numeric = isinstance(value, int | float) and not isinstance(value, bool)
    if spec.type == "scored" and isinstance(value, dict):
        parts = []
        for item, answer in value.items():
            question = spec.items.get(str(item), str(item))
            if type(answer) is int and 0 <= answer < len(spec.options):
                parts.append(f"{question}: {spec.options[answer]} ({answer})")
            else:
                parts.append(f"{question}: {_value(answer)}")
        return "; ".join(parts)
    if spec.type == "scale" and numeric:
        return f"{number(value)}/{number(spec.max if spec.max is not None else 10)}"
    if spec.type == "number" and numeric and spec.unit:
        return f"{number(value)} {spec.unit}"
    return _value(value)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float | int):
        return number(value)
    if isinstance(value, list):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_value(v)}" for k, v in value.items())
    return str(value)


def measure_range(t: Tracked) -> str:
    """What a template's own measure counts: ``1–5``, ``hours``, ``0–24 hours``, or
    ``yes/no`` (empty for a choice: its options say it)."""
    if t.type == "yesno":
        return "yes/no"
    if t.type not in ("scale", "number"):
        return ""
    low, high = t.low, t.high
    if low is not None and high is not None:
        words = f"{number(low)}–{number(high)}"
    elif low is not None:
        words = f"from {number(low)}"
    elif high is not None:
        words = f"up to {number(high)}"
    else:
        words = ""
    return " ".join(w for w in (words, t.unit or "") if w)


def problem(record: Record) -> str | None:
    if record.problem is None:
        return None
    where = f"line {record.problem_line}: " if record.problem_line else ""
    return f"{where}{record.problem} (shown as it is in the file)"


def _titled(record: Record) -> bool:
    return bool(record.title) and long_date(record.date) in (record.title or "")


def body_without_title(record: Record) -> str:
    """The body without its first ``# title`` line when the heading shows that title."""
    body = record.body or ""
    if record.problem is None and _titled(record) and body.startswith("# "):
        return body.partition("\n")[2].lstrip("\n")
    return body


def shown_path(path: Path, base: Path) -> str:
    """A path relative to the diary home when it is inside it."""
    try:
        return str(path.relative_to(base))
    except ValueError:
        return str(path)


def shown_place(record: Record, base: Path) -> str:
    """``shown_path(record.path, base)`` worked out on the path's text: no Path is made
    for each of a search's hundreds of hits. The index's paths are already in the form
    a Path gives them (its folder and the names found there), so the prefix decides."""
    text = record.path_text
    if os.sep != "/":
        return shown_path(record.path, base)
    root = str(base)
    if text == root:
        return "."
    prefix = root if root.endswith("/") else root + "/"
    return text[len(prefix) :] if text.startswith(prefix) and len(text) > len(prefix) else text


def intention_columns(records: list[Record]) -> list[str]:
    """Every intention rated in ``records``, in the order they first appear."""
    seen: dict[str, None] = {}
    for record in records:
        for key in record.ratings():
            seen.setdefault(key, None)
    return list(seen)
