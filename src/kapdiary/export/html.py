"""The export as one self-contained HTML page: readable on a phone, clean when printed.

Everything is inline: the CSS, and the charts of intention ratings and mood as SVG. No
fonts, scripts or images are fetched, so the file opens the same anywhere, offline. Every
word the user wrote goes through ``_e`` (``html.escape``). Printing (to paper or PDF from a
browser) uses the print styles: white paper, no cards, and no entry split across a page
where avoidable.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from kapdiary.dates import long_date
from kapdiary.export import Document, Entry, Fact, long_day
from kapdiary.export.charts import (
    COLOURS,
    area_bars,
    band_gutter,
    calendar,
    chart,
    measure_chart,
)
from kapdiary.export.charts import escape as _e  # every text that goes into the page
from kapdiary.export.words import (
    LOWER_IS_BETTER,
    around_sessions,
    bands_text,
    before_after,
    change_since_first_text,
    change_text,
    check_in_day,
    check_ins_in_period,
    count,
    cover_rows,
    latest_text,
    mean_text,
    measures,
    not_rated_text,
    period_text,
    short_day,
    writing_text,
)

if TYPE_CHECKING:
    from kapdiary.progress import Tracked
from kapdiary.progress import Series
from kapdiary.render.format import number, span

# The colours are the charts' own (they carry them into the PDF), as CSS variables here.
_ROOT = (
    ":root {\n  color-scheme: light;\n"
    + "".join(f"  --{name}: {value};\n" for name, value in COLOURS.items())
    + "}\n"
)
CSS = (
    _ROOT
    + """
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body {
  margin: 0; background: var(--paper); color: var(--ink);
  font: 17px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
    sans-serif;
  overflow-wrap: break-word;
}
main { max-width: 44rem; margin: 0 auto; padding: 2.75rem 1.25rem 4rem; }
h1, h2, h3, h4 { line-height: 1.25; font-weight: 650; }
h1 { font-size: 2rem; margin: .15rem 0 1.25rem; }
h2 {
  font-size: 1.35rem; margin: 3rem 0 1rem; padding-bottom: .4rem;
  border-bottom: 1px solid var(--line);
}
h3 { font-size: 1.08rem; margin: 1.75rem 0 .35rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .2rem; color: var(--accent); }
p { margin: 0 0 .8rem; }
.kicker {
  margin: 0; color: var(--muted); font-size: .78rem; letter-spacing: .09em;
  text-transform: uppercase;
}
.muted, .sub, .figures, .note, footer { color: var(--muted); }
dl.cover, dl.facts { display: grid; grid-template-columns: max-content 1fr; margin: 0; }
dl.cover { gap: .3rem 1.25rem; }
dl.facts { gap: .2rem 1rem; font-size: .95rem; margin-bottom: 1rem; }
dt { color: var(--muted); }
dd { margin: 0; }
dd ul { margin: 0; padding: 0; list-style: none; }
ol.intentions { padding-left: 1.4rem; }
ol.intentions li { margin: .3rem 0; }
.series { margin: 1.4rem 0 1.8rem; }
.series h3, .series h4 { margin: 0 0 .1rem; }
.series h3 { margin-top: 1.75rem; }
.series h4 { color: var(--ink); font-size: 1.02rem; }
.figures { margin: 0 0 .3rem; font-size: .93rem; font-variant-numeric: tabular-nums; }
.note { margin: .25rem 0 0; font-size: .93rem; font-style: italic; }
svg.chart {
  display: block; width: 100%; height: auto; overflow: visible; font-family: inherit;
}
.chart .grid { stroke: var(--line); stroke-width: 1; }
.chart .axis { fill: var(--muted); font-size: 12px; }
.chart .mean { stroke-width: 1; stroke-dasharray: 4 4; opacity: .55; }
.chart .line { fill: none; stroke-width: 2; stroke-linejoin: round; stroke-linecap: round; }
.chart .session { stroke: var(--session); stroke-width: 1.5; stroke-dasharray: 2 3; }
.chart .session-label { fill: var(--session); font-size: 11px; }
.chart .session.crowded { stroke-dasharray: none; stroke-width: 1; opacity: .35; }
.chart.dense .line { stroke-width: 1.4; }
.intention .line, .intention .mean { stroke: var(--accent); }
.intention .dot { fill: var(--accent); }
.mood .line, .mood .mean { stroke: var(--mood); }
.mood .dot { fill: var(--mood); }
.measure .line { stroke: var(--measure); }
.measure .dot { fill: var(--measure); stroke: var(--card); stroke-width: 1.5; }
.chart .band { fill: var(--band); }
.chart .band-edge { stroke: var(--band); stroke-opacity: .25; stroke-width: 1; }
.chart .band-label { fill: var(--muted); font-size: 11px; }
.chart .value { fill: var(--ink); font-size: 11px; font-weight: 600; }
.measure dl.facts { margin: .2rem 0 .6rem; }
.measure table { margin-top: .5rem; width: auto; min-width: min(20rem, 100%); }
.legend { font-size: .85rem; color: var(--muted); margin: .2rem 0 0; }
.legend .key-session { color: var(--session); }
.areas { margin: .4rem 0 .3rem; }
.area { margin: 0 0 .75rem; }
.area-name { margin: 0 0 .2rem; font-weight: 600; }
.area-name .figures { font-weight: 400; margin-left: .35rem; font-size: .88rem; }
.track { background: #efebe4; border-radius: 3px; margin: 2px 0; }
.track.now { height: 12px; }
.track.before { height: 6px; }
.track.none { background: none; } /* not rated: no bar, and no empty one either */
.bar { height: 100%; border-radius: 3px; }
.bar.now { background: var(--accent); }
.bar.before { background: #a9b0b6; }
.legend .key-now { color: var(--accent); }
.legend .key-before { color: #a9b0b6; }
.legend .key-written { color: var(--accent); }
.legend .key-blank { color: var(--muted); }
.calendar {
  display: flex; flex-wrap: wrap; align-items: flex-start; gap: .6rem 1.4rem;
  margin: .8rem 0 .2rem;
}
table.month {
  width: auto; border-collapse: separate; border-spacing: 3px; font-size: .78rem;
  font-variant-numeric: tabular-nums;
}
table.month caption { text-align: left; font-weight: 600; font-size: .88rem; padding: 0 3px; }
table.month th {
  border: 0; padding: 0; text-align: center; font-size: .72rem; font-weight: 500;
}
table.month td {
  border: 0; padding: 0; width: 1.9rem; height: 1.9rem; text-align: center;
  border-radius: 5px; color: var(--muted);
}
table.month td.blank { background: var(--card); box-shadow: inset 0 0 0 1px var(--line); }
table.month td.written { background: #8fb9b6; color: #10302f; }
table.month td.written.many { background: var(--accent); color: #fff; }
table.month td.outside { color: #c9c4bb; }
.calendar.compact { gap: .5rem 1rem; }
.calendar.compact table.month td { width: 1.45rem; height: 1.45rem; font-size: .66rem; }
table.month td.session { box-shadow: inset 0 0 0 2px var(--session); font-weight: 700; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { padding: .4rem .55rem; border-bottom: 1px solid var(--line); text-align: left; }
th { color: var(--muted); font-weight: 600; font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.card {
  background: var(--card); border: 1px solid var(--line); border-radius: 12px;
  padding: 1.1rem 1.3rem; margin: 1.1rem 0;
}
.card h3 { margin-top: 0; }
.card > :last-child { margin-bottom: 0; }
article.entry h3 { margin: 0; }
.sub { margin: .1rem 0 .9rem; font-size: .9rem; }
.badge {
  display: inline-block; padding: 0 .45rem; border-radius: 999px; font-size: .78rem;
  border: 1px solid var(--session); color: var(--session);
}
.text p, .text ul { margin: 0 0 .75rem; }
.text ul { padding-left: 1.3rem; }
.empty { color: var(--muted); font-style: italic; }
footer { margin-top: 3rem; font-size: .85rem; }
@media (max-width: 520px) {
  body { font-size: 16px; }
  main { padding: 1.6rem 1rem 3rem; }
  h1 { font-size: 1.6rem; }
  dl.cover { grid-template-columns: 1fr; gap: 0; }
  dl.cover dd { margin-bottom: .45rem; }
  dl.facts { grid-template-columns: 6.5rem 1fr; gap: .3rem .75rem; }
  .card { padding: .95rem 1rem; border-radius: 10px; }
  th, td { padding: .35rem .4rem; }
  /* The charts shrink to the screen; their words and lines should not. */
  .chart .axis { font-size: 21px; }
  .chart .session-label { font-size: 19px; }
  .chart .line { stroke-width: 3.5; }
  .chart .grid, .chart .session { stroke-width: 2; }
  .chart .dot { r: 5px; }
  .chart.dense .line { stroke-width: 2.2; }
  .chart .band-label { font-size: 17.5px; }
  .chart .value { font-size: 19px; }
  .chart.measure .dot { r: 7px; stroke-width: 2.5; }
  .chart .axis.inner { display: none; } /* the band names say enough */
}
@media print {
  @page { margin: 16mm 15mm; }
  :root { --paper: #fff; }
  body { font-size: 10.5pt; line-height: 1.5; }
  main { max-width: none; padding: 0; }
  h2 { margin-top: 1.8rem; }
  h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  .card, article.entry {
    border: 0; border-top: 1px solid var(--line); border-radius: 0;
    padding: .8rem 0 .2rem; margin: .6rem 0;
  }
  .card, .series, table, tr, dl.facts, .text p, .areas, .calendar {
    break-inside: avoid; page-break-inside: avoid;
  }
  .scroll { overflow: visible; }
  a { color: inherit; text-decoration: none; }
}
"""
)


def render(document: Document, *, extra_css: str = "") -> str:
    """The page; ``extra_css`` is added after the page's own styles (the PDF's page setup)."""
    parts: list[str] = []
    _cover(parts, document)
    _since_last_conversation(parts, document)
    _progress(parts, document)
    _sessions(parts, document)
    parts.append('<section class="entries" id="entries">\n<h2>Entries</h2>')
    for entry in document.entries:
        parts.append(_entry(entry))
    parts.append("</section>")
    parts.append(f"<footer>Made with kapdiary on {_e(long_date(document.made.date()))}.</footer>")
    title = "Integration diary"
    if document.client:
        title += f" — {document.client}"
    title += f" — {period_text(document)}"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="kapdiary">\n'
        f"<title>{_e(title)}</title>\n<style>{CSS}{extra_css}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )


# --- the cover ---------------------------------------------------------------------------


def _cover(parts: list[str], document: Document) -> None:
    parts.append('<header class="cover">')
    parts.append('<p class="kicker">Integration diary</p>')
    heading = document.client or "Integration diary"
    parts.append(f"<h1>{_e(heading)}</h1>")
    rows = cover_rows(document)
    parts.append('<dl class="cover">')
    parts += [f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in rows]
    parts.append("</dl>")
    if document.intentions:
        parts.append('<h2>Intentions</h2>\n<ol class="intentions">')
        for item in document.intentions:
            details = [item.area.replace("-", " ")] if item.area else []
            details.append(f"set on {long_date(item.set_on)}")
            if item.retired_on:
                details.append(f"retired {long_date(item.retired_on)}")
            parts.append(
                f'<li>{_e(item.text)} <span class="muted">({_e(", ".join(details))})</span></li>'
            )
        parts.append("</ol>")
    parts.append("</header>")


# --- progress ----------------------------------------------------------------------------


def _progress(parts: list[str], document: Document) -> None:
    figures = document.progress
    previous = figures.previous
    days = figures.period.each_day()
    sessions = [s.date for s in document.sessions]
    parts.append('<section class="progress" id="progress">\n<h2>Progress</h2>')
    parts.append(
        f'<p class="muted">Compared with the {previous.days} days before '
        f"({_e(span(previous.since, previous.until))}).</p>"
    )
    parts.append(f"<p><strong>Writing:</strong> {_e(writing_text(document))}.</p>")
    written = Counter(entry.date for entry in document.entries)  # only what the file holds
    parts.append(calendar(written, figures.period.since, figures.period.until, sessions))
    intentions = [*figures.intentions, *figures.retired] if document.shows("intentions") else []
    mood = figures.mood
    show_mood = document.shows("mood") and (mood.days_rated or mood.previous_mean is not None)
    charts = bool(intentions) or show_mood
    if intentions:
        parts.append("<h3>Intentions</h3>")
        for item in intentions:
            name = item.text + (" (retired)" if not item.active else "")
            extra = f" · strength {item.strength:.2f}"
            note = None
            if item.last_note and item.last_note_date:
                note = f"Last note, {short_day(item.last_note_date)}: “{item.last_note}”"
            parts.append(
                _series(name, item.series, days, sessions, "intention", extra=extra, note=note)
            )
    if show_mood:
        parts.append(_series("Mood", mood, days, sessions, "mood", level=3))
    if charts:
        key = '<span class="key-session">┆</span> marks a dosing session. ' if sessions else ""
        parts.append(
            f'<p class="legend">{key}Ratings go from 0 (low) to 10 (high); the dashed line is '
            "the period's mean.</p>"
        )
    if document.shows("areas") and figures.areas:
        parts.append("<h3>Life areas</h3>")
        parts.append(area_bars(figures.areas, figures.period.days))
    _tracked(parts, document, days, sessions)
    _check_ins(parts, document, days, sessions)
    parts.append("</section>")


def _since_last_conversation(parts: list[str], document: Document) -> None:
    """The latest coaching session first, so the next conversation starts where it ended."""
    from kapdiary.export import coach

    talk = coach.since_last_conversation(document)
    if talk is None:
        return
    parts.append('<section class="coaching" id="since-last-conversation">')
    parts.append(f"<h2>{_e(talk.heading)}</h2>")
    parts.append(f'<p class="muted">{_e(talk.opening)}</p>')
    if talk.latest.facts:
        parts.append(_facts_list([(f.label, _fact(f)) for f in talk.latest.facts]))
    for section in talk.sections:
        parts.append(f"<h3>{_e(section.heading)}</h3>")
        parts.append(_text(section.text))
    if talk.earlier:
        parts.append(f"<p>{_e(talk.earlier_heading)}</p>\n<ul>")
        for day, tries in talk.earlier:
            parts.append(f"<li>{_e(day)}{': ' + _e(tries) if tries else ''}</li>")
        parts.append("</ul>")
    parts.append("</section>")


def _relabelled(svg: str, labels: tuple[str, str, str]) -> str:
    """A 0–10 chart's axis (0, 5, 10) labelled with a measure's own bottom, middle, top."""
    for level, words in zip((0, 5, 10), labels, strict=True):
        svg = svg.replace(
            f'text-anchor="end">{level}</text>', f'text-anchor="end">{_e(words)}</text>'
        )
    return svg


def _tracked(
    parts: list[str], document: Document, days: Sequence[date], sessions: Sequence[date]
) -> None:
    """The templates' own measures: a chart for each scale and number (as mood has), yes/no
    as days yes out of days answered, choices as counts per option."""
    from kapdiary.export import coach

    numbers, yes_no, choices = (
        coach.numbers(document),
        coach.yes_no(document),
        coach.choices(document),
    )
    if not (numbers or yes_no or choices):
        return
    parts.append("<h3>Your measures</h3>")
    parts += [_number_chart(t, days, sessions) for t in numbers]
    if numbers:
        parts.append(
            '<p class="legend">Each chart runs from the measure\'s lowest value to its '
            "highest; the dashed line is the period's mean.</p>"
        )
    if yes_no:
        rows = [
            [_e(t.label), _e(coach.share_text(t)), _e(coach.yes_change_text(t))] for t in yes_no
        ]
        parts.append(_table(["Question", "Answered", "Change"], rows, right=set()))
    for t in choices:
        total = max([*t.counts.values(), 1])
        bars = "".join(
            f'<tr><td>{_e(option)}</td><td class="num">{n}</td>'
            f'<td><span class="bar" style="display:inline-block;height:.7em;'
            f'width:{round(10 * n / total, 1)}em;background:currentColor;opacity:.5"></span>'
            f"</td></tr>"
            for option, n in t.counts.items()
        )
        parts.append(
            f'<div class="series choice"><h4>{_e(t.label)}</h4>'
            f'<p class="figures">{_e(coach.counts_text(t))}</p>'
            f"<table><tbody>{bars}</tbody></table></div>"
        )


def _number_chart(t: Tracked, days: Sequence[date], sessions: Sequence[date]) -> str:
    """A scale's or number's chart, drawn 0 to 10 and labelled in its own range."""
    from kapdiary.export import coach

    assert t.series is not None
    mean, change, rated = coach.number_figures(t)
    figures = f"{coach.range_text(t)} · mean {mean} · change {change} · {rated} days rated"
    label = f"{t.label}: daily values over the period, mean {mean}"
    scaled = coach.scaled(t)
    present = [v for v in scaled if v is not None]
    scaled_mean = sum(present) / len(present) if present else None
    return "\n".join(
        [
            '<div class="series measure-field">',
            f"<h4>{_e(t.label)}</h4>",
            f'<p class="figures">{_e(figures)}</p>',
            _relabelled(
                chart(scaled, days, sessions, kind="field", label=label, mean=scaled_mean),
                coach.axis(t),
            ),
            "</div>",
        ]
    )


def _check_ins(
    parts: list[str], document: Document, days: Sequence[date], sessions: Sequence[date]
) -> None:
    """Each questionnaire: the latest score, the change since the first, a chart of the
    period's scores over the severity bands, and the check-ins as a table."""
    shown = measures(document)
    if not shown:
        return
    severity = document.shows("severity")
    gutter = band_gutter(shown)
    parts.append("<h3>Check-ins</h3>")
    parts.append(f'<p class="muted">{_e(LOWER_IS_BETTER)}</p>')
    for measure in shown:
        rows = [
            ("Latest", _e(latest_text(measure, document))),
            ("Change", _e(change_since_first_text(measure, document))),
        ]
        if measure.bands:
            rows.append(("Bands", _e(bands_text(measure))))
        out = [
            '<div class="series measure">',
            f"<h4>{_e(measure.label)}</h4>",
            _facts_list(rows),
        ]
        if measure.scores:
            label = (
                f"{measure.label}: scores over the period, latest {latest_text(measure, document)}"
            )
            out.append(measure_chart(measure, days, sessions, label=label, gutter=gutter))
            head = ["Date", "Score"] + (["Severity"] if severity else [])
            table = [
                [_e(check_in_day(c.date)), _e(number(c.score))]
                + ([_e(c.severity or "–")] if severity else [])
                for c in measure.scores
            ]
            out.append(_table(head, table, right={1}))
        else:
            out.append(f'<p class="note">{_e(check_ins_in_period(measure).capitalize())}.</p>')
        out.append("</div>")
        parts.append("\n".join(out))
    if sessions and any(m.scores for m in shown):
        parts.append(
            '<p class="legend"><span class="key-session">┆</span> marks a dosing session.</p>'
        )


def _series(
    name: str,
    series: Series,
    days: Sequence[date],
    sessions: Sequence[date],
    kind: str,
    *,
    extra: str = "",
    note: str | None = None,
    level: int = 4,
) -> str:
    change = change_text(series.change, series.trend, series.days_rated)
    figures = (
        f"mean {mean_text(series.mean)} · change {change} · "
        f"{count(series.days_rated, 'day')} rated{extra}"
    )
    label = f"{name}: daily ratings over the period, mean {mean_text(series.mean)}"
    out = [f'<div class="series {kind}">', f"<h{level}>{_e(name)}</h{level}>"]
    if series.days_rated:
        out.append(f'<p class="figures">{_e(figures)}</p>')
        out.append(chart(series.daily, days, sessions, kind=kind, label=label, mean=series.mean))
    else:  # a sentence, not an empty chart
        out.append(f'<p class="figures">{_e(not_rated_text(series, len(days)))}</p>')
    if note:
        out.append(f'<p class="note">{_e(note)}</p>')
    out.append("</div>")
    return "\n".join(out)


# --- sessions and entries ----------------------------------------------------------------


def _sessions(parts: list[str], document: Document) -> None:
    if not document.sessions:
        return
    parts.append('<section class="sessions" id="sessions">\n<h2>Dosing sessions</h2>')
    explained = around_sessions(document)
    if explained:
        parts.append(f'<p class="muted">{_e(explained)}</p>')
    for session in document.sessions:
        name = "Session"
        if session.number is not None and document.shows("session"):
            name += f" {session.number}"
        rows = [(f.label, _e(f.text)) for f in session.facts]
        if document.shows("mood"):
            rows.append(
                (
                    "Mood",
                    before_after(session.mood_before, session.mood_after),
                )
            )
        if document.shows("intentions"):
            rows.append(
                (
                    "Intentions",
                    before_after(session.intentions_before, session.intentions_after),
                )
            )
        parts.append('<div class="card session">')
        parts.append(f"<h3>{_e(name)} · {_e(long_date(session.date))}</h3>")
        parts.append(_facts_list(rows))
        parts.append("</div>")
    parts.append("</section>")


def _entry(entry: Entry) -> str:
    out = ['<article class="card entry">', f"<h3>{_e(long_day(entry.date))}</h3>"]
    sub = [entry.heading]
    if entry.time:
        sub.append(entry.time)
    badge = ' <span class="badge">private</span>' if entry.private else ""
    out.append(f'<p class="sub">{_e(" · ".join(sub))}{badge}</p>')
    if entry.facts:
        out.append(_facts_list([(f.label, _fact(f)) for f in entry.facts]))
    if entry.intro.strip():
        out.append(_text(entry.intro))
    for section in entry.sections:
        heading = _e(section.heading)
        out.append(f"<h4>{heading}</h4>")
        out.append(_text(section.text) if section.text.strip() else '<p class="empty">—</p>')
    out.append("</article>")
    return "\n".join(out)


def _fact(fact: Fact) -> str:
    """A field's value as HTML (escaped): ratings one to a line, with their notes."""
    if not fact.items:
        return _e(fact.text)
    lines = []
    for item in fact.items:
        line = f"{_e(item.label)} <strong>{_e(item.text)}</strong>"
        if item.note:
            line += f' <span class="muted">— “{_e(item.note)}”</span>'
        lines.append(f"<li>{line}</li>")
    return "<ul>" + "".join(lines) + "</ul>"


def _facts_list(rows: Sequence[tuple[str, str]]) -> str:
    """``rows`` are (label, HTML already escaped)."""
    items = "".join(f"<dt>{_e(label)}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<dl class="facts">{items}</dl>'


def _text(text: str) -> str:
    """The user's words: paragraphs, simple bullet lists, line breaks kept; all escaped.

    Escaped once, whole: escaping changes only ``&<>"'``, never a space, a line break or
    a list's ``- ``, so the paragraphs and lists found after are those of the raw text.
    """
    blocks = []
    for block in _paragraphs(_e(text)):
        if "\n" not in block and not block.lstrip().startswith(_BULLETS):
            blocks.append(f"<p>{block}</p>")  # one line: most paragraphs
            continue
        lines = block.split("\n")
        if all(line.lstrip().startswith(_BULLETS) for line in lines):
            items = "".join(f"<li>{line.lstrip()[2:].strip()}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + block.replace("\n", "<br>\n") + "</p>")
    return '<div class="text">' + "\n".join(blocks) + "</div>"


_BULLETS = ("- ", "* ", "+ ")


def _paragraphs(text: str) -> list[str]:
    out: list[str] = []
    current: list[str] = []
    for line in text.strip("\n").split("\n"):
        if line.strip():
            current.append(line.rstrip())
        elif current:
            out.append("\n".join(current))
            current = []
    if current:
        out.append("\n".join(current))
    return out


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int]) -> str:
    """``rows`` hold HTML already escaped."""

    def cls(i: int) -> str:
        return ' class="num"' if i in right else ""

    header = "".join(f"<th{cls(i)}>{_e(h)}</th>" for i, h in enumerate(head))
    body = "".join(
        "<tr>" + "".join(f"<td{cls(i)}>{c}</td>" for i, c in enumerate(row)) + "</tr>"
        for row in rows
    )
    table = f"<table><thead><tr>{header}</tr></thead><tbody>{body}</tbody></table>"
    return f'<div class="scroll">{table}</div>'
