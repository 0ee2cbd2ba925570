"""The export's pictures, checked by their structure: what a chart draws is what was rated.

The diary (KAPDIARY_NOW is Saturday 21 November 2026, the period 25 October – 21 November)
rates "Be present with my kids" on two runs of days with a gap between them and on a day
alone, has a private entry whose ratings must not be drawn, an intention never rated, life
areas rated in one period and not the other, and a dosing session on 10 November. Each
test exports HTML with the real CLI and reads the SVG and the grids back.
"""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from test_export import KIDS, exported, put

SINCE = date(2026, 10, 25)
DAYS = 28
SVG = "{http://www.w3.org/2000/svg}"
# The daily chart's geometry (export/charts.py): x = 30 + 598 · day / (days - 1).
LEFT, PLOT_W = 30, 598


@pytest.fixture
def page(run, initialised, tmp_path, monkeypatch) -> str:
    home = initialised
    result = run("intention", "add", "Sleep before midnight")
    assert result.exit_code == 0, result.output
    for day, kids in (
        ("2026-11-01", 6),
        ("2026-11-02", 7),
        ("2026-11-03", 5),
        ("2026-11-06", 8),  # alone: a dot, never joined to the runs around it
        ("2026-11-14", 4),
        ("2026-11-15", 6),
    ):
        put(
            home,
            day,
            {"What came up for me today?": f"Words of {day}."},
            mood=5,
            intentions={KIDS: kids},
            areas={"body": 4, "nature": 7},
        )
    put(home, "2026-11-08", {"Today": "No ratings, just words."})
    put(
        home,
        "2026-11-07",  # private, and it would bridge nothing: its rating must not be drawn
        {"Today": "SECRET-ENTRY"},
        mood=1,
        intentions={KIDS: 1},
        private=True,
    )
    put(
        home,
        "2026-11-10",
        {"What did I notice in my body?": "Heavy, then light."},
        template="session",
        session=2,
    )
    for day in ("2026-10-10", "2026-10-12"):  # the period before
        put(home, day, {"Today": "Before."}, intentions={KIDS: 3}, areas={"body": 2, "mind": 5})
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    _, path = exported(run, "-f", "html")
    return path.read_text(encoding="utf-8")


def series_block(page: str, name: str) -> str:
    start = page.index(f">{name}</h4>")
    return page[start : page.index("</div>", start)]


def svg_of(block: str) -> ET.Element:
    return ET.fromstring(block[block.index("<svg") : block.index("</svg>") + 6])


def day_of(x: float, days: int = DAYS) -> int:
    day = (x - LEFT) * (days - 1) / PLOT_W
    assert abs(day - round(day)) < 0.01, x
    return round(day)


def drawn(svg: ET.Element, days: int = DAYS) -> tuple[list[list[int]], set[int]]:
    """The days each line joins, and the days with a dot."""
    lines = [
        [day_of(float(p.split(",")[0]), days) for p in line.get("points", "").split()]
        for line in svg.iter(f"{SVG}polyline")
    ]
    dots = {day_of(float(c.get("cx", "0")), days) for c in svg.iter(f"{SVG}circle")}
    return lines, dots


def index(day: str) -> int:
    return (date.fromisoformat(day) - SINCE).days


def test_a_line_never_crosses_a_day_without_a_rating(page: str) -> None:
    lines, dots = drawn(svg_of(series_block(page, "Be present with my kids")))

    assert lines == [
        [index("2026-11-01"), index("2026-11-02"), index("2026-11-03")],
        [index("2026-11-14"), index("2026-11-15")],
    ]
    rated = {index(d) for d in ("2026-11-01", "2026-11-02", "2026-11-03", "2026-11-06")}
    rated |= {index("2026-11-14"), index("2026-11-15")}
    assert dots == rated  # the lone 6 November too; the private 7 November not at all


def test_an_intention_never_rated_gets_a_sentence_not_an_empty_chart(page: str) -> None:
    block = series_block(page, "Sleep before midnight")

    assert "<svg" not in block
    assert "Not rated in these 28 days, nor in the 28 before." in block
    kind = series_block(page, "Self-compassion")
    assert "<svg" not in kind and "Not rated in these 28 days" in kind
    assert "SECRET-ENTRY" not in page


def test_the_writing_calendar_is_a_month_grid_of_the_files_entries(page: str) -> None:
    months = re.findall(r'<table class="month".*?</table>', page)
    assert [re.search(r"<caption>(.*?)</caption>", m)[1] for m in months] == [  # type: ignore[index]
        "October 2026",
        "November 2026",
    ]
    october, november = months
    rows = re.findall(r"<tr>(.*?)</tr>", november)[1:]  # after the weekday names
    cells = [re.findall(r'<td class="([^"]*)"', row) for row in rows]
    assert all(len(row) == 7 for row in cells)
    assert cells[0] == ["pad"] * 6 + ["day written"]  # 1 November 2026 is a Sunday
    assert cells[-1] == ["day outside"] + ["pad"] * 6  # Monday 30 November
    by_day = {
        int(n): kind for kind, n in re.findall(r'<td class="day ([^"]*)"[^>]*>(\d+)<', november)
    }
    assert len(by_day) == 30
    for day in (1, 2, 3, 6, 8, 14, 15):
        assert by_day[day] == "written", day
    assert by_day[7] == "blank"  # the private entry's day shows nothing written
    assert by_day[10] == "written session"
    assert by_day[4] == "blank" and by_day[21] == "blank"
    assert all(by_day[d] == "outside" for d in range(22, 31))
    october_days = {
        int(n): kind for kind, n in re.findall(r'<td class="day ([^"]*)"[^>]*>(\d+)<', october)
    }
    assert all(october_days[d] == "outside" for d in range(1, 25))  # 10 and 12 Oct too
    assert all(october_days[d] == "blank" for d in range(25, 32))


def test_life_areas_are_bars_against_the_period_before(page: str) -> None:
    part = page[page.index("<h3>Life areas</h3>") :]
    part = part[: part.index('<p class="legend">')]
    body = part[part.index("Body ") : part.index("Mind ")]
    assert "4.0 on 6 days rated · before 2.0 · ▲ +2.0" in body
    assert 'class="bar now" style="width: 40.0%"' in body
    assert 'class="bar before" style="width: 20.0%"' in body
    mind = part[part.index("Mind ") : part.index("Nature ")]
    assert "not rated in this period · before 5.0" in mind
    assert 'class="bar now"' not in mind  # no bar at 0 for a missing rating
    assert '<div class="track now none"></div>' in mind
    nature = part[part.index("Nature ") :]
    assert "7.0 on 6 days rated · not rated before" in nature
    assert 'class="bar before"' not in nature


# --- the drawing itself, for any ratings ---------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.floats(min_value=0, max_value=10, allow_nan=False)),
        min_size=2,
        max_size=400,
    )
)
def test_any_ratings_are_drawn_as_they_are_and_no_gap_is_bridged(
    values: list[float | None],
) -> None:
    from kapdiary.export.charts import chart

    days = [SINCE + timedelta(days=i) for i in range(len(values))]
    svg = ET.fromstring(chart(values, days, [days[-1]], kind="mood", label="Mood"))

    lines, dots = drawn(svg, len(values))
    rated = {i for i, v in enumerate(values) if v is not None}
    for line in lines:
        assert len(line) >= 2
        assert all(b - a == 1 for a, b in itertools.pairwise(line)), line
        assert set(line) <= rated
    on_lines = {day for line in lines for day in line}
    assert dots <= rated
    assert rated <= on_lines | dots  # no rating silently left out of the picture
    alone = {i for i in rated if i - 1 not in rated and i + 1 not in rated}
    assert alone <= dots  # a rating between two gaps is always a dot


@pytest.mark.parametrize(
    ("days", "joined"),
    [
        (("2026-11-06", "2026-11-20"), True),  # two weeks apart: the second reaches back
        (("2026-10-26", "2026-11-20"), False),  # 25 days: a gap no score speaks for
    ],
)
def test_check_ins_are_joined_only_when_their_two_weeks_meet(
    days: tuple[str, str], joined: bool
) -> None:
    from kapdiary.export.charts import measure_chart
    from kapdiary.progress import CheckIn, Measure

    scores = [CheckIn(date.fromisoformat(d), s, None) for d, s in zip(days, (9, 4), strict=True)]
    measure = Measure("phq9", "PHQ-9", [(0, "minimal"), (5, "mild")], 27, scores, None, None, None)
    period = [SINCE + timedelta(days=i) for i in range(DAYS)]

    svg = ET.fromstring(measure_chart(measure, period, [], label="PHQ-9", gutter=60))

    assert len(list(svg.iter(f"{SVG}circle"))) == 2
    assert len(list(svg.iter(f"{SVG}polyline"))) == (1 if joined else 0)


@given(st.lists(st.integers(0, 60), unique=True).map(sorted), st.integers(1, 20))
def test_runs_split_exactly_at_the_gaps(days: list[int], step: int) -> None:
    from kapdiary.export.charts import runs

    found = runs(days, step=step)

    assert [p for run in found for p in run] == list(range(len(days)))
    for run in found:
        assert all(days[b] - days[a] <= step for a, b in itertools.pairwise(run))
    for before, after in itertools.pairwise(found):
        assert days[after[0]] - days[before[-1]] > step
