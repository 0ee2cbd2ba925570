"""The review header's figures (query.summarise) are progress's figures (issue 19).

summarise works them out itself so `review` and `search` need not import kapdiary.progress;
here it is held to the definition: progress.compute over the entries' own period.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kapdiary import progress, query
from kapdiary.dates import clamp
from kapdiary.index.model import Record
from kapdiary.intentions import Intention


class Row:
    """An indexed entry as summarise reads it: its day, front matter, template, problem."""

    ratings = Record.ratings

    def __init__(self, day: date, meta: dict[Any, Any], problem: str | None) -> None:
        self.date, self.meta, self.problem = day, meta, problem
        self.template, self.path = "evening", None


def defined(rows: list[Row]) -> query.Summary:
    """What the review header showed when it asked kapdiary.progress."""
    dates = [row.date for row in rows]
    if not dates:
        return query.Summary(entries=0, mood=None, intentions={}, first=None, last=None)
    first, last = min(dates), max(dates)
    rated = dict.fromkeys(key for row in rows for key in row.ratings("intentions"))
    period = progress.Period(clamp(first), clamp(last))
    figures = progress.compute(rows, [Intention(k, k, first) for k in rated], period)
    return query.Summary(
        entries=len(rows),
        mood=figures.mood.mean,
        intentions={i.id: i.series.mean for i in figures.intentions if i.series.mean is not None},
        first=first,
        last=last,
    )


numbers = st.one_of(
    st.integers(-3, 13),
    st.floats(-1, 11),
    st.sampled_from([float("nan"), float("inf"), -0.0, 0.1 + 0.2, 9.999999999999998]),
    st.booleans(),
    st.sampled_from(["6", " 7 ", "x", None, 10**30, [3], {"a": 1}]),
)
days = st.one_of(
    st.dates(date(2026, 10, 1), date(2026, 11, 30)),
    st.sampled_from([date(1, 1, 1), date(1899, 12, 31), date(2101, 1, 1), date(9999, 12, 31)]),
)
keys = st.one_of(st.sampled_from(["calm", "kids", "Calm"]), st.integers(0, 2), st.just(True))
metas = st.fixed_dictionaries(
    {},
    optional={
        "mood": numbers,
        "intentions": st.one_of(st.dictionaries(keys, numbers, max_size=4), numbers),
    },
)
rows = st.lists(
    st.builds(Row, days, metas, st.sampled_from([None, None, None, "broken front matter"])),
    max_size=25,
)


@settings(max_examples=400, deadline=None)
@given(rows)
def test_the_header_means_are_progress_means(entries: list[Row]) -> None:
    assert query.summarise(entries) == defined(entries)


def test_the_ranges_are_progress_ranges() -> None:
    assert (query.MOOD, query.RATING) == (progress.MOOD, progress.RATING)


def test_review_and_search_do_not_import_the_figures_module(tmp_path: Any) -> None:
    code = (
        "import sys\n"
        "from kapdiary.query import summarise\n"
        "summarise([])\n"
        "print('kapdiary.progress' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
