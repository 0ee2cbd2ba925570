"""The history progress reads, aggregated by SQLite: an implementation, not a definition.

``kapdiary.progress`` defines the history once: ``progress.facts`` decides what each
entry's front matter gives (stored in the ``facts`` table when a file is indexed),
``progress.History`` is what the figures are computed from, and ``progress.gather`` builds
one from entries. This module builds the same ``History`` from the index in a few aggregate
queries, so a decade of entries is read in a fraction of a second instead of file by file.
The two must agree: ``tests/test_progress_history.py`` holds this implementation to
``gather``'s results on awkward diaries (private entries, unreadable front matter, sync
conflict copies, dates out of range, template filters). Change the definition in progress
first, then this, then bump ``schema.SCHEMA_VERSION`` if what is stored changed.

Results are kept in the ``derived`` table by their filters and the index's generation, so a
second ``progress`` on an unchanged diary reads them back: one row a part (``pack``), each
day series' arrays as raw bytes read in place (``unpack``), a few MB at 50,000 entries.
"""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
import contextlib
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from kapdiary.conflicts import CONFLICT_SQL
from kapdiary.query import Filters, where

if TYPE_CHECKING:
    from kapdiary.fields import Field
    from kapdiary.index.store import Store
    from kapdiary.progress import Days, History, Scale

CONFLICT_NOTE = (
    "a copy left by a sync conflict, left out of the figures: keep one of the two "
    "(`kapdiary doctor` names both)"
)
_ORDINAL = "CAST(julianday(e.date) - 1721424.5 AS INTEGER)"  # date.toordinal() in SQL
_ORDER = "ORDER BY e.date, e.time, e.sort_key"
PART = "\x1f"  # between a history's key and the number of its part in ``derived``


def history(store: "Store", filters: Filters, *, private: bool = True) -> "History":
    """What ``kapdiary.progress`` needs of every entry matching ``filters``; see
    ``compute``. Kept in ``derived`` until the files change."""
    from kapdiary import __version__

    # The generation is read before the history is worked out: a refresh by another
    # process meanwhile makes this result a key no later command asks for.
    generation = store.rows("SELECT value FROM info WHERE key = 'generation'")
    key = json.dumps(
        [
            "history-3",  # the layout of ``pack``
            generation[0][0] if generation else "0",
            __version__,
            list(sys.version_info[:2]),
            sys.byteorder,
            filters.until.isoformat() if filters.until else None,
            filters.templates,
            filters.tags,
            filters.intentions,
            private,
        ]
    )
    # One row a part (``pack``): SQLite and Python never hold a decade's blob twice.
    parts = [
        row[0]
        for row in store.rows(
            "SELECT value FROM derived WHERE key > ? AND key < ? ORDER BY key",
            [key + PART, key + chr(ord(PART) + 1)],
        )
    ]
    if parts:
        with contextlib.suppress(Exception):  # damaged or foreign: worked out again
            return unpack(parts)
    found = compute(store, filters, private=private)
    # Every part in one transaction: with the first present, all are.
    store.remember_all([(f"{key}{PART}{n:05d}", part) for n, part in enumerate(pack(found))])
    return found


def pack(found: "History") -> list[bytes]:
    """A history in parts: its small things by ``marshal``, then each day series' arrays
    as raw bytes (``unpack`` reads them where they lie, without a copy)."""
    import marshal

    arrays: list[Any] = []

    series = []
    for (kind, key), days in found.series.items():
        kept = days.strengths if kind == "intentions" else None  # worked out once, here
        arrays += [days.days, days.values, *([kept] if kept is not None else [])]
        series.append((kind, key, kept is not None))
    written = found.entry_days
    arrays += [written.days, written.values, *written.runs]
    head = (
        len(arrays) + 1,  # the parts, this one included
        series,
        list(found.notes.items()),
        found.sessions,
        [(f.path, f.message, f.field) for f in found.flags],
        list(found.scores.items()),
        [(kind, name, key, values) for (kind, name, key), values in found.answers.items()],
    )
    return [marshal.dumps(head), *(bytes(item) for item in arrays)]


def unpack(parts: list[bytes]) -> "History":
    """The history ``pack`` made, its day series read where they lie in ``parts``."""
    import marshal

    from kapdiary.progress import Days, Flag, History

    count, series, notes, sessions, flags, scores, answers = marshal.loads(parts[0])
    if len(parts) < count:
        raise ValueError("a part of the history is missing")
    arrays = iter(parts[1:count])  # rows after them are no part of it

    def take(kind: "str") -> "memoryview[Any]":
        view = memoryview(next(arrays))
        return view.cast("i") if kind == "i" else view.cast("d")

    by_name = {}
    for kind, key, strong in series:
        days, values = take("i"), take("d")
        by_name[kind, key] = Days(days, values, strengths=take("d") if strong else None)
    entry_days = Days(take("i"), take("i"), "i", runs=(take("i"), take("i"), take("i")))
    return History(
        series=by_name,
        notes=dict(notes),
        entry_days=entry_days,
        sessions=sessions,
        flags=[Flag(*f) for f in flags],
        scores={name: [tuple(s) for s in items] for name, items in scores},
        answers={(kind, name, key): [tuple(v) for v in vs] for kind, name, key, vs in answers},
    )


def definitions(
    store: "Store", templates_dir: Path, names: Iterable[str]
) -> "dict[str, list[Field]]":
    """``kapdiary.progress.definitions``, kept in ``derived`` by each template file's
    path, size and mtime: a second ``progress`` reads no YAML."""
    names = sorted(set(names))
    if not names:
        return {}  # no template's own answers: no template is read, nothing imported
    import marshal

    from kapdiary.fields import Field

    key = _templates_key("definitions", templates_dir, names)
    row = store.rows("SELECT value FROM derived WHERE key = ?", [key])
    if row:
        with contextlib.suppress(Exception):  # damaged or foreign: read again
            kept = marshal.loads(row[0][0])
            return {name: [Field(**f) for f in fields] for name, fields in kept}
    from kapdiary.progress import definitions

    result = definitions(templates_dir, names)
    plain = [(name, [f.as_dict() for f in fields]) for name, fields in result.items()]
    store.remember(key, marshal.dumps(plain))
    return result


def scales(store: "Store", templates_dir: Path, names: Iterable[str]) -> "dict[str, Scale]":
    """``kapdiary.progress.scales``, kept in ``derived`` as ``definitions`` is: an export
    or ``progress`` with check-ins reads no questionnaire's YAML the second time."""
    names = sorted(set(names))
    if not names:
        return {}  # no check-ins: no template is read
    import marshal

    from kapdiary.progress import Scale

    key = _templates_key("scales", templates_dir, names)
    row = store.rows("SELECT value FROM derived WHERE key = ?", [key])
    if row:
        with contextlib.suppress(Exception):  # damaged or foreign: read again
            kept = marshal.loads(row[0][0])
            return {
                name: Scale(label, list(bands), highest) for name, label, bands, highest in kept
            }
    from kapdiary.progress import scales as read_scales

    result = read_scales(templates_dir, names)
    plain = [(name, s.label, list(s.bands), s.highest) for name, s in result.items()]
    store.remember(key, marshal.dumps(plain))
    return result


def _templates_key(kind: str, templates_dir: Path, names: list[str]) -> str:
    """What a result read from the named templates is kept under in ``derived``: each
    template file's path, mtime and size (the user's, or the built-in it overrides)."""
    from kapdiary import __version__
    from kapdiary.template_files import available

    found = available(templates_dir)
    stamps: list[list[Any]] = []
    for name in names:
        if name in found:
            with contextlib.suppress(OSError):
                info = found[name][0].stat()
                stamps.append([name, str(found[name][0]), info.st_mtime_ns, info.st_size])
    return json.dumps([kind, __version__, names, stamps])


class _Where(NamedTuple):
    """The conditions on ``entries e`` that the queries of one history share."""

    cond: str  # matching entries, conflict copies left out
    params: list[Any]
    readable: str  # ``cond``, and the front matter could be read
    copies: str  # matching entries that are a sync tool's conflict copy
    copies_params: list[Any]
    ratings: str  # on ``facts f``: the ratings of matching entries
    ratings_params: list[Any]


def _where(filters: Filters, private: bool) -> _Where:
    """``since`` and ``text`` are ignored: figures look back over the whole history.

    ``private=False`` leaves private entries out, and with them entries whose front
    matter could not be read (it may have said ``private: true``)."""
    filters = filters.replace(since=None, text=None)
    cond, params = where(filters)
    if not private:
        cond += " AND NOT e.private AND NOT (e.problem IS NOT NULL AND e.meta = '{}' "
        cond += "AND e.problem_line IS NOT NULL)"
    # A sync tool's conflict copy is the same day twice: named, and kept out of the
    # figures until the user keeps one of the two (kapdiary.conflicts, in SQL).
    copies = f"{cond} AND ({CONFLICT_SQL})"
    copies_params = list(params)
    cond += f" AND NOT ({CONFLICT_SQL})"
    readable = f"{cond} AND NOT (e.problem IS NOT NULL AND e.meta = '{{}}')"
    # Ratings come from ``facts`` alone when only the end date and privacy filter them.
    if filters.templates or filters.tags or filters.intentions:
        ratings, ratings_params = f"f.id IN (SELECT e.id FROM entries e WHERE {cond})", params
    else:
        ratings = "1" if filters.until is None else "f.day <= ?"
        ratings_params = [] if filters.until is None else [filters.until.toordinal()]
        if not private:
            ratings += " AND NOT f.private"
        ratings += f" AND f.id NOT IN (SELECT e.id FROM entries e WHERE {CONFLICT_SQL})"
    return _Where(cond, params, readable, copies, copies_params, ratings, ratings_params)


def compute(store: "Store", filters: Filters, *, private: bool = True) -> "History":
    """``progress.History`` of the entries matching ``filters``, aggregated by SQLite:
    each rating's day values, notes, entries per day, scores, a template's own answers,
    sessions and flags (see the module's docstring for what defines them)."""
    from kapdiary.progress import History

    at = _where(filters, private)
    found = History()
    found.series = _series(store, at)
    ((days, counts),) = store.rows(
        "SELECT json_group_array(day), json_group_array(n) FROM ("
        f"SELECT {_ORDINAL} AS day, count(*) AS n FROM entries e WHERE {at.readable} "
        "GROUP BY e.date ORDER BY e.date)",
        at.params,
    )
    found.entry_days = _days(json.loads(days), json.loads(counts), "i")
    for key, day, text in store.rows(
        f"SELECT f.key, f.day, f.text FROM facts f JOIN entries e ON e.id = f.id "
        f"WHERE f.kind = 'note' AND {at.cond} {_ORDER}, f.seq",
        at.params,
    ):
        found.notes.setdefault(key, []).append((day, text))
    for key, day, value, severity, path in store.rows(
        "SELECT f.key, f.day, f.value, f.text, e.path FROM facts f "
        f"JOIN entries e ON e.id = f.id WHERE f.kind = 'score' AND {at.cond} {_ORDER}, f.seq",
        at.params,
    ):
        found.scores.setdefault(key, []).append((day, value, severity, store.base + path))
    found.answers = _answers(store, at)
    found.sessions = [
        (day, number, store.base + path)
        for day, number, path in store.rows(
            f"SELECT {_ORDINAL}, CASE json_type(e.meta, '$.session') WHEN 'integer' "
            "THEN json_extract(e.meta, '$.session') END, e.path FROM entries e "
            f"WHERE {at.readable} AND e.template = 'session' {_ORDER}",
            at.params,
        )
    ]
    found.flags = _flags(store, at)
    return found


def _series(store: "Store", at: _Where) -> "dict[tuple[str, str], Days]":
    """``History.series``: one row per rating, its days and values in index order (kind,
    key, day); no per-day grouping in SQL, which costs more than averaging the rare
    repeated day."""
    from kapdiary.progress import RATED_KINDS

    kinds = ", ".join(f"'{kind}'" for kind in RATED_KINDS)
    return {
        (kind, key): _day_means(json.loads(days), json.loads(values))
        for kind, key, days, values in store.rows(
            "SELECT f.kind, f.key, json_group_array(f.day), json_group_array(f.value) "
            f"FROM facts f WHERE f.kind IN ({kinds}) AND {at.ratings} GROUP BY f.kind, f.key",
            at.ratings_params,
        )
    }


def _answers(store: "Store", at: _Where) -> dict[tuple[str, str, str], list[tuple[int, Any]]]:
    """``History.answers``: a template's own answers, by kind, template and key."""
    from kapdiary.progress import FIELD_KINDS

    fields = ", ".join(f"'{kind}'" for kind in FIELD_KINDS)
    found: dict[tuple[str, str, str], list[tuple[int, Any]]] = {}
    for kind, template, key, days, values, texts in store.rows(
        "SELECT f.kind, coalesce(e.template, ''), f.key, json_group_array(f.day), "
        "json_group_array(f.value), json_group_array(f.text) FROM facts f "
        f"JOIN entries e ON e.id = f.id WHERE f.kind IN ({fields}) AND {at.cond} "
        "GROUP BY f.kind, e.template, f.key",
        at.params,
    ):
        answers = json.loads(texts) if kind == "option" else json.loads(values)
        found[kind, template, key] = sorted(zip(json.loads(days), answers, strict=True))
    return found


def _flags(store: "Store", at: _Where) -> list[Any]:
    """``History.flags``: conflict copies, entries that could not be read or are dated out
    of range, and values left out, in entry order."""
    from kapdiary.dates import EARLIEST, LATEST
    from kapdiary.progress import Flag

    return [
        Flag(store.base + path, text, key)
        for path, key, text in store.rows(
            "SELECT path, key, text FROM ("
            "SELECT e.date, e.time, e.sort_key, -2 AS seq, e.path, '' AS key, "
            f"? AS text FROM entries e WHERE {at.copies} "
            "UNION ALL "
            "SELECT e.date, e.time, e.sort_key, -1 AS seq, e.path, '' AS key, "
            f"e.problem AS text FROM entries e WHERE {at.cond} AND e.problem IS NOT NULL "
            f"AND (e.meta = '{{}}' OR e.date < '{EARLIEST}' OR e.date > '{LATEST}') "
            "UNION ALL "
            "SELECT e.date, e.time, e.sort_key, f.seq, e.path, f.key, f.text "
            f"FROM facts f JOIN entries e ON e.id = f.id WHERE f.kind = 'flag' AND {at.cond}) "
            "ORDER BY date, time, sort_key, seq",
            [CONFLICT_NOTE, *at.copies_params, *at.params, *at.params],
        )
    ]


def _day_means(days: list[int], values: list[float]) -> "Days":
    """Each day's mean of its values, days ascending."""
    if days != sorted(days):
        pairs = sorted(zip(days, values, strict=True))
        days, values = [d for d, _ in pairs], [v for _, v in pairs]
    if len(set(days)) == len(days):
        return _days(days, values, "d")  # one value a day: the usual case
    sums: dict[int, list[float]] = {}
    for day, value in zip(days, values, strict=True):
        sums.setdefault(day, []).append(value)
    return _days(list(sums), [sum(v) / len(v) for v in sums.values()], "d")


def _days(days: list[int], values: list[Any], kind: str) -> "Days":
    from kapdiary.progress import Days

    if days != sorted(days) or len(set(days)) != len(days):  # a day twice: the last counts
        return Days.of(dict(zip(days, values, strict=True)), kind)
    return Days(days, values, kind)
