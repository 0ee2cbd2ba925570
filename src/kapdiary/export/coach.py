"""What the export says about a coach's own measures and the coaching sessions.

The figures come from ``kapdiary.progress`` (``Tracked``, ``Coaching``); these are the
phrases the Markdown and HTML files share, so both say the same thing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kapdiary.export.words import change_text, count, mean_text
from kapdiary.messages import export as said

if TYPE_CHECKING:
    from kapdiary.export import Document, Entry
    from kapdiary.privacy import Section
    from kapdiary.progress import Tracked


class Conversation:
    """ "Since our last conversation", as every format shows it: the latest coaching entry
    (its answers and its sections with words), then the earlier ones of the period."""

    __slots__ = ("earlier", "earlier_heading", "heading", "latest", "opening", "sections")

    def __init__(
        self,
        *,
        heading: str,
        opening: str,
        latest: Entry,
        sections: list[Section],
        earlier_heading: str,
        earlier: list[tuple[str, str]],
    ) -> None:
        self.heading = heading
        self.opening = opening  # ``Our last conversation: Monday 16 November 2026; 5 ...``
        self.latest = latest
        self.sections = sections
        self.earlier_heading = earlier_heading
        self.earlier = earlier  # each earlier session's day in words, what I will try


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
    return said.yes_on_days(t.days_yes, count(t.answered, "day"))


def yes_change_text(t: Tracked) -> str:
    """The change in the share of days answered yes, in percentage points."""
    s = t.series
    if s is None or s.change is None:
        return said.no_earlier_answers() if t.answered else "–"
    before = said.yes_on_days_before(t.previous_days_yes, count(t.previous_answered, "day"))
    return f"{s.change * 100:+.0f} points ({before})"


def number_figures(t: Tracked) -> tuple[str, str, str]:
    """Mean, change and days rated, in words."""
    s = t.series
    assert s is not None
    return mean_text(s.mean), change_text(s.change, s.trend, s.days_rated), str(s.days_rated)


def counts_text(t: Tracked) -> str:
    """``low 1 · steady 2 · high 0 (before: low 0 · steady 1 · high 3)``."""
    if not t.answered and not t.previous_answered:
        return said.no_answers_in_period()
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


def since_last_conversation(document: Document) -> Conversation | None:
    """The latest coaching session first, so the next conversation starts where it ended;
    None without a coaching entry in the period."""
    from kapdiary.dates import long_date

    found = coaching_entries(document)
    if not found:
        return None
    latest = found[0]
    after = [
        e for e in document.entries if (e.date, e.time or "") > (latest.date, latest.time or "")
    ]
    since = said.written_since(count(len(after), "entry", "entries"))
    earlier = [
        (long_date(e.date), next((f.text for f in e.facts if f.key == "will_try"), ""))
        for e in found[1:]
    ]
    return Conversation(
        heading=said.coaching_heading(),
        opening=said.last_conversation(long_date(latest.date), since),
        latest=latest,
        sections=[s for s in latest.sections if s.text.strip()],
        earlier_heading=said.earlier_coaching(),
        earlier=earlier,
    )
