"""`kapdiary progress`: the figures of kapdiary.progress, drawn for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from rich.console import Console

    from kapdiary.fields import Field
    from kapdiary.index import Record
    from kapdiary.locations import Home
    from kapdiary.progress import History, IntentionDetail, Progress, Series, Tracked

SPARKS = "▁▂▃▄▅▆▇█"
HEAT = "·░▒▓█"
TREND = {"up": "▲", "down": "▼", "flat": "▶", "none": " "}

PROGRESS_HELP = """Progress against your intentions, life areas, mood and your templates' own
measures, and how they changed.

Default: the last 28 diary days. See "What the numbers mean" in the README.

Examples:

    kapdiary progress

    kapdiary progress --period 8w

    kapdiary progress --since 2026-10-01 --until 2026-10-31

    kapdiary progress --intention present-with-kids

    kapdiary progress --field groundedness

    kapdiary progress --json
"""


@app.command(help=PROGRESS_HELP)
def progress(
    ctx: typer.Context,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            help="First day: a date, or a span up to today like 4w.",
            show_default=False,
        ),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Last day (default: today; a span means that long ago: 2w).",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period", help="The length, up to --until: 28d, 8w, 3m, 1y.", show_default=False
        ),
    ] = None,
    intention: Annotated[
        str | None,
        typer.Option(
            "--intention", "-i", help="One intention in depth, by id.", show_default=False
        ),
    ] = None,
    field: Annotated[
        str | None,
        typer.Option(
            "--field",
            "-f",
            metavar="KEY",
            help="One of your templates' own measures in depth, by key (see `template show`).",
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Every figure as JSON.")] = False,
) -> None:
    from kapdiary import intentions as intention_file
    from kapdiary import progress as figures
    from kapdiary.dates import check_order, parse_since, parse_until, span_start
    from kapdiary.errors import UsageError

    st = state.get(ctx)
    today = st.today()
    end = parse_until(until, today) if until is not None else today
    if period is not None and since is not None:
        raise UsageError("give either --period or --since, not both")
    if since is not None:
        start = parse_since(since, today)
    else:
        start = span_start(period if period is not None else "28d", end)
    check_order(start, end)
    home = st.home
    known = intention_file.load(home.intentions_file)
    if intention is not None:
        intention_file.find(known, intention)
    if intention is not None and field is not None:
        raise UsageError("give either --intention or --field, not both")
    entries, coaching, fields = load_entries(home, start, end)
    scales = figures.scales(home.templates, entries.scores)
    result = figures.compute(
        entries, known, figures.Period(start, end), scales=scales, fields=fields
    )
    result.coaching = figures.coaching(coaching, result.period)
    warn_flags(result)
    chosen = find_field(result, field) if field is not None else None
    if as_json and chosen is not None:
        state.print_json(figures.tracked_json(chosen))
        return
    if as_json:
        data = figures.as_json(result)
        if intention is not None:
            data["intentions"] = [
                i for i in data["intentions"] + data["retired_intentions"] if i["id"] == intention
            ]
            data["retired_intentions"] = []
        state.print_json(data)
        return
    out = state.console()
    if chosen is not None:
        draw_field(out, chosen, result)
        return
    if intention is not None:
        draw_intention(
            out, figures.detail(entries, intention_file.find(known, intention), result.period)
        )
        return
    draw(out, result)


def load_entries(
    home: Home, since: date, until: date
) -> tuple[History, list[Record], dict[str, list[Field]]]:
    """What the figures need of every entry up to ``until``, the period's coaching entries
    and the fields of the templates answered, from the index (up to date with the files)."""
    from kapdiary.cli.notices import index_fallback
    from kapdiary.index import open_index
    from kapdiary.progress import COACHING
    from kapdiary.query import Filters

    with open_index(home, on_fallback=index_fallback()) as index:
        history = index.history(Filters(until=until))
        coaching = index.records(Filters(since=since, until=until, templates=(COACHING,)))
        fields = index.definitions(home.templates, history.answer_templates())
    return history, coaching, fields


def find_field(result: Progress, key: str) -> Tracked:
    """A template's own measure by its id or key (a key with several ranges needs the id)."""
    from kapdiary.errors import UsageError

    matches = [t for t in result.tracked if key in (t.id, t.key)]
    exact = [t for t in matches if t.id == key]
    if len(exact) == 1:
        return exact[0]
    if len(matches) == 1:
        return matches[0]
    if matches:
        ids = ", ".join(t.id for t in matches)
        raise UsageError(f"--field {key} has several ranges in your templates; give one of {ids}")
    known = ", ".join(t.id for t in result.tracked) or "none yet"
    raise UsageError(
        f"--field {key!r}: no entry answers it up to this period's end; measures: {known} "
        "(`kapdiary template show NAME` lists a template's keys)"
    )


def warn_flags(result: Progress) -> None:
    for flag in result.flags:
        typer.echo(f"kapdiary: left out of the figures: {flag.path}: {flag.message}", err=True)


SESSIONS_SHOWN = 12  # the latest ones; --json has them all
SPARK_WIDTH = 56  # a longer period is drawn with each character standing for several days


def spark(values: Sequence[float | None], low: float = 0, high: float = 10) -> str:
    """One character a day, or, over a long period, one per few days (their mean)."""
    if len(values) > SPARK_WIDTH:
        size = -(-len(values) // SPARK_WIDTH)
        buckets = [values[i : i + size] for i in range(0, len(values), size)]
        values = [_bucket_mean(b) for b in buckets]
    chars = []
    for value in values:
        if value is None:
            chars.append("·")
        else:
            ratio = (value - low) / (high - low) if high > low else 0
            chars.append(SPARKS[min(len(SPARKS) - 1, max(0, round(ratio * (len(SPARKS) - 1))))])
    return "".join(chars)


def _bucket_mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return sum(present) / len(present) if present else None


def _num(value: float | None) -> str:
    return "–" if value is None else f"{value:.1f}"


def _change(series: Series) -> str:
    if series.change is None:
        return "  (no earlier ratings)" if series.days_rated else ""
    return f"{TREND[series.trend]} {series.change:+.1f}"


def _period_words(start: date, end: date) -> str:
    return f"{start:%-d %b} – {end:%-d %b %Y}"


def draw(out: Console, result: Progress) -> None:
    from rich.table import Table

    period = result.period
    out.print(
        f"[bold]Progress[/bold] · {_period_words(period.since, period.until)} "
        f"({period.days} days), compared with the {period.days} days before"
    )
    writing = result.writing
    if writing.entries == 0 and not any(i.series.days_rated for i in result.intentions):
        out.print()
        out.print(
            "No entries in this period yet. Write tonight with `kapdiary write`; "
            "progress grows from there."
        )
        if writing.streak.longest:
            out.print(f"Your longest run so far: {writing.streak.longest} days in a row.")
        return
    out.print(
        f"{writing.entries} entr{'y' if writing.entries == 1 else 'ies'} on "
        f"{writing.days_written} day{'' if writing.days_written == 1 else 's'} · current streak "
        f"{writing.streak.current} day{'s' if writing.streak.current != 1 else ''} "
        f"(longest {writing.streak.longest})"
    )

    def series_table(title: str) -> Table:
        table = Table(
            title=title, title_justify="left", title_style="bold", box=None, pad_edge=False
        )
        table.add_column("")
        table.add_column("daily", no_wrap=True)
        table.add_column("mean", justify="right")
        table.add_column("change", no_wrap=True)
        table.add_column("days", justify="right")
        return table

    if result.intentions:
        table = series_table("Intentions")
        table.add_column("strength", justify="right")
        for item in result.intentions:
            s = item.series
            table.add_row(
                item.text,
                spark(s.daily),
                _num(s.mean),
                _change(s),
                str(s.days_rated),
                f"{item.strength:.2f}",
            )
            if item.last_note and item.last_note_date:
                table.add_row(
                    f"  [dim]“{item.last_note}” ({item.last_note_date:%-d %b})[/dim]",
                    "",
                    "",
                    "",
                    "",
                    "",
                )
        out.print()
        out.print(table)
    if result.areas:
        table = series_table("Life areas")
        for name, s in result.areas.items():
            table.add_row(
                name.replace("-", " "), spark(s.daily), _num(s.mean), _change(s), str(s.days_rated)
            )
        out.print()
        out.print(table)
    if result.mood.days_rated or result.mood.previous_mean is not None:
        table = series_table("Mood")
        s = result.mood
        table.add_row("mood", spark(s.daily, 1, 10), _num(s.mean), _change(s), str(s.days_rated))
        out.print()
        out.print(table)
    out.print()
    out.print("[bold]Writing[/bold]  (each column a week, Monday at the top)")
    out.print(heatmap(writing.heatmap))
    if result.sessions:
        table = Table(
            title="Around your sessions (7 days before → 7 days after)",
            title_justify="left",
            title_style="bold",
            box=None,
            pad_edge=False,
        )
        for column in ("session", "date", "mood", "intentions"):
            table.add_column(column)
        shown = result.sessions[-SESSIONS_SHOWN:]
        for effect in shown:
            table.add_row(
                f"#{effect.number}" if effect.number else "",
                f"{effect.date:%-d %b %Y}",
                f"{_num(effect.mood_before)} → {_num(effect.mood_after)}",
                f"{_num(effect.intentions_before)} → {_num(effect.intentions_after)}",
            )
        out.print()
        out.print(table)
        if len(result.sessions) > len(shown):
            earlier = len(result.sessions) - len(shown)
            out.print(f"[dim]… and {earlier} earlier sessions in this period (see --json).[/dim]")
    if result.tracked:
        draw_tracked(out, result)
    if result.measures:
        draw_measures(out, result)
    if result.coaching:
        draw_coaching(out, result)
    if result.retired:
        out.print()
        out.print("[bold]Retired intentions[/bold]")
        for item in result.retired:
            retired = f"retired {item.retired_on:%-d %b %Y}" if item.retired_on else ""
            out.print(
                f"  {item.text} [dim]({retired}; strength {item.strength:.2f}, "
                f"{item.series.days_rated} days rated in this period)[/dim]"
            )


def field_range(t: Tracked) -> str:
    """``1–5``, ``hours``, ``1–5 hours``: what a measure's numbers are."""
    from kapdiary.render.words import measure_range

    return measure_range(t)


def _share(days_yes: int, answered: int) -> str:
    return f"yes on {days_yes} of {answered} day{'s' if answered != 1 else ''}"


def draw_tracked(out: Console, result: Progress) -> None:
    """Your templates' own measures: numbers as mood is drawn, yes/no as days yes, choices
    as counts per option. Each on two lines: the template's words, then the figures."""
    out.print()
    out.print("[bold]Your measures[/bold]  (from your templates; --field KEY for one in depth)")
    for t in result.tracked:
        kind = field_range(t)
        out.print(f"  {_markup_free(t.label)} [dim]({t.id}{', ' + kind if kind else ''})[/dim]")
        s = t.series
        if s is not None and t.type != "yesno":
            low, high = _spark_bounds(t)
            days = f"{s.days_rated} day{'s' if s.days_rated != 1 else ''}"
            out.print(f"    {spark(s.daily, low, high)}  mean {_num(s.mean)}  {_change(s)}  {days}")
        elif s is not None:
            change = ""
            if s.change is not None:
                change = f"  {TREND[s.trend]} {s.change * 100:+.0f} points"
                change += f" (was {_share(t.previous_days_yes, t.previous_answered)})"
            out.print(f"    {spark(s.daily, 0, 1)}  {_share(t.days_yes, s.days_rated)}{change}")
        else:
            counts = " · ".join(f"{option} {n}" for option, n in t.counts.items())
            out.print("    ", end="")
            out.print(counts if t.answered else "no answers in this period", markup=False)
        if t.left_out:
            out.print(
                f"    [dim]{t.left_out} answer{'s' if t.left_out != 1 else ''} in this period "
                f"outside {kind or 'its options'} left out[/dim]"
            )


def _markup_free(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def _label(t: Tracked) -> str:
    return f"{_markup_free(t.label)} [dim]({t.id})[/dim]"


def _spark_bounds(t: Tracked) -> tuple[float, float]:
    """A scale's own range; a number's min and max, or else the values' own."""
    values = [v for v in (t.series.daily if t.series else []) if v is not None]
    low = t.low if t.low is not None else min(values, default=0)
    high = t.high if t.high is not None else max(values, default=1)
    return low, high


def draw_field(out: Console, t: Tracked, result: Progress) -> None:
    """One measure in depth, as --intention shows an intention."""
    out.print(f"[bold]{_markup_free(t.label)}[/bold] [dim]({t.id}, {t.type})[/dim]")
    where = ", ".join(t.templates)
    out.print(f"[dim]from {where}; {field_range(t) or 'options: ' + ', '.join(t.options)}[/dim]")
    period = result.period
    if t.series is not None and t.type != "yesno":
        s = t.series
        out.print(f"mean {_num(s.mean)} over {s.days_rated} rated days {_change(s)}")
        out.print()
        low, high = _spark_bounds(t)
        out.print(f"  {spark(s.daily, low, high)}")
        out.print(f"  [dim]{_period_words(period.since, period.until)}[/dim]")
        out.print()
        days = period.each_day()
        for day, value in zip(days, s.daily, strict=True):
            if value is not None:
                unit = f" {t.unit}" if t.unit else ""
                out.print(f"  {day:%a %-d %b}  {value:g}{unit}")
    elif t.series is not None:
        s = t.series
        out.print(
            _share(t.days_yes, s.days_rated)
            + (
                f", before: {_share(t.previous_days_yes, t.previous_answered)}"
                if s.previous_mean is not None
                else ""
            )
        )
        out.print(f"  {spark(s.daily, 0, 1)}")
        out.print(f"  [dim]{_period_words(period.since, period.until)}[/dim]")
    else:
        out.print(f"answered on {t.answered} days (before: {t.previous_answered})")
        table_width = max((len(o) for o in t.counts), default=0)
        for option, n in t.counts.items():
            before = t.previous_counts.get(option, 0)
            out.print(f"  {option:<{table_width}}  {n:>3}  [dim](before {before})[/dim]")
    if t.left_out:
        out.print(f"[dim]{t.left_out} answers outside its range or options left out[/dim]")


def draw_coaching(out: Console, result: Progress) -> None:
    out.print()
    out.print("[bold]Coaching sessions[/bold]")
    for c in result.coaching:
        out.print(f"  {c.date:%a %-d %b %Y}", end="")
        if c.will_try:
            out.print(" · I will try: ", end="")
            out.print("; ".join(c.will_try), markup=False, end="")
        out.print()
        if c.question:
            out.print("    [dim]Question for next time:[/dim] ", end="")
            out.print(c.question, markup=False)


CHECK_INS_SHOWN = 8  # the latest ones of each measure; --json has them all


def draw_measures(out: Console, result: Progress) -> None:
    """Each questionnaire: its check-ins in the period, the latest, and the change since
    the first one ever."""
    from rich.table import Table

    out.print()
    out.print("[bold]Check-ins[/bold]  (a lower score means fewer symptoms)")
    for m in result.measures:
        latest, first = m.latest, m.first
        if latest is None or first is None:
            continue
        since = (
            f"{m.change_since_first:+g} since your first check-in ({first.score} on "
            f"{first.date:%-d %b %Y})"
            if latest is not first
            else "your first check-in"
        )
        out.print(
            f"  [bold]{m.label}[/bold]: {latest.score} ({latest.severity or 'no band'}) on "
            f"{latest.date:%-d %b %Y} · {since}"
        )
        if m.bands:
            bands = " · ".join(
                f"{low}–{end if end is not None else ''} {name}"
                for low, end, name in m.band_ranges()
            )
            out.print(f"    [dim]{bands}[/dim]")
        if not m.scores:
            out.print("    [dim]No check-ins in this period.[/dim]")
            continue
        table = Table(box=None, pad_edge=False, show_header=False)
        table.add_column(width=2)  # the indent
        for _ in range(3):
            table.add_column()
        high = m.highest or max(c.score for c in m.scores) or 1
        for c in m.scores[-CHECK_INS_SHOWN:]:
            bar = "█" * round(12 * c.score / high) if high else ""
            table.add_row("", f"{c.date:%-d %b %Y}", f"{c.score:>2} {c.severity or ''}", bar)
        out.print(table)
        if len(m.scores) > CHECK_INS_SHOWN:
            out.print(
                f"    [dim]… and {len(m.scores) - CHECK_INS_SHOWN} earlier in this period "
                "(see --json).[/dim]"
            )


def heatmap(days: dict[str, int]) -> str:
    keys = sorted(days)
    if not keys:
        return ""
    first = date.fromisoformat(keys[0])
    weeks = (len(keys) + 6) // 7
    rows = []
    for weekday, label in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
        cells = []
        for week in range(weeks):
            day = first + timedelta(weeks=week, days=weekday)
            count = days.get(day.isoformat())
            cells.append(" " if count is None else HEAT[min(count, len(HEAT) - 1)])
        rows.append(f"  {label:<4}{''.join(cells)}")
    rows.append(
        f"  {'':<4}{first:%-d %b} → {date.fromisoformat(keys[-1]):%-d %b}   · none ░ 1 ▒ 2 ▓ 3 █ 4+"
    )
    return "\n".join(rows)


def draw_intention(out: Console, found: IntentionDetail) -> None:
    item, s = found.figures, found.figures.series
    out.print(f"[bold]{item.text}[/bold] [dim]({item.id})[/dim]")
    out.print(
        f"mean {_num(s.mean)} over {s.days_rated} rated days {_change(s)} · strength "
        f"{item.strength:.2f} (was {item.previous_strength:.2f} before the period)"
    )
    out.print()
    out.print(chart(s.daily, found.days, set(found.session_days)))
    out.print()
    first, last = found.strength_by_day[0], found.strength_by_day[-1]
    out.print(f"strength  {spark(found.strength_by_day, 0, 1)}  {first:.2f} → {last:.2f}")
    out.print()
    out.print(
        "[bold]Notes[/bold]" if found.notes else "[dim]No notes about it in this period.[/dim]"
    )
    for day, note in found.notes:
        out.print(f"  {day:%a %-d %b}  ", end="")
        out.print(note, markup=False)


CHART_WIDTH = 70


def chart(values: list[float | None], days: list[date], sessions: set[date]) -> str:
    """Daily ratings, 0 at the bottom and 10 at the top; S marks a session day.

    Over a long period each column stands for a few days (their mean), S for a session
    among them.
    """
    columns: list[tuple[float | None, bool]] = [
        (v, d in sessions) for v, d in zip(values, days, strict=True)
    ]
    if len(columns) > CHART_WIDTH:
        size = -(-len(columns) // CHART_WIDTH)
        columns = [
            (_bucket_mean([v for v, _ in group]), any(s for _, s in group))
            for group in (columns[i : i + size] for i in range(0, len(columns), size))
        ]
    rows = []
    for level in range(10, -1, -2):
        cells = []
        for value, _ in columns:
            if value is not None and (level <= value < level + 2 or (level == 10 and value >= 10)):
                cells.append("●")
            else:
                cells.append(" ")
        rows.append(f"{level:>4} │{''.join(cells)}")
    rows.append("     └" + "─" * len(columns))
    rows.append("      " + "".join("S" if marked else " " for _, marked in columns))
    if days:
        gap = " " * max(1, len(columns) - 12)
        rows.append(f"      {days[0]:%-d %b %Y}{gap}{days[-1]:%-d %b %Y}")
    return "\n".join(rows)
