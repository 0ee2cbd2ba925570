"""What the export says about a coach's own measures and the coaching sessions.

The figures come from ``kapdiary.progress`` (``Tracked``, ``Coaching``); these are the
phrases the Markdown and HTML files share, so both say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdiary.export.words import change_text, count, mean_text

if TYPE_CHECKING:
    from kapdiary.export import Document, Entry
    from kapdiary.progress import Tracked

# The coaching template's sections, as it asks them (shown under their own headings).
COACHING_HEADING = "Since our last conversation"


def range_text(t: Tracked) -> str:
    from kapdiary.render.words import measure_range

    return measure_range(t)


def numbers(document: Document) -> list[Tracked]:
    """Scales and numbers with figures, as mood has them."""
    return [t for t in document.progress.tracked if t.type in ("scale", "number")]


def yes_no(document: Document) -> list[Tracked]:
    return [t for t in document.progress.tracked if t.type == "yesno"]


def choices(document: Document) -> list[Tracked]:
    return [t for t in document.progress.tracked if t.type in ("choice", "multi")]


def share_text(t: Tracked) -> str:
    """``yes on 4 of 6 days``."""
    return f"yes on {t.days_yes} of {count(t.answered, 'day')}"


def yes_change_text(t: Tracked) -> str:
    """The change in the share of days answered yes, in percentage points."""
    s = t.series
    if s is None or s.change is None:
        return "no earlier answers" if t.answered else "–"
    before = f"yes on {t.previous_days_yes} of {count(t.previous_answered, 'day')} before"
    return f"{s.change * 100:+.0f} points ({before})"


def number_figures(t: Tracked) -> tuple[str, str, str]:
    """Mean, change and days rated, in words."""
    s = t.series
    assert s is not None
    return mean_text(s.mean), change_text(s.change, s.trend, s.days_rated), str(s.days_rated)


def counts_text(t: Tracked) -> str:
    """``low 1 · steady 2 · high 0 (before: low 0 · steady 1 · high 3)``."""
    if not t.answered and not t.previous_answered:
        return "no answers in this period"
    now = " · ".join(f"{option} {n}" for option, n in t.counts.items())
    before = " · ".join(f"{option} {n}" for option, n in t.previous_counts.items())
    return f"{now} (before: {before})" if t.previous_answered else now


def scaled(t: Tracked) -> list[float | None]:
    """A series' daily values drawn on a 0–10 chart: its lowest value at 0, highest at 10."""
    s = t.series
    if s is None:
        return []
    values = [v for v in s.daily if v is not None]
    low = t.low if t.low is not None else min(values, default=0)
    high = t.high if t.high is not None else max(values, default=1)
    if high <= low:
        return [None if v is None else 5.0 for v in s.daily]
    return [None if v is None else 10 * (v - low) / (high - low) for v in s.daily]


def axis(t: Tracked) -> tuple[str, str, str]:
    """The bottom, middle and top of a measure's chart (see ``scaled``)."""
    from kapdiary.render.format import number

    s = t.series
    values = [v for v in (s.daily if s else []) if v is not None]
    low = t.low if t.low is not None else min(values, default=0)
    high = t.high if t.high is not None else max(values, default=1)
    if high <= low:
        return "", number(low), ""
    return number(low), number((low + high) / 2), number(high)


def coaching_entries(document: Document) -> list[Entry]:
    """The coaching entries of the period, newest first (the latest leads the file)."""
    from kapdiary.progress import COACHING

    return sorted(
        (e for e in document.entries if e.template == COACHING),
        key=lambda e: (e.date, e.time or ""),
        reverse=True,
    )


def since_text(document: Document, latest: Entry) -> str:
    """``5 entries since then`` (the entries written after the latest coaching session)."""
    after = [
        e for e in document.entries if (e.date, e.time or "") > (latest.date, latest.time or "")
    ]
    return f"{count(len(after), 'entry', 'entries')} written since then"
