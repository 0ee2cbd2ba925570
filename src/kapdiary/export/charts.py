"""The export's pictures, drawn as inline SVG: daily ratings as lines that stop where the
ratings stop, a questionnaire's scores over its severity bands.

Nothing here reads a file or works out a figure: every value comes from the ``Document``
the page is made from, which already has the privacy rules applied. Every word in a
picture goes through ``escape``.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date

from kapdiary.export.words import change_text, count, mean_text, short_day
from kapdiary.progress import Measure, Series
from kapdiary.render.format import month_name, number, short_month

# A PHQ-9 or GAD-7 asks about the last two weeks: check-ins further apart than that leave
# days no score speaks for, and no line is drawn across them.
CHECK_IN_REACH = 14


# The page's colours; the HTML's CSS takes its variables from here.
COLOURS = {
    "ink": "#24272c",
    "muted": "#626a73",
    "line": "#e4e0d8",
    "paper": "#faf8f4",
    "card": "#ffffff",
    "accent": "#2d6a6e",
    "mood": "#7d5a86",
    "session": "#b38a4a",
    "measure": "#35577d",
    "band": "#c2703f",
}
_SERIES_COLOUR = {"intention": "accent", "mood": "mood", "measure": "measure"}


def _look(part: str, kind: str = "", *, dense: bool = False) -> str:
    """How a part of a chart looks, as SVG attributes: the picture carries its own colours
    and sizes, so it looks the same wherever it is drawn (WeasyPrint's PDF applies no page
    CSS inside an SVG). A browser lets the page's CSS win, which enlarges words on a phone."""
    c = COLOURS
    colour = c[_SERIES_COLOUR.get(kind, "accent")]
    if part == "line":
        return (
            f'fill="none" stroke="{colour}" stroke-width="{1.4 if dense else 2}" '
            'stroke-linejoin="round" stroke-linecap="round"'
        )
    if part == "dot":
        ring = f' stroke="{c["card"]}" stroke-width="1.5"' if kind == "measure" else ""
        return f'fill="{colour}"{ring}'
    if part == "mean":
        return f'stroke="{colour}" stroke-width="1" stroke-dasharray="4 4" stroke-opacity=".55"'
    return {
        "grid": f'stroke="{c["line"]}" stroke-width="1"',
        "axis": f'fill="{c["muted"]}" font-size="12"',
        "session": f'stroke="{c["session"]}" stroke-width="1.5" stroke-dasharray="2 3"',
        "session crowded": f'stroke="{c["session"]}" stroke-width="1" stroke-opacity=".35"',
        "session-label": f'fill="{c["session"]}" font-size="11"',
        "band": f'fill="{c["band"]}"',
        "band-edge": f'stroke="{c["band"]}" stroke-opacity=".25" stroke-width="1"',
        "band-label": f'fill="{c["muted"]}" font-size="11"',
        "value": f'fill="{c["ink"]}" font-size="11" font-weight="600"',
    }[part]


def escape(text: object) -> str:
    """``html.escape(str(text), quote=True)``, its five replacements written out: this runs
    for every label and value of every entry, and importing ``html`` reads its table of
    every named character reference. Most texts (labels, ratings, whole paragraphs) have
    none of the five: ``in`` finds that out quicker than five replacements that do nothing."""
    text = text if type(text) is str else str(text)
    if not ("&" in text or "<" in text or ">" in text or '"' in text or "'" in text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#x27;")
    )


_e = escape


class _Plot:
    """A chart's frame: its size, margins, days across and values up to ``high``."""

    __slots__ = ("bottom", "clamp", "height", "high", "left", "n", "right", "top", "width")

    def __init__(
        self,
        width: int,
        height: int,
        left: int,
        right: int,
        top: int,
        bottom: int,
        n: int,
        high: float,
        *,
        clamp: bool = False,
    ) -> None:
        self.width, self.height, self.n, self.high = width, height, n, high
        self.left, self.right, self.top, self.bottom = left, right, top, bottom
        self.clamp = clamp  # values beyond 0..high are drawn at the edge

    @property
    def plot_w(self) -> int:
        return self.width - self.left - self.right

    @property
    def plot_h(self) -> int:
        return self.height - self.top - self.bottom

    def x(self, i: int) -> float:
        n = self.n
        return self.left + (self.plot_w * i / (n - 1) if n > 1 else self.plot_w / 2)

    def y(self, v: float) -> float:
        if self.clamp:
            v = max(0.0, min(v, self.high))
        return self.top + self.plot_h * (1 - v / self.high)


def _open(classes: str, plot: _Plot, label: str) -> list[str]:
    return [
        f'<svg class="{classes}" viewBox="0 0 {plot.width} {plot.height}" role="img" '
        f'aria-label="{_e(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{_e(label)}</title>",
    ]


def _across(plot: _Plot, y: float, part: str, kind: str | None = None) -> str:
    """A horizontal line over the plot at height ``y``."""
    look = _look(part, kind) if kind is not None else _look(part)
    return (
        f'<line class="{part}" {look} x1="{plot.left}" x2="{plot.width - plot.right}" '
        f'y1="{y:.1f}" '
        f'y2="{y:.1f}"/>'
    )


def chart(
    values: Sequence[float | None],
    days: Sequence[date],
    sessions: Sequence[date],
    *,
    kind: str,
    label: str,
    mean: float | None = None,
    high: float = 10,
) -> str:
    """Daily values as an inline SVG line chart, 0 to 10, with the session days marked."""
    n = len(values)
    plot = _Plot(640, 150, 30, 12, 14, 26, n, high)
    out = _open(f"chart {kind}{' dense' if n > 120 else ''}", plot, label)
    for level in (0, 5, 10):
        out.append(
            _across(plot, plot.y(level), "grid")
            + f'<text class="axis" {_look("axis")} x="{plot.left - 8}" '
            f'y="{plot.y(level) + 4:.1f}" text-anchor="end">{level}</text>'
        )
    out += _session_marks(days, sessions, n, plot.x, plot.top, plot.top + plot.plot_h)
    if mean is not None:
        out.append(_across(plot, plot.y(mean), "mean", kind))
    out += _line_and_dots(plot, values, kind)
    out += _day_ticks(plot, days)
    out.append("</svg>")
    return "\n".join(out)


def _line_and_dots(plot: _Plot, values: Sequence[float | None], kind: str) -> list[str]:
    """A line joins ratings on days next to each other only: a day without a rating is a
    gap in the line, never bridged. A rating alone between gaps is a dot at any width."""
    n, out = plot.n, []
    radius = 3.2 if n <= 45 else 2.2 if n <= 120 else 0
    rated = [(i, v) for i, v in enumerate(values) if v is not None]
    for run in runs([i for i, _ in rated]):
        points = [(plot.x(rated[p][0]), plot.y(rated[p][1])) for p in run]
        if len(points) > 1:
            out.append(_polyline(points, kind, dense=n > 120))
        if radius or len(points) == 1:
            out += [
                f'<circle class="dot" {_look("dot", kind)} cx="{px:.1f}" cy="{py:.1f}" '
                f'r="{radius or 2.5}"/>'
                for px, py in points
            ]
    return out


def _day_ticks(plot: _Plot, days: Sequence[date], *, clear_of_ends: bool = False) -> list[str]:
    """The days under the plot; ``clear_of_ends`` keeps the middle ones away from the ends
    (for a plot narrower than the others)."""
    n, out = plot.n, []
    ends = (plot.x(0), plot.x(n - 1))
    for i, text, anchor in _ticks(days):
        near_end = n > 1 and min(abs(plot.x(i) - end) for end in ends) < 130
        if clear_of_ends and anchor == "middle" and near_end:
            continue
        out.append(
            f'<text class="axis" {_look("axis")} x="{plot.x(i):.1f}" y="{plot.height - 6}" '
            f'text-anchor="{anchor}">'
            f"{_e(text)}</text>"
        )
    return out


def _session_marks(
    days: Sequence[date],
    sessions: Sequence[date],
    n: int,
    x: Callable[[int], float],
    top: float,
    bottom: float,
) -> list[str]:
    """A dashed line (and an S above it) on each session day within the chart's days."""
    first = days[0] if days else None
    marks = sorted(
        x((day - first).days) for day in sessions if first and 0 <= (day - first).days < n
    )
    # Many sessions close together: faint lines without letters, so the ratings stay legible.
    crowded = any(b - a < 18 for a, b in itertools.pairwise(marks))
    out = []
    part = "session crowded" if crowded else "session"
    for sx in marks:
        out.append(
            f'<line class="{part}" {_look(part)} x1="{sx:.1f}" '
            f'x2="{sx:.1f}" y1="{top - 4:g}" y2="{bottom:g}"/>'
        )
        if not crowded:
            out.append(
                f'<text class="session-label" {_look("session-label")} x="{sx + 3:.1f}" '
                f'y="{top - 4:g}">S</text>'
            )
    return out


BAND_LABEL_EM = 0.56  # the width of a character of a band's name, in font sizes
BAND_LABEL_PHONE = 17.5  # the band names' font size on a phone (see the CSS)


def band_gutter(shown: Sequence[Measure]) -> int:
    """Room on the right of the check-in charts for the band names, as wide as the longest
    is on a phone (where the chart shrinks and its words do not); the same for every chart,
    so their days line up."""
    longest = max((len(name) for m in shown for _, name in m.bands), default=0)
    if not longest:
        return 14
    return 16 + round(longest * BAND_LABEL_EM * BAND_LABEL_PHONE)


def measure_chart(
    measure: Measure,
    days: Sequence[date],
    sessions: Sequence[date],
    *,
    label: str,
    gutter: int,
) -> str:
    """A questionnaire's scores in the period as an inline SVG: points joined by a line,
    0 at the bottom and the highest score at the top, over the severity bands drawn as
    faint stripes (darker as they get more severe) named on the right."""
    n = len(days)
    scores = [c.score for c in measure.scores]
    high = float(measure.highest or 0)
    if not high:  # a scale without a known maximum: room above the highest band and score
        high = float(max([*scores, *(low + 1 for low, _ in measure.bands), 1]))
        high = float(-(-high // 5) * 5)
    plot = _Plot(640, 230, 30, gutter, 18, 26, n, high, clamp=True)
    out = _open("chart measure", plot, label)
    bands, ticks = _bands(plot, measure)
    out += bands
    out += _score_ticks(plot, ticks)
    out += _session_marks(days, sessions, n, plot.x, plot.top, plot.top + plot.plot_h)
    out += _scores(plot, measure, days)
    out += _day_ticks(plot, days, clear_of_ends=True)
    out.append("</svg>")
    return "\n".join(out)


def _bands(plot: _Plot, measure: Measure) -> tuple[list[str], list[float]]:
    """The severity bands as stripes, edges and names; and the scores where they start."""
    y, high, width, left = plot.y, plot.high, plot.width, plot.left
    out: list[str] = []
    bands = measure.band_ranges()
    ticks = [0.0]
    for n_band, (low, end, name) in enumerate(bands):
        # Scores are whole numbers: a band's stripe runs half a point either side of them.
        lower = max(0.0, low - 0.5)
        upper = min(high, end + 0.5) if end is not None else high
        if upper <= lower:
            continue
        shade = 0.05 + 0.2 * n_band / max(1, len(bands) - 1)
        out.append(
            f'<rect class="band" {_look("band")} x="{left}" y="{y(upper):.1f}" '
            f'width="{width - left:g}" '
            f'height="{y(lower) - y(upper):.1f}" fill-opacity="{shade:.2f}"/>'
        )
        if lower > 0:
            out.append(
                f'<line class="band-edge" {_look("band-edge")} x1="{left}" x2="{width}" '
                f'y1="{y(lower):.1f}" '
                f'y2="{y(lower):.1f}"/>'
            )
        if y(lower) - y(upper) >= 14:  # a name for every band tall enough to hold one
            out.append(
                f'<text class="band-label" {_look("band-label")} x="{width - plot.right + 8}" '
                f'y="{(y(lower) + y(upper)) / 2 + 4:.1f}">{_e(name)}</text>'
            )
        ticks.append(float(low))
    ticks.append(high)
    return out, ticks


def _score_ticks(plot: _Plot, ticks: list[float]) -> list[str]:
    """The scores on the left: 0, where each band starts and the highest, never crowded."""
    high, out = plot.high, []
    shown_ticks: list[float] = []
    for tick in sorted(set(ticks)):
        if not shown_ticks or tick - shown_ticks[-1] >= high / 9:
            shown_ticks.append(tick)
    for tick in shown_ticks:
        inner = " inner" if 0 < tick < high else ""
        out.append(
            f'<text class="axis{inner}" {_look("axis")} x="{plot.left - 8}" '
            f'y="{plot.y(tick) + 4:.1f}" text-anchor="end">{number(tick)}</text>'
        )
    return out


def _scores(plot: _Plot, measure: Measure, days: Sequence[date]) -> list[str]:
    """The check-ins' scores as points, joined while each reaches back to the one before."""
    first = days[0] if days else None
    points = [
        ((c.date - first).days, plot.x((c.date - first).days), plot.y(c.score), c.score)
        for c in measure.scores
        if first is not None and 0 <= (c.date - first).days < plot.n
    ]
    out = []
    # Two check-ins are joined only when the second one's two weeks reach back to the first.
    for run in runs([d for d, *_ in points], step=CHECK_IN_REACH):
        if len(run) > 1:
            out.append(_polyline([points[p][1:3] for p in run], "measure"))
    out += [
        f'<circle class="dot" {_look("dot", "measure")} cx="{px:.1f}" cy="{py:.1f}" r="4"/>'
        for _, px, py, _ in points
    ]
    # Each point's score above it, unless the points are too close for the numbers to fit.
    if all(b[1] - a[1] >= 28 for a, b in itertools.pairwise(points)):
        for _, px, py, score in points:
            ty = py - 9 if py - 9 > plot.top + 8 else py + 20
            out.append(
                f'<text class="value" {_look("value")} x="{px:.1f}" y="{ty:.1f}" '
                'text-anchor="middle">'
                f"{number(score)}</text>"
            )
    return out


def runs(days: Sequence[int], *, step: int = 1) -> list[list[int]]:
    """The positions of ``days`` (in order) in runs, split where the gap to the next day is
    longer than ``step``: days ``[0, 1, 2, 5, 6]`` → ``[[0, 1, 2], [3, 4]]``."""
    out: list[list[int]] = []
    for position, day in enumerate(days):
        if out and day - days[out[-1][-1]] <= step:
            out[-1].append(position)
        else:
            out.append([position])
    return out


def _polyline(points: Sequence[tuple[float, float]], kind: str, *, dense: bool = False) -> str:
    coords = " ".join(f"{px:.1f},{py:.1f}" for px, py in points)
    return f'<polyline class="line" {_look("line", kind, dense=dense)} points="{coords}"/>'


def _ticks(days: Sequence[date]) -> list[tuple[int, str, str]]:
    """Labels under the chart: the first and last day, and a few in between."""
    n = len(days)
    if n == 0:
        return []
    if n == 1:
        return [(0, short_day(days[0]), "middle")]
    ticks = [(0, short_day(days[0]), "start"), (n - 1, short_day(days[-1]), "end")]
    if n > 62:  # long periods: the first of each month
        inner = [i for i, d in enumerate(days) if d.day == 1]
        inner = inner[:: max(1, len(inner) // 6 + (1 if len(inner) > 6 else 0))]
        names = [(i, short_month(days[i])) for i in inner]
    else:
        step = 7 if n > 14 else max(1, n // 3)
        names = [(i, short_day(days[i])) for i in range(step, n - 1, step)]
    edge = max(2, n // 12)
    ticks += [(i, text, "middle") for i, text in names if edge <= i <= n - 1 - edge]
    return ticks


# --- life areas: this period against the one before -------------------------------------


def area_bars(areas: Mapping[str, Series], days: int, *, high: float = 10) -> str:
    """Each life area's mean as a bar over the period's days, with a thinner grey bar for
    the same number of days before. An area not rated in one of them has no bar there, and
    the words beside it say so: no bar is ever drawn at 0 for a missing rating."""
    out = ['<div class="areas">']
    for name, series in areas.items():
        now, before = series.mean, series.previous_mean
        if now is None:
            figures = "not rated in this period"
        else:
            figures = f"{mean_text(now)} on {count(series.days_rated, 'day')} rated"
        if before is not None:
            figures += f" · before {mean_text(before)}"
            if series.change is not None:
                figures += f" · {change_text(series.change, series.trend, series.days_rated)}"
        else:
            figures += " · not rated before"
        out.append('<div class="area">')
        out.append(
            f'<p class="area-name">{_e(name.replace("-", " ").capitalize())} '
            f'<span class="figures">{_e(figures)}</span></p>'
        )
        for kind, value in (("now", now), ("before", before)):
            if value is None:
                out.append(f'<div class="track {kind} none"></div>')
                continue
            share = max(0.0, min(1.0, value / high)) * 100
            out.append(
                f'<div class="track {kind}"><div class="bar {kind}" '
                f'style="width: {share:.1f}%"></div></div>'
            )
        out.append("</div>")
    out.append("</div>")
    out.append(
        '<p class="legend"><span class="key-now">■</span> these '
        f'{count(days, "day")} <span class="key-before">■</span> the {days} days before; '
        f"the bars run from 0 to {number(high)}.</p>"
    )
    return "\n".join(out)


# --- writing: a month grid ----------------------------------------------------------------

CALENDAR_MONTHS = 12  # a longer period shows its last twelve months
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def calendar(
    written: Mapping[date, int], since: date, until: date, sessions: Iterable[date]
) -> str:
    """The period's months as grids, a week to a row from Monday: a day with an entry in the
    file is filled (darker with more than one), a day of the period without one is left
    empty, and the days outside the period are faint. A dosing session's day has a ring."""
    sessions = set(sessions)
    months = _months(since, until)
    note = ""
    if len(months) > CALENDAR_MONTHS:
        months = months[-CALENDAR_MONTHS:]
        note = (
            f'<p class="legend">The last {CALENDAR_MONTHS} months of the period; '
            "the figures above cover all of it.</p>"
        )
    # Three months or fewer at full size; more side by side, smaller.
    out = [f'<div class="calendar{" compact" if len(months) > 3 else ""}">']
    for year, month in months:
        out.append(_month(year, month, written, since, until, sessions))
    out.append("</div>")
    key = ' <span class="key-session">◯</span> a dosing session.' if sessions else ""
    out.append(
        '<p class="legend"><span class="key-written">■</span> a day with an entry in this file '
        f'(darker: more than one) <span class="key-blank">□</span> none.{key}</p>'
    )
    return "\n".join(out) + note


def _months(since: date, until: date) -> list[tuple[int, int]]:
    months = []
    year, month = since.year, since.month
    while (year, month) <= (until.year, until.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def month_weeks(year: int, month: int) -> list[list[date]]:
    """``calendar.Calendar().monthdatescalendar(year, month)``: the month's weeks from
    Monday, with the days of the months around it that share a week (the ``calendar``
    module would import ``locale`` for its names of days, which this grid spells itself)."""
    first = date(year, month, 1)
    after = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    start = first.toordinal() - first.weekday()
    end = after.toordinal() + (7 - after.weekday()) % 7  # the Monday after the last week
    days = [date.fromordinal(n) for n in range(start, end)]
    return [days[n : n + 7] for n in range(0, len(days), 7)]


def _month(
    year: int,
    month: int,
    written: Mapping[date, int],
    since: date,
    until: date,
    sessions: set[date],
) -> str:
    weeks = month_weeks(year, month)
    first = date(year, month, 1)
    name = f"{month_name(first)} {year}"
    in_period = [d for w in weeks for d in w if d.month == month and since <= d <= until]
    days_written = sum(1 for d in in_period if written.get(d))
    summary = f"{name}: entries on {count(days_written, 'day')} of {len(in_period)}"
    out = [
        f'<table class="month" aria-label="{_e(summary)}">',
        f"<caption>{_e(name)}</caption>",
        "<thead><tr>" + "".join(f'<th abbr="{d}">{d[0]}</th>' for d in WEEKDAYS) + "</tr></thead>",
        "<tbody>",
    ]
    for week in weeks:
        cells = []
        for day in week:
            if day.month != month:
                cells.append('<td class="pad"></td>')
                continue
            entries = written.get(day, 0)
            classes = ["day"]
            if not since <= day <= until:
                classes.append("outside")
                title = f"{short_day(day)}: outside the period"
            elif entries:
                classes.append("written" if entries == 1 else "written many")
                title = f"{short_day(day)}: {count(entries, 'entry', 'entries')}"
            else:
                classes.append("blank")
                title = f"{short_day(day)}: no entry"
            if day in sessions:
                classes.append("session")
                title += ", a dosing session"
            cells.append(f'<td class="{" ".join(classes)}" title="{_e(title)}">{day.day}</td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)
