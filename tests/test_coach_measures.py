"""Issue 16: every measure a coach's template defines is tracked, with the same figures as
mood, in `progress` (terminal, --json, --field), every export format and the HTML charts.

The figures below are worked out by hand from the entries of the ``coach`` fixture.
Period: 25 Oct – 21 Nov 2026 (28 days); the one before: 27 Sep – 24 Oct.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import one_error_line, put
from helpers import COACH_FIELDS
from kapdiary import progress
from kapdiary.entry import parse

COACH = (
    """\
---
title: Coach check-in — {long_date}
description: My coach's daily questions.
fields:
"""
    + COACH_FIELDS
    + """\
  - key: helped
    type: multi
    options: [walk, friends, music]
    prompt: What helped?
---

## Anything else?
"""
)


def entry(home: Path, day: str, name: str | None = None, **meta: object) -> Path:
    return put(home, day, name=name, template="coach", **meta)


@pytest.fixture
def coach(initialised: Path) -> Path:
    home = initialised
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / "coach.md").write_text(COACH, encoding="utf-8")
    # The period.
    entry(home, "2026-11-01", groundedness=2, sleep_hours=6, took_meds=True, energy="low",
          helped=["walk"])  # fmt: skip
    entry(home, "2026-11-02", groundedness=4, sleep_hours=8, took_meds=False, energy="steady",
          helped=["walk", "music"])  # fmt: skip
    # A second entry the same day: groundedness (4 + 5) / 2; a yes that day makes it a yes day.
    entry(home, "2026-11-02", "2026-11-02-coach-2.md", groundedness=5, took_meds=True)
    entry(home, "2026-11-03", groundedness=3, sleep_hours=7.5, energy="Steady")
    # Out of the scale's range: left out, and counted as left out.
    entry(home, "2026-11-04", groundedness=9, took_meds=False)
    # The period before.
    entry(home, "2026-10-10", groundedness=1, sleep_hours=5, took_meds=False, energy="low")
    entry(home, "2026-10-11", groundedness=2, took_meds=True, energy="high")
    return home


def by_id(data: dict, key: str) -> dict:
    return next(f for f in data["fields"] if f["id"] == key)


def check_figures(data: dict) -> None:
    """The hand-computed figures, wherever they appear (progress --json, export JSON)."""
    grounded = by_id(data, "groundedness")
    assert grounded["label"] == "Groundedness"
    assert (grounded["type"], grounded["min"], grounded["max"]) == ("scale", 1, 5)
    assert grounded["days_rated"] == 3
    assert grounded["mean"] == 3.17  # (2 + 4.5 + 3) / 3
    assert grounded["previous_mean"] == 1.5  # (1 + 2) / 2
    assert grounded["change"] == 1.67
    assert grounded["trend"] == "up"
    assert grounded["left_out"] == 1  # the 9 on 4 November
    assert grounded["daily"][7:10] == [2.0, 4.5, 3.0]  # 1, 2, 3 November
    assert len(grounded["daily"]) == 28

    sleep = by_id(data, "sleep_hours")
    assert sleep["label"] == "How many hours did I sleep?"
    assert sleep["unit"] == "hours"
    assert (sleep["days_rated"], sleep["mean"], sleep["change"]) == (3, 7.17, 2.17)

    meds = by_id(data, "took_meds")
    assert (meds["days_yes"], meds["days_rated"]) == (2, 3)  # 1 and 2 Nov of 1, 2, 4 Nov
    assert meds["mean"] == 0.67
    assert (meds["previous_days_yes"], meds["previous_days_answered"]) == (1, 2)
    assert meds["change"] == 0.17  # 2/3 − 1/2

    energy = by_id(data, "energy")
    assert energy["counts"] == {"low": 1, "steady": 2, "high": 0}  # "Steady" is steady
    assert energy["previous_counts"] == {"low": 1, "steady": 0, "high": 1}
    assert (energy["answered"], energy["previous_answered"]) == (3, 2)

    helped = by_id(data, "helped")
    assert helped["counts"] == {"walk": 2, "friends": 0, "music": 1}


def test_a_coachs_measures_have_the_figures_of_mood_in_progress_json(coach: Path, run) -> None:
    result = run("progress", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    check_figures(data)
    assert [f["id"] for f in data["fields"]] == [
        "energy",
        "groundedness",
        "helped",
        "sleep_hours",
        "took_meds",
    ]
    # The built-in fields keep their own sections, a session's dose among them.
    assert "mood" not in {f["key"] for f in data["fields"]}
    put(coach, "2026-11-06", template="session", session=1, dose_mg=40, route="IM injection")
    data = json.loads(run("progress", "--json").stdout)
    assert not {"dose_mg", "route"} & {f["key"] for f in data["fields"]}


def test_progress_shows_each_measure_by_its_templates_words(coach: Path, run) -> None:
    result = run("progress")
    assert result.exit_code == 0, result.output
    text = result.stdout
    section = text[text.index("Your measures") :]
    assert "Groundedness (groundedness, 1–5)" in section
    assert "mean 3.2  ▲ +1.7  3 days" in section
    assert "How many hours did I sleep? (sleep_hours, 0–24 hours)" in section
    assert "yes on 2 of 3 days  ▲ +17 points (was yes on 1 of 2 days)" in section
    assert "low 1 · steady 2 · high 0" in section
    assert "walk 2 · friends 0 · music 1" in section
    assert "1 answer in this period outside 1–5 left out" in section


def test_progress_field_shows_one_measure_in_depth(coach: Path, run) -> None:
    result = run("progress", "--field", "sleep_hours")
    assert result.exit_code == 0, result.output
    assert "How many hours did I sleep? (sleep_hours, number)" in result.stdout
    assert "Sun 1 Nov  6 hours" in result.stdout
    assert "Tue 3 Nov  7.5 hours" in result.stdout
    as_data = json.loads(run("progress", "--field", "took_meds", "--json").stdout)
    assert (as_data["id"], as_data["days_yes"], as_data["days_rated"]) == ("took_meds", 2, 3)

    unknown = run("progress", "--field", "sleep")
    assert unknown.exit_code == 2
    line = one_error_line(unknown)
    assert "--field 'sleep'" in line and "sleep_hours" in line and "template show" in line
    both = run("progress", "--field", "energy", "--intention", "be-present-with-my-kids")
    assert both.exit_code == 2


def test_one_key_in_two_templates_is_one_series_or_two_by_its_range(
    coach: Path, run: Callable[..., Result]
) -> None:
    templates = coach / "templates"
    same = COACH.replace("title: Coach check-in", "title: Weekend check-in")
    (templates / "weekend.md").write_text(same, encoding="utf-8")
    put(coach, "2026-11-07", template="weekend", groundedness=1)
    data = json.loads(run("progress", "--json").stdout)
    grounded = by_id(data, "groundedness")
    assert grounded["templates"] == ["coach", "weekend"]
    assert grounded["days_rated"] == 4
    assert grounded["mean"] == 2.62  # (2 + 4.5 + 3 + 1) / 4 = 2.625

    other = COACH.replace("min: 1\n    max: 5", "min: 0\n    max: 10")
    (templates / "weekend.md").write_text(other, encoding="utf-8")
    data = json.loads(run("progress", "--json").stdout)
    ids = [f["id"] for f in data["fields"] if f["key"] == "groundedness"]
    assert ids == ["groundedness@0-10", "groundedness@1-5"]
    assert by_id(data, "groundedness@0-10")["mean"] == 1
    assert by_id(data, "groundedness@1-5")["mean"] == 3.17
    ambiguous = run("progress", "--field", "groundedness")
    assert ambiguous.exit_code == 2
    assert "groundedness@0-10, groundedness@1-5" in one_error_line(ambiguous)

    checked = run("template", "check", str(templates / "weekend.md"))
    assert checked.exit_code == 0  # a warning, not a problem
    assert "no problems found" in checked.stdout
    assert re.search(
        r"weekend\.md:\d+: warning: `groundedness` is scale 0–10 here but scale 1–5 in the "
        r"template 'coach': progress will show two series",
        checked.stderr,
    )


def test_a_deleted_template_keeps_its_numbers_and_yes_no_by_key(coach: Path, run) -> None:
    (coach / "templates" / "coach.md").unlink()
    data = json.loads(run("progress", "--json").stdout)
    grounded = by_id(data, "groundedness")
    # Without the template its range is unknown: the 9 counts too.
    assert (grounded["type"], grounded["days_rated"], grounded["mean"]) == ("number", 4, 4.62)
    assert "energy" not in {f["id"] for f in data["fields"]}  # words may be a text answer


def test_every_export_format_has_the_measures(coach: Path, run) -> None:
    # A private entry is in no figure of the export.
    entry(coach, "2026-11-05", groundedness=1, took_meds=False, energy="high", private=True)
    exported = run("export", "--yes", "-f", "json", "-o", str(coach.parent / "out.json"))
    assert exported.exit_code == 0, exported.output
    # The preview names what goes out before it is written.
    assert (
        "your measures (What was my energy like?, Groundedness, What helped?, "
        "How many hours did I sleep?, Did I take my medication?)"
    ) in exported.stdout
    data = json.loads((coach.parent / "out.json").read_text(encoding="utf-8"))
    check_figures(data["summary"])

    assert run("export", "--yes", "-o", str(coach.parent / "out.md")).exit_code == 0
    md = (coach.parent / "out.md").read_text(encoding="utf-8")
    measures = md[md.index("### Your measures") : md.index("## Entries")]
    assert re.search(r"\| Groundedness +\| 1–5 +\| +3\.2 \| ▲ \+1\.7 +\| +3 \|", measures)
    assert "| Did I take my medication? | yes on 2 of 3 days | +17 points" in measures
    assert "- **What was my energy like?** low 1 · steady 2 · high 0 (before:" in measures
    entries = md[md.index("## Entries") :]
    assert "- **How many hours did I sleep?** 6 hours" in entries
    assert "sleep_hours" not in md and "took_meds" not in md  # never a raw key

    assert run("export", "--yes", "-o", str(coach.parent / "out.html")).exit_code == 0
    html = (coach.parent / "out.html").read_text(encoding="utf-8")
    part = html[html.index("<h3>Your measures</h3>") : html.index('id="entries"')]
    assert part.count('<svg class="chart field') == 2  # groundedness and sleep
    # Each chart's axis in the measure's own range: 1–3–5, and 0–12–24 hours.
    assert re.findall(r'text-anchor="end">(\d+)</text>', part) == ["1", "3", "5", "0", "12", "24"]
    assert "1–5 · mean 3.2 · change ▲ +1.7 · 3 days rated" in part
    assert "yes on 2 of 3 days" in part
    assert "low 1 · steady 2 · high 0" in part


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_without_a_measure_leaves_it_out_of_every_format_and_figure(
    coach: Path, run, fmt: str
) -> None:
    out = coach.parent / f"out.{fmt}"
    result = run("export", "--yes", "-f", fmt, "-o", str(out), "--without", "took_meds,energy")
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    for hidden in ("took_meds", "Did I take my medication?", "energy", "What was my energy"):
        assert hidden not in text
    assert "Groundedness" in text
    if fmt == "json":
        ids = {f["id"] for f in json.loads(text)["summary"]["fields"]}
        assert ids == {"groundedness", "helped", "sleep_hours"}


def test_the_index_and_the_definitions_agree_on_the_answers(coach: Path) -> None:
    from kapdiary.index import open_index
    from kapdiary.locations import resolve_home
    from kapdiary.query import Filters

    until = date(2026, 11, 21)
    home = resolve_home(coach, None)
    with open_index(home) as index:
        from_index = index.history(Filters(until=until))
    parsed = [
        parse(p.read_text(encoding="utf-8"), p) for p in sorted((coach / "entries").rglob("*.md"))
    ]
    by_definition = progress.gather(parsed, until)
    assert from_index.answers == by_definition.answers
    assert from_index.answers["yesno", "coach", "took_meds"][0] == (
        date(2026, 10, 10).toordinal(),
        0,
    )


answers = st.one_of(
    st.integers(-5, 30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=250),
    st.lists(st.text(max_size=20), max_size=60),
    st.none(),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=3),
)


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(meta=st.dictionaries(st.text(min_size=1, max_size=12), answers, max_size=8))
def test_facts_read_any_front_matter_without_failing(meta: dict) -> None:
    found = progress.facts(meta, "coach")
    for kind, key, value, text in found:
        if kind in ("number", "yesno"):
            assert value is not None and value == value  # never NaN
            assert abs(value) != float("inf")
        if kind == "option":
            assert text and len(text) <= progress.OPTION_LENGTH
        if kind in progress.FIELD_KINDS:
            assert key not in progress.BUILT_IN_KEYS
    day = date(2026, 11, 1).toordinal()
    history = progress.History(
        answers={
            (kind, "coach", key): [(day, text if kind == "option" else value)]
            for kind, key, value, text in found
            if kind in progress.FIELD_KINDS
        }
    )
    period = progress.Period(date(2026, 10, 25), date(2026, 11, 21))
    progress.compute(history, [], period)  # no template known: numbers and yes/no by key


def test_review_shows_each_answer_in_its_templates_words(coach: Path, run) -> None:
    result = run("review", "--since", "2026-11-01", "--until", "2026-11-01")
    assert result.exit_code == 0, result.output
    assert (
        "Groundedness: 2/5 · How many hours did I sleep? 6 hours · "
        "Did I take my medication? yes · What was my energy like? low · What helped? walk"
    ) in result.stdout
    assert "sleep_hours" not in result.stdout


def test_a_questionnaires_answers_are_shown_in_words(initialised: Path, run) -> None:
    answers = [("nervous", "2"), ("worrying", "nearly every day")]
    answers += [(k, "0") for k in ("worrying_too_much", "relaxing", "restless", "irritable")]
    answers += [("afraid", "1")]
    args = [a for key, value in answers for a in ("--set", f"gad7.{key}={value}")]
    assert run("write", "gad7", *args, "--text", "ok").exit_code == 0
    shown = run("show", "today").stdout
    assert "Feeling nervous, anxious, or on edge: more than half the days (2)" in shown
    assert "Not being able to stop or control worrying: nearly every day (3)" in shown
    out = initialised.parent / "out.md"
    assert run("export", "--yes", "-o", str(out)).exit_code == 0
    md = out.read_text(encoding="utf-8")
    assert "- **GAD-7:** Feeling nervous, anxious, or on edge: more than half the days (2);" in md
    assert "Gad7" not in md and "nervous: 2" not in md
