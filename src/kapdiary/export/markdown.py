"""The export as one Markdown file that reads well in any viewer, even as plain text.

Headings, short lists and small tables padded so their columns line up when the file is
read raw. The entries' own words are Markdown already and go in as written.
"""

from __future__ import annotations

from collections.abc import Sequence

from kapdiary.dates import long_date
from kapdiary.export import Document, Entry, Fact, coach, long_day
from kapdiary.export.words import (
    LOWER_IS_BETTER,
    around_sessions,
    bands_text,
    before_after,
    change_since_first_text,
    change_text,
    check_in_day,
    check_ins_in_period,
    cover_rows,
    latest_text,
    mean_text,
    measures,
    short_day,
    spark,
    spark_heading,
    spark_unit,
    writing_text,
)
from kapdiary.render.format import number, span


def render(document: Document) -> str:
    out: list[str] = []
    _cover(out, document)
    _since_last_conversation(out, document)
    _progress(out, document)
    _sessions(out, document)
    out += ["## Entries", ""]
    for entry in document.entries:
        _entry(out, entry)
    out += ["---", "", f"*Made with kapdiary on {long_date(document.made.date())}.*"]
    return "\n".join(out).rstrip("\n") + "\n"


def _cover(out: list[str], document: Document) -> None:
    title = "Integration diary"
    if document.client:
        title += f" — {_inline(document.client)}"
    out += [f"# {title}", ""]
    rows = cover_rows(document)
    out += [f"- **{label}:** {_inline(value)}" for label, value in rows]
    out.append("")
    if document.intentions:
        out += ["## Intentions", ""]
        for number_, item in enumerate(document.intentions, 1):
            details = [item.area.replace("-", " ")] if item.area else []
            details.append(f"set on {long_date(item.set_on)}")
            if item.retired_on:
                details.append(f"retired {long_date(item.retired_on)}")
            out.append(f"{number_}. {_inline(item.text)} *({', '.join(details)})*")
        out.append("")


def _progress(out: list[str], document: Document) -> None:
    figures = document.progress
    previous = figures.previous
    out += [
        "## Progress",
        "",
        f"Compared with the {previous.days} days before "
        f"({span(previous.since, previous.until)}). "
        f"*{spark_heading(document)}* has one mark {spark_unit(document)}: a bar for the "
        "rating (0 low, 10 high), a dot where there is none.",
        "",
        f"**Writing:** {writing_text(document)}.",
        "",
    ]
    _intentions_progress(out, document)
    _mood_and_areas(out, document)
    _tracked(out, document)
    _check_ins(out, document)


def _intentions_progress(out: list[str], document: Document) -> None:
    """The intentions' table, then each one's last note as a quote."""
    figures = document.progress
    intentions = [*figures.intentions, *figures.retired] if document.shows("intentions") else []
    if intentions:
        rows = [
            [
                _cell(item.text) + (" (retired)" if not item.active else ""),
                mean_text(item.series.mean),
                change_text(item.series.change, item.series.trend, item.series.days_rated),
                str(item.series.days_rated),
                f"{item.strength:.2f}",
                spark(item.series.daily),
            ]
            for item in intentions
        ]
        out += ["### Intentions", ""]
        out += _table(
            ["Intention", "Mean", "Change", "Days rated", "Strength", spark_heading(document)],
            rows,
            right={1, 3, 4},
        )
        notes = [i for i in intentions if i.last_note and i.last_note_date]
        if notes:
            out.append("")
            for item in notes:
                assert item.last_note_date is not None and item.last_note is not None
                out.append(
                    f"> *{_inline(item.text)}*, last note ({short_day(item.last_note_date)}): "
                    f"{_inline(item.last_note)}"
                )
                out.append(">")
            out.pop()
        out.append("")


def _mood_and_areas(out: list[str], document: Document) -> None:
    figures = document.progress
    mood = figures.mood
    if document.shows("mood") and (mood.days_rated or mood.previous_mean is not None):
        out += ["### Mood", ""]
        out += _table(
            ["", "Mean", "Change", "Days rated", spark_heading(document)],
            [
                [
                    "Mood (1–10)",
                    mean_text(mood.mean),
                    change_text(mood.change, mood.trend, mood.days_rated),
                    str(mood.days_rated),
                    spark(mood.daily),
                ]
            ],
            right={1, 3},
        )
        out.append("")
    if document.shows("areas") and figures.areas:
        out += ["### Life areas", ""]
        out += _table(
            ["Area", "Mean", "Change", "Days rated", spark_heading(document)],
            [
                [
                    _cell(name.replace("-", " ")),
                    mean_text(s.mean),
                    change_text(s.change, s.trend, s.days_rated),
                    str(s.days_rated),
                    spark(s.daily),
                ]
                for name, s in figures.areas.items()
            ],
            right={1, 3},
        )
        out.append("")


def _since_last_conversation(out: list[str], document: Document) -> None:
    """The latest coaching session first, so the next conversation starts where it ended."""
    talk = coach.since_last_conversation(document)
    if talk is None:
        return
    out += [f"## {talk.heading}", "", f"*{talk.opening}*", ""]
    for fact in talk.latest.facts:
        out += _fact(fact)
    if talk.latest.facts:
        out.append("")
    for section in talk.sections:
        out += [f"### {section.heading}", "", section.text.strip(), ""]
    if talk.earlier:
        out += [talk.earlier_heading, ""]
        for day, tries in talk.earlier:
            out.append(f"- {day}" + (f": {_inline(tries)}" if tries else ""))
        out.append("")


def _tracked(out: list[str], document: Document) -> None:
    """The templates' own measures: numbers as mood is shown, yes/no as days yes out of
    days answered, choices as counts per option."""
    numbers, yes_no, choices = (
        coach.numbers(document),
        coach.yes_no(document),
        coach.choices(document),
    )
    if not (numbers or yes_no or choices):
        return
    out += ["### Your measures", ""]
    if numbers:
        rows = [
            [
                _cell(t.label),
                _cell(coach.range_text(t)),
                *coach.number_figures(t),
                spark(coach.scaled(t)),
            ]
            for t in numbers
        ]
        out += _table(
            ["Measure", "Range", "Mean", "Change", "Days rated", spark_heading(document)],
            rows,
            right={2, 4},
        )
        out.append("")
    if yes_no:
        rows = [
            [_cell(t.label), coach.share_text(t), _cell(coach.yes_change_text(t))] for t in yes_no
        ]
        out += _table(["Question", "Answered", "Change"], rows, right=set())
        out.append("")
    for t in choices:
        colon = "" if t.label.rstrip().endswith(("?", ":")) else ":"
        out.append(f"- **{_inline(t.label)}{colon}** {_inline(coach.counts_text(t))}")
    if choices:
        out.append("")


def _check_ins(out: list[str], document: Document) -> None:
    """Each questionnaire: the latest score, the change since the first, the bands, and
    every check-in of the period."""
    shown = measures(document)
    if not shown:
        return
    severity = document.shows("severity")
    out += ["### Check-ins", "", f"*{LOWER_IS_BETTER}*", ""]
    for measure in shown:
        out += [f"#### {_inline(measure.label)}", ""]
        out.append(f"- **Latest:** {_inline(latest_text(measure, document))}")
        out.append(f"- **Change:** {_inline(change_since_first_text(measure, document))}")
        bands = bands_text(measure)
        if bands:
            out.append(f"- **Bands:** {_inline(bands)}")
        if not measure.scores:
            out += [f"- *{check_ins_in_period(measure).capitalize()}.*", ""]
            continue
        out.append("")
        head = ["Date", "Score"] + (["Severity"] if severity else [])
        rows = [
            [check_in_day(c.date), number(c.score)]
            + ([_cell(c.severity or "–")] if severity else [])
            for c in measure.scores
        ]
        out += [*_table(head, rows, right={1}), ""]


def _sessions(out: list[str], document: Document) -> None:
    if not document.sessions:
        return
    out += ["## Dosing sessions", ""]
    explained = around_sessions(document)
    if explained:
        out += [f"*{explained}*", ""]
    for session in document.sessions:
        name = "Session"
        if session.number is not None and document.shows("session"):
            name += f" {session.number}"
        out += [f"### {name} — {long_date(session.date)}", ""]
        lines = [f"- **{f.label}:** {_inline(f.text)}" for f in session.facts]
        if document.shows("mood"):
            lines.append(f"- **Mood:** {before_after(session.mood_before, session.mood_after)}")
        if document.shows("intentions"):
            lines.append(
                "- **Intentions:** "
                f"{before_after(session.intentions_before, session.intentions_after)}"
            )
        out += [*lines, ""]


def _entry(out: list[str], entry: Entry) -> None:
    out += [f"### {long_day(entry.date)} — {_inline(entry.heading)}", ""]
    sub = [entry.time or "", entry.template or "", "private" if entry.private else ""]
    sub = [s for s in sub if s]
    if sub:
        out += [f"*{' · '.join(_inline(s) for s in sub)}*", ""]
    if entry.facts:
        for fact in entry.facts:
            out += _fact(fact)
        out.append("")
    if entry.intro.strip():
        out += [entry.intro.strip(), ""]
    for section in entry.sections:
        out += [f"#### {section.heading}", ""]
        text = section.text.strip()
        out += [text, ""] if text else ["*(nothing written)*", ""]


def _fact(fact: Fact) -> list[str]:
    # A template's question is its own label: "Did I rest?" takes no colon after it.
    label = _inline(fact.label) + ("" if fact.label.rstrip().endswith(("?", ":")) else ":")
    if not fact.items:
        return [f"- **{label}** {_inline(fact.text)}"]
    lines = [f"- **{label}**"]
    for item in fact.items:
        line = f"  - {_inline(item.label)}: {item.text}"
        if item.note:
            line += f" — “{_inline(item.note)}”"
        lines.append(line)
    return lines


def _inline(text: str) -> str:
    """The user's words on one line (a value is never allowed to start a new block)."""
    text = str(text)
    # Printable text has no white space but the ASCII space (str.isprintable): with no
    # space doubled or at an end, splitting and joining would give it back unchanged.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


def _cell(text: str) -> str:
    return _inline(text).replace("|", "\\|")


def _table(head: Sequence[str], rows: Sequence[Sequence[str]], *, right: set[int]) -> list[str]:
    """A pipe table whose columns line up in a plain-text viewer too."""
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    widths = [max(w, 3) for w in widths]

    def line(cells: Sequence[str]) -> str:
        padded = [
            c.rjust(w) if i in right else c.ljust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return "| " + " | ".join(padded) + " |"

    rule = [("-" * (w - 1) + ":") if i in right else "-" * w for i, w in enumerate(widths)]
    return [line(head), "| " + " | ".join(rule) + " |", *(line(r) for r in rows)]
