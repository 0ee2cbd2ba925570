"""Dates at the edges (DESIGN §7): one parser for every date and span option, years
1900–2100, writing after today only with --future, and no date anyone types, nor one edited
into an entry by hand, can crash a command.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import entry_files, one_error_line, put
from kapdiary.dates import (
    EARLIEST,
    LATEST,
    parse_day,
    parse_since,
    parse_until,
    period,
    span_start,
)
from kapdiary.errors import KapdiaryError, UsageError

Run = Callable[..., Result]
TODAY = date(2026, 11, 21)  # a Saturday, as conftest's NOW

# Every date or span a command takes, as (arguments before the value, the option).
# `grep -rn '"--date"\|"--since"\|"--until"\|"--period"\|"--on"' src/kapdiary/cli` finds them.
DATE_OPTIONS = [
    ("write --set mood=5 --text x", "--date"),
    ("review", "--since"),
    ("review", "--until"),
    ("review", "--on"),
    ("search word", "--since"),
    ("search word", "--until"),
    ("search word", "--on"),
    ("progress", "--since"),
    ("progress", "--until"),
    ("progress", "--period"),
    ("export --yes --force", "--since"),
    ("export --yes --force", "--until"),
    ("intention retire be-present-with-my-kids", "--on"),
    ("show", ""),  # DATE|PATH arguments
    ("edit", ""),
]
HOSTILE = [
    "0001-01-01",
    "9999-12-31",
    "1899-12-31",
    "2101-01-01",
    "99999y",
    "99999999999999999999d",
    "99999999999999999999 days ago",
    "-3d",
    "0d",
    "2026-02-30",
    "20261301",
    "99999999999999999999",
    "",
    "   ",
    "٢٠٢٦-١١-٢١",  # Arabic-Indic digits
    "２０２６-１１-２１",  # fullwidth digits
    "３d",
    "30 Feb",
    "31 Nov 2025",
    "30 Nov 1066",
    "2026-11-21\x00",
    "9" * 5000,
    "last blue moon",
]


@pytest.fixture(autouse=True)
def in_a_temporary_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Exports land in the current folder: never the checkout's."""
    monkeypatch.chdir(tmp_path)


def command(args: str, option: str, value: str) -> list[str]:
    words = args.split()
    return [*words, option, value] if option else [*words, "--", value]


def never_crashed(result: Result) -> None:
    text = result.output + (result.stderr or "")
    assert "unexpected problem" not in text, text
    assert "Traceback" not in text, text


def ran_to_an_end(result: Result) -> None:
    """No crash, and done (0) or done with problems named (1)."""
    never_crashed(result)
    assert result.exit_code in (0, 1), result.output


@pytest.mark.parametrize(("args", "option"), DATE_OPTIONS)
@pytest.mark.parametrize("value", HOSTILE)
def test_every_date_option_refuses_hostile_values_with_one_line(
    run: Run, initialised: Path, args: str, option: str, value: str
) -> None:
    result = run(*command(args, option, value))

    never_crashed(result)
    assert result.exit_code == 2, (value, result.output)
    one_error_line(result)
    assert entry_files(initialised) == []


WORDS_FOR_A_DAY = [
    "2026-11-20", "today", "yesterday", "friday", "last friday", "3 days ago", "30 Oct", "2w",
]  # fmt: skip


@pytest.mark.parametrize(
    ("args", "option", "value"),
    [
        (args, option, value)
        for args, option in DATE_OPTIONS
        for value in WORDS_FOR_A_DAY
        if option != "--period" or value == "2w"  # a period is a length only
    ],
)
def test_every_date_option_takes_the_same_words(
    run: Run, initialised: Path, args: str, option: str, value: str
) -> None:
    result = run(*command(args, option, value))

    never_crashed(result)
    # 1: a valid day with nothing written (show, edit, export) is a failure, not bad usage.
    assert result.exit_code in (0, 1), (value, result.output)


def test_tomorrow_is_refused_for_writing_and_says_how_to_write_ahead(
    run: Run, initialised: Path
) -> None:
    result = run("write", "--set", "mood=5", "--text", "Plans.", "--date", "tomorrow")

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "2026-11-22 is after today" in line and "--future" in line
    assert entry_files(initialised) == []


def test_future_lets_a_day_ahead_be_written_but_not_beyond_2100(
    run: Run, initialised: Path
) -> None:
    ahead = run("write", "--set", "mood=5", "--text", "Plans.", "--date", "2030-01-01", "--future")
    beyond = run("write", "--set", "mood=5", "--text", "x", "--date", "9999-12-31", "--future")

    assert ahead.exit_code == 0, ahead.output
    assert [p.name for p in entry_files(initialised)] == ["2030-01-01-evening.md"]
    assert beyond.exit_code == 2
    assert "outside the years 1900–2100" in one_error_line(beyond)


@pytest.mark.parametrize("value", ["99999999999999999999", str(2**63), str(10**300)])
def test_a_huge_last_or_limit_means_every_entry(run: Run, initialised: Path, value: str) -> None:
    put(initialised, "2026-11-20")
    put(initialised, "2020-01-01")

    review = run("review", "--last", value, "--json")
    search = run("search", "quiet", "--limit", value, "--json")

    for result in (review, search):
        never_crashed(result)
        assert result.exit_code == 0, result.output
    assert len(json.loads(review.stdout)["entries"]) == 2
    assert json.loads(search.stdout)["shown"] == 2


@pytest.mark.parametrize("value", ["0", "-1", "-99999999999999999999"])
def test_last_and_limit_below_one_are_refused(run: Run, initialised: Path, value: str) -> None:
    for args in (["review", "--last", value], ["search", "quiet", "--limit", value]):
        result = run(*args)
        assert result.exit_code == 2
        assert "1 or more" in one_error_line(result)


def test_until_takes_a_span_in_progress_as_in_review_and_export(
    run: Run, initialised: Path
) -> None:
    put(initialised, "2026-11-07", mood=4)

    progress = run("progress", "--until", "2w", "--json")
    review = run("review", "--until", "2w", "--since", "3w", "--json")

    assert progress.exit_code == 0, progress.output
    assert json.loads(progress.stdout)["period"]["until"] == "2026-11-07"
    assert review.exit_code == 0, review.output
    assert [e["date"] for e in json.loads(review.stdout)["entries"]] == ["2026-11-07"]


@pytest.mark.parametrize(
    "argv",
    [
        ["progress", "--period", "99999y"],
        ["progress", "--period", "200y"],
        ["review", "--since", "9999y"],
        ["progress", "--since", "0001-01-01"],
        ["export", "--since", "99999999999w", "--yes"],
        ["progress", "--until", "1900-01-01", "--period", "2d"],
    ],
)
def test_spans_reaching_before_1900_are_refused(
    run: Run, initialised: Path, argv: list[str]
) -> None:
    result = run(*argv)

    never_crashed(result)
    assert result.exit_code == 2
    assert "1900" in one_error_line(result)


def test_the_longest_periods_allowed_work(run: Run, initialised: Path) -> None:
    put(initialised, "1900-01-01", mood=3)
    put(initialised, "2026-11-20", mood=7)

    for argv in (
        ["progress", "--since", "1900-01-01", "--until", "2100-12-31", "--json"],
        ["progress", "--period", "126y", "--json"],
        ["review", "--since", "1900-01-01", "--until", "2100-12-31", "--json"],
        ["export", "--since", "1900-01-01", "--until", "2100-12-31", "--yes", "--format", "json"],
    ):
        result = run(*argv)
        never_crashed(result)
        assert result.exit_code == 0, (argv, result.output)


# --- entries whose date was edited by hand to an absurd year ------------------------------------


@pytest.fixture
def absurd(initialised: Path) -> Path:
    """Entries in year 1 and 9999 beside an ordinary one, as a hand edit leaves them."""
    put(initialised, "2026-11-20", "An ordinary day.", mood=6)
    put(initialised, "0001-01-01", "Year one.", template="session", mood=2, session=1)
    put(initialised, "9999-12-31", "The last day.", mood=9, intentions={"self-compassion": 9})
    return initialised


@pytest.mark.parametrize(
    "argv",
    [
        ["review", "--all"],
        ["review", "--all", "--list"],
        ["review", "--all", "--json"],
        ["review", "--last", "5"],
        ["search", "day"],
        ["search", "year"],
        ["progress"],
        ["progress", "--json"],
        ["progress", "--since", "1900-01-01"],
        ["progress", "--intention", "self-compassion"],
        ["export", "--yes", "--since", "1900-01-01"],
        ["export", "--yes", "--since", "1900-01-01", "--format", "html"],
        ["export", "--yes", "--since", "1900-01-01", "--format", "json"],
        ["sessions"],
        ["revisit"],
        ["revisit", "--random"],
        ["reindex"],
    ],
)
def test_an_entry_dated_year_1_or_9999_never_crashes_a_command(
    run: Run, absurd: Path, argv: list[str]
) -> None:
    ran_to_an_end(run(*argv))


# 2300-01-01 in nanoseconds: past what 64 signed bits hold (2262-04-11), as `touch -d
# 2300-01-01` or a sync tool with a broken clock can leave a file on ext4, XFS, Btrfs.
BEYOND_64_BITS_NS = 10_413_792_000_000_000_000


@pytest.fixture
def far_mtimes(initialised: Path) -> Path:
    """An entry and a loose note (no date anywhere: dated by its time) modified in 2300."""
    entry = put(initialised, "2026-11-20", "An evening from the far future.", mood=6)
    note = initialised / "entries" / "2026" / "11" / "note.md"
    note.write_text("A loose note.\n", encoding="utf-8")
    for path in (entry, note):
        try:
            os.utime(path, ns=(BEYOND_64_BITS_NS, BEYOND_64_BITS_NS))
        except (OSError, OverflowError):
            pytest.skip("this file system cannot keep a time after 2262")
        if path.stat().st_mtime_ns != BEYOND_64_BITS_NS:
            pytest.skip("this file system cannot keep a time after 2262")
    return initialised


@pytest.mark.parametrize(
    "argv",
    [
        ["review", "--all", "--json"],
        ["search", "future"],
        ["progress", "--json"],
        ["export", "--yes", "--since", "1900-01-01", "--format", "json"],
        ["doctor"],
        ["reindex"],
    ],
)
def test_a_file_modified_after_2262_never_crashes_a_command(
    run: Run, far_mtimes: Path, argv: list[str]
) -> None:
    ran_to_an_end(run(*argv))


def test_a_file_modified_after_2262_is_listed_and_its_changes_show(
    run: Run, far_mtimes: Path
) -> None:
    def bodies() -> str:
        result = run("review", "--all", "--json")
        assert result.exit_code == 0, result.output
        return " ".join(e["body"] for e in json.loads(result.stdout)["entries"])

    listed = bodies()
    assert "An evening from the far future." in listed and "A loose note." in listed
    entry = far_mtimes / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    text = entry.read_text(encoding="utf-8").replace("far future", "near future")
    entry.write_text(text, encoding="utf-8")  # the same size
    os.utime(entry, ns=(BEYOND_64_BITS_NS, BEYOND_64_BITS_NS))  # and the same time again
    assert "An evening from the near future." in bodies()


def test_review_shows_an_absurd_date_with_a_warning(run: Run, absurd: Path) -> None:
    result = run("review", "--all", "--list")

    assert result.exit_code == 0, result.output
    assert "0001-01-01" in result.stdout and "9999-12-31" in result.stdout
    assert "0001-01-01 is outside the years 1900–2100" in result.stderr
    assert "9999-12-31 is outside the years 1900–2100" in result.stderr


def test_progress_leaves_an_absurd_date_out_and_names_it(run: Run, absurd: Path) -> None:
    result = run("progress", "--since", "1900-01-01", "--json")

    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["mood"]["mean"] == 6  # only the ordinary day counts
    assert any("0001-01-01-session.md" in flag["path"] for flag in figures["flags"])


def test_doctor_names_an_absurd_date_and_the_fix(run: Run, absurd: Path) -> None:
    result = run("doctor")

    assert result.exit_code == 1
    for name in ("0001-01-01-session.md", "9999-12-31-evening.md"):
        assert name in result.stdout
    assert "outside the years 1900–2100" in result.stdout
    assert "correct the year" in result.stdout


def test_a_session_dated_year_1_does_not_count_in_the_course(run: Run, absurd: Path) -> None:
    listed = run("sessions", "--json")
    written = run("write", "session", "--text", "Quiet.", "--json")

    assert listed.exit_code == 0, listed.output
    assert json.loads(listed.stdout)["sessions"] == []
    assert written.exit_code == 0, written.output
    assert json.loads(written.stdout)["session"] == 1  # the first real one


@pytest.mark.parametrize("now", ["0001-01-01T12:00:00", "9999-12-31T23:59:00"])
def test_a_clock_pinned_outside_1900_2100_is_refused(
    run: Run, initialised: Path, monkeypatch: pytest.MonkeyPatch, now: str
) -> None:
    monkeypatch.setenv("KAPDIARY_NOW", now)

    result = run("progress")

    never_crashed(result)
    assert result.exit_code == 2
    one_error_line(result)


# --- the parser ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("2026-11-21", date(2026, 11, 21)),
        ("20261120", date(2026, 11, 20)),
        ("today", TODAY),
        ("Yesterday", date(2026, 11, 20)),
        ("tomorrow", date(2026, 11, 22)),
        ("saturday", TODAY),  # a weekday: the latest on or before today
        ("sat", TODAY),
        ("last saturday", date(2026, 11, 14)),  # last: before today
        ("friday", date(2026, 11, 20)),
        ("last Friday", date(2026, 11, 20)),
        ("sunday", date(2026, 11, 15)),
        ("3 days ago", date(2026, 11, 18)),
        ("a week ago", date(2026, 11, 14)),
        ("2 months ago", date(2026, 9, 21)),
        ("1 year ago", date(2025, 11, 21)),
        ("30 Nov", date(2025, 11, 30)),  # without a year: the latest on or before today
        ("21 nov", TODAY),
        ("Nov 20", date(2026, 11, 20)),
        ("30 November 2025", date(2025, 11, 30)),
        ("29 Feb", date(2024, 2, 29)),
        ("2w", date(2026, 11, 7)),  # a span as one day: that long ago
        ("3d", date(2026, 11, 18)),
        ("1900-01-01", EARLIEST),
        ("2100-12-31", LATEST),
    ],
)
def test_the_words_a_day_can_be(text: str, day: date) -> None:
    assert parse_day(text, TODAY) == day


def test_a_span_as_a_start_counts_today_in() -> None:
    assert parse_since("3d", TODAY) == date(2026, 11, 19)
    assert parse_since("1w", TODAY) == date(2026, 11, 15)
    assert parse_since("1m", TODAY) == date(2026, 10, 22)
    assert parse_since("2026-11-01", TODAY) == date(2026, 11, 1)
    assert parse_until("1m", TODAY) == date(2026, 10, 21)
    assert span_start("28d", TODAY) == date(2026, 10, 25)
    assert span_start("1m", date(2026, 3, 31)) == date(2026, 3, 1)  # 28 Feb + 1


def test_period_without_words_is_the_last_week() -> None:
    assert period(TODAY) == (date(2026, 11, 15), TODAY)
    assert period(TODAY, default_days=None) == (None, None)
    with pytest.raises(UsageError, match="swap them"):
        period(TODAY, since="yesterday", until="3w")


PARSERS = (parse_day, parse_since, parse_until, span_start)
WORDS = st.sampled_from(
    ["today", "yesterday", "tomorrow", "last", "fri", "monday", "ago", "days", "a", "nov",
     "february", "d", "w", "m", "y", "-", " ", ",", "st", "0", "9", "1900", "2100", "9999"]
)  # fmt: skip
TOKENS = st.lists(st.one_of(WORDS, st.integers(-(10**25), 10**25).map(str)), max_size=6)
TODAYS = st.dates(min_value=EARLIEST, max_value=LATEST)


def _only_usage_errors(parse: Callable[[str, date], date], text: str, today: date) -> None:
    try:
        day = parse(text, today)
    except UsageError as exc:
        assert "\n" not in exc.message
        assert exc.exit_code == 2
        return
    except KapdiaryError as exc:  # pragma: no cover - the failure message says which
        pytest.fail(f"{parse.__name__}({text!r}) raised {exc!r}, not a UsageError")
    assert EARLIEST <= day <= LATEST, (text, day)


@settings(max_examples=300, deadline=None)
@given(text=st.text(max_size=40), today=TODAYS, which=st.sampled_from(PARSERS))
def test_the_parser_never_raises_anything_but_a_usage_error(
    text: str, today: date, which: Callable[[str, date], date]
) -> None:
    _only_usage_errors(which, text, today)


@settings(max_examples=500, deadline=None)
@given(tokens=TOKENS, today=TODAYS, which=st.sampled_from(PARSERS), glue=st.sampled_from(" -"))
@example(tokens=["nov", "0"], today=date(2026, 11, 21), which=parse_day, glue=" ")  # found once
def test_the_parser_survives_words_that_almost_mean_a_date(
    tokens: list[str], today: date, which: Callable[[str, date], date], glue: str
) -> None:
    _only_usage_errors(which, glue.join(tokens), today)


@settings(max_examples=300, deadline=None)
@given(day=TODAYS, today=TODAYS)
def test_an_iso_date_in_range_reads_as_itself(day: date, today: date) -> None:
    assert parse_day(day.isoformat(), today) == day
    assert parse_since(day.isoformat(), today) == day
