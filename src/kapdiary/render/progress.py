"""`kapdiary progress` drawn for the terminal: the figures of ``kapdiary.progress`` as
tables, sparklines, a writing calendar and an intention's chart.

Colour carries the direction of a change (a rating up in green, down in yellow) and a
check-in's band (its place from the lowest band to the highest); Rich leaves it out
with NO_COLOR or when the output is not a terminal, and the words say the same.
Names a person types (intention ids, measure keys) are never cut: a table wraps its
first column instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from kapdiary.render import format as fmt
from kapdiary.render.console import Plain

if TYPE_CHECKING:
    from rich.console import Console

    from kapdiary.progress import IntentionDetail, Measure, Progress, Series, Tracked
    from kapdiary.render.tables import Column

SPARKS = "▁▂▃▄▅▆▇█"
HEAT = "·░▒▓█"
TREND = {"up": "▲", "down": "▼", "flat": "▶", "none": " "}
TREND_STYLE = {"up": "green", "down": "yellow"}  # a rating: higher is better
BAND_STYLES = ("green", "yellow", "dark_orange", "magenta")  # lowest band to highest
SESSIONS_SHOWN = 12  # the latest ones; --json has them all
CHECK_INS_SHOWN = 8  # the latest ones of each measure; --json has them all
SPARK_WIDTH = 56  # a longer period is drawn with each character standing for several days
CHART_WIDTH = 70


# --- characters: sparklines, the calendar, the chart -------------------------------------


def spark(values: Sequence[float | None], low: float = 0, high: float = 10) -> str:
    """One character a day, or, over a long period, one per few days (their mean)."""
    if len(values) > SPARK_WIDTH:
        from kapdiary.progress import bucket_means

        values = bucket_means(values, -(-len(values) // SPARK_WIDTH))
    chars = []
    for value in values:
        if value is None:
            chars.append("·")
        else:
            ratio = (value - low) / (high - low) if high > low else 0
            chars.append(SPARKS[min(len(SPARKS) - 1, max(0, round(ratio * (len(SPARKS) - 1))))])
    return "".join(chars)


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
    last = date.fromisoformat(keys[-1])
    rows.append(
        f"  {'':<4}{fmt.day_month(first)} → {fmt.day_month(last)}   · none ░ 1 ▒ 2 ▓ 3 █ 4+"
    )
    return "\n".join(rows)


def chart(values: Sequence[float | None], days: list[date], sessions: set[date]) -> str:
    """Daily ratings, 0 at the bottom and 10 at the top; S marks a session day.

    Over a long period each column stands for a few days (their mean), S for a session
    among them.
    """
    marked = [d in sessions for d in days]
    if len(values) > CHART_WIDTH:
        from kapdiary.progress import bucket_means

        size = -(-len(values) // CHART_WIDTH)
        values = bucket_means(values, size)
        marked = [any(marked[i : i + size]) for i in range(0, len(marked), size)]
    columns = list(zip(values, marked, strict=True))
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
        rows.append(f"      {fmt.day_month_year(days[0])}{gap}{fmt.day_month_year(days[-1])}")
    return "\n".join(rows)


# --- words and markup --------------------------------------------------------------------


def _plural(n: int, one: str, many: str | None = None) -> str:
    return one if n == 1 else (many if many is not None else one + "s")


def _change(series: Series, *, coloured: bool = True) -> str:
    """``▲ +1.2`` (in colour for a rating), or a note that there is nothing to compare."""
    if series.change is None:
        return "  (no earlier ratings)" if series.days_rated else ""
    text = f"{TREND[series.trend]} {fmt.change(series.change)}"
    style = TREND_STYLE.get(series.trend) if coloured else None
    return f"[{style}]{text}[/{style}]" if style else text


def _escaped(text: str) -> str:
    from kapdiary.render.markup import escape

    return escape(text)


def _band_style(m: Measure, severity: str | None) -> str | None:
    names = [name for _, name in m.bands]
    if severity not in names or len(names) < 2:
        return None
    place = names.index(severity) * (len(BAND_STYLES) - 1) // (len(names) - 1)
    return BAND_STYLES[place]


def _share(days_yes: int, answered: int) -> str:
    return f"yes on {days_yes} of {answered} {_plural(answered, 'day')}"


def field_range(t: Tracked) -> str:
    """``1–5``, ``hours``, ``1–5 hours``: what a measure's numbers are."""
    from kapdiary.render.words import measure_range

    return measure_range(t)


def _spark_bounds(t: Tracked) -> tuple[float, float]:
    """A scale's own range; a number's min and max, or else the values' own."""
    values = [v for v in (t.series.daily if t.series else []) if v is not None]
    low = t.low if t.low is not None else min(values, default=0)
    high = t.high if t.high is not None else max(values, default=1)
    return low, high


# --- the overview ------------------------------------------------------------------------


def draw(out: Console | Plain, result: Progress) -> None:
    """Every figure of the period, section by section."""
    period = result.period
    heading = f"[bold]Progress[/bold] · {fmt.short_span(period.since, period.until)} "
    compared = f"compared with the {period.days} days before"
    _phrases(out, [f"{heading}({period.days} days),", compared], " ")
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
    written = (
        f"{writing.entries} {_plural(writing.entries, 'entry', 'entries')} on "
        f"{writing.days_written} {_plural(writing.days_written, 'day')}"
    )
    streak = (
        f"current streak {writing.streak.current} {_plural(writing.streak.current, 'day')} "
        f"(longest {writing.streak.longest})"
    )
    _phrases(out, [_escaped(written), _escaped(streak)], " · ")
    for section in (
        _intentions,
        _areas,
        _mood,
        _writing,
        _sessions,
        draw_tracked,
        draw_measures,
        draw_coaching,
        _retired,
    ):
        section(out, result)


def _phrases(out: Console | Plain, phrases: list[str], between: str) -> None:
    """Markup phrases on a line, wrapped between them (never inside one) on a terminal."""
    if isinstance(out, Plain):
        out.print(between.join(phrases))
        return
    from rich.text import Text

    from kapdiary.render.terminal import Phrases

    out.print(Phrases([Text.from_markup(p) for p in phrases], Text(between)))


# Less room than a name's longest word (at least NAME_MIN, at most NAME_MAX columns), and
# each name goes on its own line above its figures.
NAME_MIN, NAME_MAX = 10, 20


def _series(
    out: Console | Plain, title: str, rows: list[list[str]], *, strength: bool = False
) -> None:
    """A table of series, one row each: name, sparkline, mean, change, days (, strength).

    The figures never wrap; the name wraps at its words. On a screen too narrow to leave
    the names their longest word, each name goes on a line of its own above its figures,
    so a name is never cut or squeezed to nothing.
    """
    headers = ["daily", "mean", "change", "days"] + (["strength"] if strength else [])
    if isinstance(out, Plain):
        _plain_series(out, title, headers, rows)
        return
    from rich.table import Table

    widths = [max(len(h), *(len(_plain(r[i + 1])) for r in rows)) for i, h in enumerate(headers)]
    words = [len(w) for r in rows if any(r[1:]) for w in _plain(r[0]).split()]
    narrow = out.width - sum(w + 2 for w in widths) < min(max([NAME_MIN, *words]), NAME_MAX)
    table = Table(title=title, title_justify="left", title_style="bold", box=None, pad_edge=False)
    if not narrow:
        table.add_column("", overflow="fold")  # names wrap at words; a long word folds
    for index, header in enumerate(headers):
        # Narrow, the names are in the first column too: it wraps them at their words (a
        # sparkline has none, so it stays whole).
        wraps = narrow and index == 0
        table.add_column(
            header,
            justify="left" if index in (0, 2) else "right",
            no_wrap=not wraps,
            overflow="fold",
        )
    for row in rows:
        if narrow:
            table.add_row(row[0], *[""] * (len(headers) - 1))
            if any(row[1:]):
                table.add_row(*row[1:])
        else:
            table.add_row(*row)
    out.print()
    out.print(table)


def _plain_series(out: Plain, title: str, headers: list[str], rows: list[list[str]]) -> None:
    """A series table as text; a row without figures (a note) is a line of its own, so
    it does not push the figures to the right."""
    from kapdiary.render.tables import Column, plain

    columns = [Column()] + [
        Column(h, justify="left" if i in (0, 2) else "right") for i, h in enumerate(headers)
    ]
    drawn = iter(plain(columns, [r for r in rows if any(r[1:])]).splitlines())
    lines = [next(drawn)]  # the headers
    lines += [next(drawn) if any(r[1:]) else _plain(r[0]).rstrip() for r in rows]
    out.print()
    out.print(title)
    out.print("\n".join(lines), markup=False)


def _plain(markup: str) -> str:
    from kapdiary.render.markup import unmarked

    return unmarked(markup)


def _intentions(out: Console | Plain, result: Progress) -> None:
    if not result.intentions:
        return
    rows = []
    for item in result.intentions:
        s = item.series
        figures = [spark(s.daily), fmt.fixed(s.mean), _change(s), str(s.days_rated)]
        rows.append([_escaped(item.text), *figures, f"{item.strength:.2f}"])
        if item.last_note and item.last_note_date:
            note = f"“{_escaped(item.last_note)}” ({fmt.day_month(item.last_note_date)})"
            rows.append([f"  [dim]{note}[/dim]", "", "", "", "", ""])
    _series(out, "Intentions", rows, strength=True)


def _areas(out: Console | Plain, result: Progress) -> None:
    if not result.areas:
        return
    rows = [
        [name.replace("-", " "), spark(s.daily), fmt.fixed(s.mean), _change(s), str(s.days_rated)]
        for name, s in result.areas.items()
    ]
    _series(out, "Life areas", rows)


def _mood(out: Console | Plain, result: Progress) -> None:
    s = result.mood
    if not (s.days_rated or s.previous_mean is not None):
        return
    figures = [spark(s.daily, 1, 10), fmt.fixed(s.mean), _change(s), str(s.days_rated)]
    _series(out, "Mood", [["mood", *figures]])


def _writing(out: Console | Plain, result: Progress) -> None:
    out.print()
    out.print("[bold]Writing[/bold]  (each column a week, Monday at the top)")
    out.print(heatmap(result.writing.heatmap))


def _sessions(out: Console | Plain, result: Progress) -> None:
    if not result.sessions:
        return
    from kapdiary.render.tables import Column

    shown = result.sessions[-SESSIONS_SHOWN:]
    rows = [
        (
            f"#{effect.number}" if effect.number else "",
            fmt.day_month_year(effect.date),
            f"{fmt.fixed(effect.mood_before)} → {fmt.fixed(effect.mood_after)}",
            f"{fmt.fixed(effect.intentions_before)} → {fmt.fixed(effect.intentions_after)}",
        )
        for effect in shown
    ]
    # The heading above the table, not its title: a title wraps at the table's width.
    out.print()
    out.print("Around your sessions (7 days before → 7 days after)", style="bold")
    columns = [Column(c, no_wrap=True) for c in ("session", "date", "mood", "intentions")]
    _table(out, columns, rows, header=True)
    if len(result.sessions) > len(shown):
        earlier = len(result.sessions) - len(shown)
        out.print(f"[dim]… and {earlier} earlier sessions in this period (see --json).[/dim]")


def _retired(out: Console | Plain, result: Progress) -> None:
    if not result.retired:
        return
    out.print()
    out.print("[bold]Retired intentions[/bold]")
    for item in result.retired:
        retired = f"retired {fmt.day_month_year(item.retired_on)}" if item.retired_on else ""
        out.print(
            f"  {_escaped(item.text)} [dim]({retired}; strength {item.strength:.2f}, "
            f"{item.series.days_rated} days rated in this period)[/dim]"
        )


# --- your templates' own measures --------------------------------------------------------


def draw_tracked(out: Console | Plain, result: Progress) -> None:
    """Your templates' own measures: numbers as mood is drawn, yes/no as days yes, choices
    as counts per option. Each on two lines: the template's words, then the figures."""
    if not result.tracked:
        return
    out.print()
    out.print("[bold]Your measures[/bold]  (from your templates; --field KEY for one in depth)")
    for t in result.tracked:
        kind = field_range(t)
        out.print(f"  {_escaped(t.label)} [dim]({t.id}{', ' + kind if kind else ''})[/dim]")
        if t.series is not None:
            out.print(f"    {_tracked_figures(t)}")
        else:  # a choice's options are the template's words: no markup
            out.print("    ", end="")
            out.print(_tracked_figures(t), markup=False)
        if t.left_out:
            out.print(
                f"    [dim]{t.left_out} {_plural(t.left_out, 'answer')} in this period "
                f"outside {kind or 'its options'} left out[/dim]"
            )


def _tracked_figures(t: Tracked) -> str:
    """A measure's one line of figures (markup, but for a choice's counts: plain)."""
    s = t.series
    if s is not None and t.type != "yesno":
        low, high = _spark_bounds(t)
        days = f"{s.days_rated} {_plural(s.days_rated, 'day')}"
        change = _change(s, coloured=False)  # a measure's better direction is its own
        return f"{spark(s.daily, low, high)}  mean {fmt.fixed(s.mean)}  {change}  {days}"
    if s is not None:
        change = ""
        if s.change is not None:
            change = f"  {TREND[s.trend]} {s.change * 100:+.0f} points"
            change += f" (was {_share(t.previous_days_yes, t.previous_answered)})"
        return f"{spark(s.daily, 0, 1)}  {_share(t.days_yes, s.days_rated)}{change}"
    counts = " · ".join(f"{option} {n}" for option, n in t.counts.items())
    return counts if t.answered else "no answers in this period"


def draw_field(out: Console | Plain, t: Tracked, result: Progress) -> None:
    """One measure in depth, as --intention shows an intention."""
    out.print(f"[bold]{_escaped(t.label)}[/bold] [dim]({t.id}, {t.type})[/dim]")
    where = ", ".join(t.templates)
    out.print(f"[dim]from {where}; {field_range(t) or 'options: ' + ', '.join(t.options)}[/dim]")
    if t.series is not None and t.type != "yesno":
        _field_numbers(out, t, result)
    elif t.series is not None:
        s = t.series
        before = ""
        if s.previous_mean is not None:
            before = f", before: {_share(t.previous_days_yes, t.previous_answered)}"
        out.print(_share(t.days_yes, s.days_rated) + before)
        out.print(f"  {spark(s.daily, 0, 1)}")
        out.print(f"  [dim]{fmt.short_span(result.period.since, result.period.until)}[/dim]")
    else:
        out.print(f"answered on {t.answered} days (before: {t.previous_answered})")
        table_width = max((len(o) for o in t.counts), default=0)
        for option, n in t.counts.items():
            before_n = t.previous_counts.get(option, 0)
            out.print(f"  {option:<{table_width}}  {n:>3}  [dim](before {before_n})[/dim]")
    if t.left_out:
        out.print(f"[dim]{t.left_out} answers outside its range or options left out[/dim]")


def _field_numbers(out: Console | Plain, t: Tracked, result: Progress) -> None:
    assert t.series is not None
    s, period = t.series, result.period
    out.print(
        f"mean {fmt.fixed(s.mean)} over {s.days_rated} rated days {_change(s, coloured=False)}"
    )
    out.print()
    low, high = _spark_bounds(t)
    out.print(f"  {spark(s.daily, low, high)}")
    out.print(f"  [dim]{fmt.short_span(period.since, period.until)}[/dim]")
    out.print()
    unit = f" {t.unit}" if t.unit else ""
    for day, value in zip(period.each_day(), s.daily, strict=True):
        if value is not None:
            out.print(f"  {fmt.weekday_day_month(day)}  {value:g}{unit}")


# --- check-ins and coaching --------------------------------------------------------------


def draw_measures(out: Console | Plain, result: Progress) -> None:
    """Each questionnaire: its check-ins in the period, the latest, and the change since
    the first one ever."""
    if not result.measures:
        return
    out.print()
    out.print("[bold]Check-ins[/bold]  (a lower score means fewer symptoms)")
    for m in result.measures:
        if m.latest is not None and m.first is not None:
            _measure(out, m)


def _measure(out: Console | Plain, m: Measure) -> None:
    latest, first = m.latest, m.first
    assert latest is not None and first is not None
    since = (
        f"{m.change_since_first:+g} since your first check-in ({first.score} on "
        f"{fmt.day_month_year(first.date)})"
        if latest is not first
        else "your first check-in"
    )
    band = latest.severity or "no band"
    style = _band_style(m, latest.severity)
    shown_band = f"[{style}]{band}[/{style}]" if style else band
    out.print(
        f"  [bold]{m.label}[/bold]: {latest.score} ({shown_band}) on "
        f"{fmt.day_month_year(latest.date)} · {since}"
    )
    if m.bands:
        bands = " · ".join(
            f"{low}–{end if end is not None else ''} {name}" for low, end, name in m.band_ranges()
        )
        out.print(f"    [dim]{bands}[/dim]")
    if not m.scores:
        out.print("    [dim]No check-ins in this period.[/dim]")
        return
    _check_ins(out, m)
    if len(m.scores) > CHECK_INS_SHOWN:
        out.print(
            f"    [dim]… and {len(m.scores) - CHECK_INS_SHOWN} earlier in this period "
            "(see --json).[/dim]"
        )


def _check_ins(out: Console | Plain, m: Measure) -> None:
    from kapdiary.render.tables import Column

    high = m.highest or max(c.score for c in m.scores) or 1
    rows = []
    for c in m.scores[-CHECK_INS_SHOWN:]:
        bar = "█" * round(12 * c.score / high) if high else ""
        row = ["", fmt.day_month_year(c.date), f"{c.score:>2} {c.severity or ''}", bar]
        style = _band_style(m, c.severity)
        rows.append(
            [f"[{style}]{_escaped(cell)}[/{style}]" if style else _escaped(cell) for cell in row]
        )
    _table(out, [Column(), Column(), Column(), Column()], rows, header=False, indent=2)


def _table(
    out: Console | Plain,
    columns: list[Column],
    rows: Sequence[Sequence[str]],
    *,
    header: bool,
    indent: int = 0,
) -> None:
    """A small table: Rich's on a terminal (no box), text otherwise."""
    from kapdiary.render.tables import plain, table

    if isinstance(out, Plain):
        text = plain(columns, rows, header=header)
        out.print(
            "\n".join((" " * indent + line).rstrip() for line in text.splitlines()), markup=False
        )
        return
    drawn = table(columns, rows, header=header)
    if indent:
        drawn.columns[0].width = indent
    out.print(drawn)


def draw_coaching(out: Console | Plain, result: Progress) -> None:
    if not result.coaching:
        return
    out.print()
    out.print("[bold]Coaching sessions[/bold]")
    for c in result.coaching:
        out.print(f"  {fmt.weekday_day_month_year(c.date)}", end="")
        if c.will_try:
            out.print(" · I will try: ", end="")
            out.print("; ".join(c.will_try), markup=False, end="")
        out.print()
        if c.question:
            out.print("    [dim]Question for next time:[/dim] ", end="")
            out.print(c.question, markup=False)


# --- one intention in depth --------------------------------------------------------------


def draw_intention(out: Console | Plain, found: IntentionDetail) -> None:
    item, s = found.figures, found.figures.series
    out.print(f"[bold]{_escaped(item.text)}[/bold] [dim]({item.id})[/dim]")
    out.print(
        f"mean {fmt.fixed(s.mean)} over {s.days_rated} rated days {_change(s)} · strength "
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
        out.print(f"  {fmt.weekday_day_month(day)}  ", end="")
        out.print(note, markup=False)
