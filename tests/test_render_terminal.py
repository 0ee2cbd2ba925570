"""The terminal view (render/): locale-free dates, one number formatting, names never cut
at 60, 80 and 120 columns, headings that wrap between phrases, and colour that carries the
direction of a change only when colour is wanted."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import Result

from kapdiary.render import format as fmt

Run = Callable[..., Result]
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
LONG_NAME = "Be gentle with the whole tired body, evenings included"
IDS = ("present-with-my-kids", "be-gentle-with-the-whole-tired-body-even")  # 40 at most
ESCAPE = re.compile(r"\x1b\[[0-9;]*m")
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))


@given(days)
def test_dates_are_written_the_same_in_every_locale(day: date) -> None:
    month = MONTHS[day.month - 1]
    assert fmt.day_month(day) == f"{day.day} {month}"
    assert fmt.day_month_year(day) == f"{day.day} {month} {day.year}"
    weekday = WEEKDAYS[day.weekday()]
    assert fmt.weekday_day_month(day) == f"{weekday} {day.day} {month}"
    assert fmt.weekday_day_month_year(day) == f"{weekday} {day.day} {month} {day.year}"
    assert fmt.month_name(day).startswith(month)


@given(days, days)
def test_a_span_names_both_ends_or_one_day(first: date, last: date) -> None:
    text = fmt.span(first, last)
    assert str(last.year) in text
    if first == last:
        assert text == fmt.long_date(first)
    else:
        assert f"{first.day}" in text and fmt.month_name(last) in text


@given(st.floats(min_value=-1e6, max_value=1e6, allow_nan=False) | st.integers(-(10**6), 10**6))
def test_one_number_formatting(value: float) -> None:
    shown = fmt.number(value)
    if float(value).is_integer():
        assert shown == str(int(value))
    else:
        assert shown == f"{value:.1f}"
    assert fmt.fixed(value) == f"{value:.1f}"
    assert fmt.change(value).startswith(("+", "-"))


def test_nothing_is_a_dash() -> None:
    assert fmt.number(None) == fmt.fixed(None) == "–"


@pytest.fixture
def rated(run: Run, home: Path) -> Path:
    """A diary with two intentions, one with a long name, rated on a few days."""
    for text in ("Present with my kids", LONG_NAME):
        assert run("intention", "add", text).exit_code == 0
    for number, day in enumerate(("2026-10-20", "2026-11-10", "2026-11-14", "2026-11-20")):
        sets = [f"mood={3 + number}", f"areas.relationships={2 * number}"]
        sets += [f"intentions.{IDS[0]}={number * 3}", f"intentions.{IDS[1]}={9 - number}"]
        args = ["write", "evening", "--date", day, "--text", f"Day {number}."]
        for item in sets:
            args += ["--set", item]
        result = run(*args)
        assert result.exit_code == 0, result.output
    return home


def in_terminal(monkeypatch: pytest.MonkeyPatch, width: int, *, colour: bool = False) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # a terminal, to Rich and to kapdiary
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.setenv("TERM", "xterm-256color")
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.mark.parametrize("width", [60, 80, 120])
def test_progress_never_cuts_a_name_and_keeps_figures_whole(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    in_terminal(monkeypatch, width)
    result = run("progress", "--until", "2026-11-21")
    assert result.exit_code == 0, result.output
    out = ESCAPE.sub("", result.stdout)
    assert "…" not in out
    too_long = [line for line in out.splitlines() if len(line) > width]
    assert not too_long
    for name in ("Present with my kids", LONG_NAME, "relationships"):
        # A name may wrap at its words (beside its figures): each word whole, in order.
        assert re.search(r"\b" + r"\s.*?".join(map(re.escape, name.split())), out, re.S), name
    assert re.search(r"[▁▂▃▄▅▆▇█·]{28}\s+\d+\.\d\s+[▲▼▶] [+-]\d+\.\d", out)  # one line


@pytest.mark.parametrize("width", [80, 100, 120])
def test_progress_headings_wrap_between_phrases(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    in_terminal(monkeypatch, width)
    lines = ESCAPE.sub("", run("progress", "--until", "2026-11-21").stdout).splitlines()
    assert lines[0] == (
        "Progress · 25 Oct – 21 Nov 2026 (28 days), compared with the 28 days before"
    )
    assert lines[1] == "3 entries on 3 days · current streak 1 day (longest 1)"


def test_progress_headings_at_60_columns_break_between_phrases(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_terminal(monkeypatch, 60)
    lines = ESCAPE.sub("", run("progress", "--until", "2026-11-21").stdout).splitlines()
    assert lines[:3] == [
        "Progress · 25 Oct – 21 Nov 2026 (28 days),",
        "compared with the 28 days before",
        "3 entries on 3 days · current streak 1 day (longest 1)",  # 54 columns: one line
    ]


@pytest.mark.parametrize("width", [60, 80, 120])
def test_review_list_keeps_every_intention_id_whole(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    in_terminal(monkeypatch, width)
    result = run("review", "--list", "--since", "2026-11-01", "--no-pager")
    assert result.exit_code == 0, result.output
    lines = ESCAPE.sub("", result.stdout).splitlines()
    assert all(len(line) <= width for line in lines)
    table = lines
    header_end = next(i for i, line in enumerate(table) if line.startswith("date"))
    header = table[: header_end + 1]
    assert not any("…" in line for line in header)
    for key in IDS:  # stacked at its hyphens where narrow: each piece in its column
        for piece in key.replace("-", "- ").split():
            assert any(piece in line for line in header), (key, piece, header)
    rows = table[header_end + 1 :]
    assert len(rows) == 3
    assert [row.split()[0][-5:] for row in rows] == ["11-10", "11-14", "11-20"]
    assert [row.split()[3:5] for row in rows] == [["3", "8"], ["6", "7"], ["9", "6"]]


def test_review_heading_wraps_between_its_parts(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_terminal(monkeypatch, 60)
    out = ESCAPE.sub("", run("review", "--list", "--since", "2026-11-01").stdout)
    heading = out.split("\ndate")[0].splitlines()
    heading = [line for line in heading if " · " in line or line.strip()][:3]
    parts = " · ".join(heading).split(" · ")
    assert parts[0] == "3 entries" and "mood 5" in parts  # label and value together
    assert all(not line.endswith(" ·") and not line.startswith("·") for line in heading)


def test_changes_are_coloured_by_direction_only_when_colour_is_wanted(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_terminal(monkeypatch, 100, colour=True)
    coloured = run("progress", "--until", "2026-11-21").stdout
    assert re.search(r"\x1b\[32m▲ \+", coloured)  # up: green
    assert re.search(r"\x1b\[33m▼ -", coloured)  # down: yellow
    monkeypatch.setenv("NO_COLOR", "1")
    plain = run("progress", "--until", "2026-11-21").stdout
    assert "▲ +" in plain and "▼ -" in plain
    assert not re.search(r"\x1b\[3[0-9]m", plain)


def test_intention_list_never_cuts_an_id(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    in_terminal(monkeypatch, 60)
    out = ESCAPE.sub("", run("intention", "list").stdout)
    assert "…" not in out
    for key in IDS[:1]:
        assert key in out


@pytest.mark.parametrize("width", [60, 80])
def test_an_entry_heading_is_never_cut(
    run: Run, rated: Path, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    in_terminal(monkeypatch, width)
    monkeypatch.setenv("FORCE_TERMINAL", "1")
    out = ESCAPE.sub("", run("review", "--on", "2026-11-20", "--no-pager").stdout)
    heading = out.split("entries/2026/11/")[0]
    assert "…" not in heading
    assert re.search(r"Friday 20 November 2026 ·\s+21:\d\d ·\s+evening", heading), heading
