"""What the export says in words: the preview before writing, and phrases the renderers share.

The preview speaks to the user (what goes in, what stays private); the phrases are the
figures as the coach reads them, the same in Markdown and HTML.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from kapdiary.dates import long_date
from kapdiary.render.format import day_month, day_month_year, span

if TYPE_CHECKING:
    from kapdiary.export import Document, Format
    from kapdiary.progress import CheckIn, Measure, Series


def preview(document: Document, path: str, fmt: Format, *, since_note: str | None) -> list[str]:
    """Lines that say what the file will hold and what stays out, before it is written."""
    period = document.period
    entries = document.entries
    sessions = len(document.sessions)
    lines = [f"Export for your coach, as {fmt.label}, to {path}"]
    when = f"{span(period.since, period.until)} ({_count(period.days, 'day')}"
    when += f", {since_note})" if since_note else ")"
    lines.append(f"  period    {when}")
    what = f"{_count(len(entries), 'entry', 'entries')} on {_count(document.days, 'day')}"
    if sessions:
        what += f", {_count(sessions, 'dosing session')} among them"
    lines.append(f"  entries   {what}")
    narrowed = [f"template {t}" for t in document.request.templates]
    narrowed += [f"#{t}" for t in document.request.tags]
    if narrowed:
        lines.append(f"  only      {', '.join(narrowed)} (the figures too)")
    lines.append(f"  figures   {_figures_line(document)}")
    lines.append(f"  private   {_private_line(document)}")
    left = document.left_out
    if left.fields:
        lines.append(f"  left out  {', '.join(left.fields)} (everywhere, the figures too)")
    if left.unreadable:
        lines.append(
            f"  unread    {_count(len(left.unreadable), 'entry', 'entries')} kapdiary cannot "
            "read, left out: `kapdiary doctor` names them"
        )
    for day, file, what in left.withheld:
        lines.append(f"  withheld  {day.isoformat()} {file}: {what}")
    for day, file, why in left.outside:
        lines.append(f"  withheld  {day.isoformat()} {file}: {why} (`kapdiary doctor` says more)")
    lines += [f"  sensitive {line}" for line in document.sensitive]
    for copy in left.conflict_copies:
        lines.append(
            f"  skipped   {copy.name}: a sync-conflict copy; keep one of the two first "
            "(`kapdiary doctor` names both)"
        )
    if left.flags:
        lines.append(
            f"  note      {_count(len(left.flags), 'value')} not counted in the figures "
            "(`kapdiary progress` names them)"
        )
    return lines


def _figures_line(document: Document) -> str:
    parts = ["writing"]
    if document.shows("intentions") and document.progress.intentions:
        parts.append(_count(len(document.progress.intentions), "intention"))
    if document.shows("areas") and document.progress.areas:
        parts.append(_count(len(document.progress.areas), "life area"))
    if document.shows("mood") and document.progress.mood.days_rated:
        parts.append("mood")
    if document.progress.sessions:
        parts.append("around sessions")
    shown = measures(document)
    if shown:
        parts.append(f"check-ins ({', '.join(m.label for m in shown)})")
    if document.progress.tracked:  # a template's own measures, by their words
        parts.append(f"your measures ({', '.join(t.label for t in document.progress.tracked)})")
    return "progress for the period: " + ", ".join(parts)


def _private_line(document: Document) -> str:
    left = document.left_out
    if document.request.include_private:
        added = []
        if left.included_private_entries:
            added.append(_count(left.included_private_entries, "private entry", "private entries"))
        if left.included_private_sections:
            added.append(_count(left.included_private_sections, "private section"))
        if not added:
            return "included (there is nothing marked private in this period)"
        return f"INCLUDED, as you asked: {' and '.join(added)}"
    if not left.private_entries and not left.private_sections:
        return "nothing marked private in this period"
    parts = []
    if left.private_entries:
        days = ", ".join(day_month(d) for d in left.private_entries[:6])
        more = "…" if len(left.private_entries) > 6 else ""
        parts.append(
            f"{_count(len(left.private_entries), 'private entry', 'private entries')} "
            f"({days}{more})"
        )
    if left.private_sections:
        parts.append(_count(left.private_sections, "private section"))
    return f"left out: {' and '.join(parts)}; --include-private adds them"


def nothing_to_export(document: Document) -> str:
    """Why there is no file, and what to try instead."""
    when = span(document.period.since, document.period.until)
    left = document.left_out
    private = len(left.private_entries)
    if private:
        return (
            f"the {_count(private, 'entry', 'entries')} in {when} "
            f"{'is' if private == 1 else 'are'} private, so no file was written; "
            "--include-private shares them, or choose another period with --since"
        )
    filtered = document.request.templates or document.request.tags
    what = "no entries match" if filtered else "no entries"
    return (
        f"{what} in {when}, so no file was written; choose another period with --since "
        "(like --since 3m)"
    )


def _count(n: int, one: str, many: str | None = None) -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


# --- phrases the renderers share ---------------------------------------------------------

TREND = {"up": "▲", "down": "▼", "flat": "▶", "none": ""}
SPARKS = "▁▂▃▄▅▆▇█"


def change_text(change: float | None, trend: str, days_rated: int) -> str:
    """``▲ +1.2``, or ``new`` when there is nothing to compare with."""
    if change is None:
        return "new" if days_rated else "–"
    return f"{TREND[trend]} {change:+.1f}"


def mean_text(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def not_rated_text(series: Series, days: int) -> str:
    """What stands in for a chart with nothing to draw: ``Not rated in these 28 days; the
    mean in the 28 days before was 6.5.``"""
    text = f"Not rated in these {days} days"
    if series.previous_mean is not None:
        return f"{text}; the mean in the {days} days before was {mean_text(series.previous_mean)}."
    return f"{text}, nor in the {days} before."


def before_after(before: float | None, after: float | None) -> str:
    return f"{mean_text(before)} → {mean_text(after)}"


SPARK_DAYS = 62  # longer periods get one mark a week, so a line stays readable


def spark(values: Sequence[float | None], high: float = 10) -> str:
    """One character a day (a week, for long periods): a bar for a rating, a dot for none."""
    if len(values) > SPARK_DAYS:
        from kapdiary.progress import bucket_means

        values = bucket_means(values, 7)
    out = []
    for value in values:
        if value is None:
            out.append("·")
        else:
            step = round(max(0.0, min(1.0, value / high)) * (len(SPARKS) - 1))
            out.append(SPARKS[step])
    return "".join(out)


def spark_unit(document: Document) -> str:
    return "a week" if document.period.days > SPARK_DAYS else "a day"


def spark_heading(document: Document) -> str:
    return "Each week" if document.period.days > SPARK_DAYS else "Each day"


def period_text(document: Document) -> str:
    period = document.period
    return f"{span(period.since, period.until)} ({_count(period.days, 'day')})"


def cover_rows(document: Document) -> list[tuple[str, str]]:
    """The cover's (label, value) lines, unescaped; each format escapes them its own way."""
    rows = [("Period", period_text(document))]
    if document.client:
        rows.append(("From", document.client))
    if document.coach:
        rows.append(("For", document.coach))
    entries = count(len(document.entries), "entry", "entries")
    rows.append(("Entries", f"{entries} on {count(document.days, 'day')}"))
    request = document.request
    if request.templates or request.tags:
        only = [f"template {t}" for t in request.templates] + [f"#{t}" for t in request.tags]
        rows.append(("Only", ", ".join(only)))
    rows.append(("Made", long_date(document.made.date())))
    return rows


short_day = day_month  # ``21 Nov``


def writing_text(document: Document) -> str:
    w = document.progress.writing
    days = document.period.days
    streak = w.streak
    return (
        f"{_count(w.entries, 'entry', 'entries')} on {_count(w.days_written, 'day')} "
        f"({w.previous_entries} on {w.previous_days_written} in the {days} days before); "
        f"current streak {_count(streak.current, 'day')}, longest {streak.longest}"
    )


def count(n: int, one: str, many: str | None = None) -> str:
    return _count(n, one, many)


def around_sessions(document: Document) -> str | None:
    """What the before → after figures of a session are, or None when none are shown."""
    shown = [w for w in ("mood", "intentions") if document.shows(w)]
    if not shown:
        return None
    what = " and ".join(shown).capitalize()
    return (
        f"{what}, before → after: the mean rating over the 7 diary days before each "
        "session, and over the 7 days after it."
    )


# --- check-ins (scored questionnaires such as the PHQ-9 and GAD-7) -----------------------

LOWER_IS_BETTER = "A lower score means fewer symptoms."


def measures(document: Document) -> list[Measure]:
    """The questionnaires the file shows: each with a check-in up to the period's end.

    None when the scores are left out (``--without score``).
    """
    if not document.shows("score"):
        return []
    return [m for m in document.progress.measures if m.latest is not None]


# ``20 Nov 2026``: check-ins are weeks apart, and the first may be in another year.
check_in_day = day_month_year


def score_text(check_in: CheckIn, document: Document) -> str:
    """``12 (moderate)``; the score alone when there is no band or it is left out."""
    from kapdiary.render.format import number

    score = number(check_in.score)
    if check_in.severity and document.shows("severity"):
        return f"{score} ({check_in.severity})"
    return score


def latest_text(measure: Measure, document: Document) -> str:
    """``4 (minimal) on 20 Nov 2026``."""
    latest = measure.latest
    if latest is None:
        return "–"
    return f"{score_text(latest, document)} on {check_in_day(latest.date)}"


def change_since_first_text(measure: Measure, document: Document) -> str:
    """``-11 since the first check-in, which was 15 (moderately severe) on 20 Sep 2026``."""
    first, change = measure.first, measure.change_since_first
    if first is None or change is None or first is measure.latest:
        return "none yet: this is the first check-in"
    was = f"which was {score_text(first, document)} on {check_in_day(first.date)}"
    if change == 0:
        return f"no change since the first check-in, {was}"
    return f"{change:+g} since the first check-in, {was}"


def band_range(low: int, high: int | None) -> str:
    """``5–9``, ``20–27``, ``20+`` (no highest score known), or ``4`` (a band of one)."""
    if high is None:
        return f"{low}+"
    return str(low) if high == low else f"{low}–{high}"


def bands_text(measure: Measure) -> str:
    """``0–4 minimal · 5–9 mild · 10–14 moderate · …``; empty when the bands are unknown."""
    return " · ".join(
        f"{band_range(low, high)} {name}" for low, high, name in measure.band_ranges()
    )


def check_ins_in_period(measure: Measure) -> str:
    n = len(measure.scores)
    return "no check-ins in this period" if not n else f"{_count(n, 'check-in')} in this period"
