"""Entries, summaries and search results as plain data for ``--json``."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kapdiary.index import Hit, Record, SearchResult
    from kapdiary.query import Summary


def entry(record: Record, *, body: bool = True) -> dict[str, Any]:
    """An entry: where it is, its known fields, all of its front matter, its text."""
    data: dict[str, Any] = {
        "path": str(record.path),
        "date": record.date.isoformat(),
        "time": record.time,
        "template": record.template,
        "title": record.title,
        "mood": _number(record.mood),
        "intentions": record.meta.get("intentions") or {},
        "areas": record.meta.get("areas") or {},
        "tags": list(record.tags),
        "private": record.private,
        "problem": record.problem,
        "problem_line": record.problem_line,
        "meta": record.meta,
    }
    if body:
        data["body"] = record.body
    return data


def summary(summary: Summary, since: date | None, until: date | None) -> dict[str, Any]:
    return {
        "entries": summary.entries,
        "since": _iso(since if since is not None else summary.first),
        "until": _iso(until if until is not None else summary.last),
        "mood": _round(summary.mood),
        "intentions": {k: _round(v) for k, v in summary.intentions.items()},
    }


def hit(found: Hit) -> dict[str, Any]:
    return {
        **entry(found.record, body=False),
        "score": found.score,
        "label": found.label,
        "snippet": found.snippet,
        "highlights": [list(span) for span in found.highlights],
    }


def review(
    found: Summary, records: list[Record], since: date | None, until: date | None
) -> dict[str, Any]:
    """review --json: the summary line's figures and every entry."""
    return {"summary": summary(found, since, until), "entries": [entry(r) for r in records]}


def revisit(groups: list[tuple[str, date, list[Record]]]) -> list[dict[str, Any]]:
    """revisit --json: each group's label, day and entries."""
    return [
        {"label": label, "date": day.isoformat(), "entries": [entry(r) for r in records]}
        for label, day, records in groups
    ]


def search(query: str, result: SearchResult) -> dict[str, Any]:
    """search --json: the query, how many matched and were shown, and each hit."""
    return {
        "query": query,
        "total": result.total,
        "shown": len(result.hits),
        "ranked": result.ranked,
        "results": [hit(h) for h in result.hits],
    }


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return value if isinstance(value, int) else int(value) if float(value).is_integer() else value


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day is not None else None
