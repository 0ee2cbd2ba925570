"""Forgiving answers (issue 18, item 3): a choice, multi or scored answer by its number, its
full text, or an unambiguous word or start of it, in any case; the stored value is the
option's own text. One matcher (kapdiary.choices) for guided writing, --set and the editor.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from conftest import entry_file, one_error_line
from kapdiary.choices import match, normal, words
from kapdiary.entry import parse

ROUTES = ["nasal spray", "lozenge/troche", "IM injection", "IV infusion", "other"]
PHQ = ["not at all", "several days", "more than half the days", "nearly every day"]


def front(path: Path) -> dict:
    return parse(path.read_text(encoding="utf-8"), path).meta


# --- the matcher ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("iv", "IV infusion"),
        ("IV", "IV infusion"),
        ("  Iv   INFUSION ", "IV infusion"),
        ("iv-infusion", "IV infusion"),
        ("lozenge", "lozenge/troche"),
        ("troche", "lozenge/troche"),
        ("TROCH", "lozenge/troche"),
        ("inj", "IM injection"),
        ("4", "IV infusion"),
        ("nasal", "nasal spray"),
        ("o", "other"),
    ],
)
def test_a_route_is_found_by_number_words_or_their_start(typed: str, meant: str) -> None:
    found = match(ROUTES, typed)
    assert found.index is not None and ROUTES[found.index] == meant


@pytest.mark.parametrize(
    ("typed", "could_be"),
    [("i", {"IM injection", "IV infusion"}), ("in", {"IM injection", "IV infusion"})],
)
def test_an_answer_that_fits_two_routes_is_ambiguous(typed: str, could_be: set[str]) -> None:
    found = match(ROUTES, typed)
    assert found.index is None and found.ambiguous
    assert {ROUTES[n] for n in found.candidates} == could_be


def test_a_questionnaires_numbers_are_its_scores_and_whole_words_beat_starts() -> None:
    assert match(PHQ, "0", first=0).index == 0
    assert match(PHQ, "3", first=0).index == 3
    assert match(PHQ, "4", first=0).index is None
    assert match(PHQ, "several", first=0).index == 1
    assert match(PHQ, "half the", first=0).index == 2
    assert match(PHQ, "no", first=0).index == 0  # the start of `not at all` only
    assert match(PHQ, "days", first=0).candidates == (1, 2)  # a word of two options
    assert match(PHQ, "n", first=0).candidates == (0, 3)


def test_an_option_that_is_a_number_is_found_by_its_text_before_its_position() -> None:
    options = ["5", "10", "20"]
    assert match(options, "10").index == 1  # its text, not "the tenth option"
    assert match(options, "2").index == 1  # no option is "2": the second one
    assert match(options, "5").index == 0


def test_nothing_matches_an_empty_or_foreign_answer() -> None:
    assert match(ROUTES, "   ").index is None
    assert match(ROUTES, "   ").candidates == ()
    assert match(ROUTES, "zz").candidates == ()
    assert match(ROUTES, "0").index is None  # choices count from 1
    assert match(ROUTES, "٣").index is None  # only ASCII digits are numbers


OPTION = st.text(alphabet=st.sampled_from("abcdeIVé -/"), min_size=1, max_size=14).filter(
    lambda s: bool(words(s))
)
OPTIONS = st.lists(OPTION, min_size=1, max_size=6, unique_by=normal)


def _relates(option: str, typed: str, number: int, first: int) -> bool:
    text, opt = normal(typed), normal(option)
    said, have = words(text), words(opt)
    runs = [have[i : i + len(said)] for i in range(len(have))]
    return (
        opt == text
        or (text.isdecimal() and text.isascii() and int(text) == number + first)
        or opt.startswith(text)
        or any(r[:-1] == said[:-1] and r and r[-1].startswith(said[-1]) for r in runs if said)
    )


@given(options=OPTIONS, typed=st.text(max_size=12), first=st.sampled_from([0, 1]))
@example(options=["a b", "b a"], typed="a", first=1)
def test_whatever_is_matched_or_offered_relates_to_the_answer(
    options: list[str], typed: str, first: int
) -> None:
    found = match(options, typed, first)
    assert found.index is None or not found.candidates
    if found.index is not None:
        assert _relates(options[found.index], typed, found.index, first)
    assert len(found.candidates) != 1
    for n in found.candidates:
        assert _relates(options[n], typed, n, first)


@given(options=OPTIONS, data=st.data())
def test_any_start_of_an_option_is_never_refused_outright(options: list[str], data) -> None:
    option = data.draw(st.sampled_from(options))
    typed = normal(option)[: data.draw(st.integers(1, len(normal(option))))]
    assume(typed.strip())
    found = match(options, typed)
    assert found.index is not None or found.ambiguous
    if found.ambiguous:
        assert len(found.candidates) >= 2


@given(options=OPTIONS, data=st.data())
def test_every_option_is_found_by_its_full_text_in_any_case(options: list[str], data) -> None:
    number = data.draw(st.integers(0, len(options) - 1))
    spelled = data.draw(st.sampled_from([str.upper, str.lower, str.title, lambda s: f" {s} "]))
    typed = spelled(options[number])
    assume(normal(typed) == normal(options[number]))  # 'ß'.upper() is 'SS'
    assert match(options, typed).index == number


@given(options=OPTIONS, typed=st.text(alphabet="abcdeIVé -/", max_size=8))
def test_the_order_of_the_options_never_changes_which_option_a_word_means(
    options: list[str], typed: str
) -> None:
    assume(not normal(typed).isdecimal())
    forward = match(options, typed)
    backward = match(list(reversed(options)), typed)
    pick = options[forward.index] if forward.index is not None else None
    back = list(reversed(options))
    assert pick == (back[backward.index] if backward.index is not None else None)
    assert {options[n] for n in forward.candidates} == {back[n] for n in backward.candidates}


@given(options=OPTIONS, data=st.data())
def test_a_start_only_one_option_has_means_that_option(options: list[str], data) -> None:
    option = data.draw(st.sampled_from(options))
    typed = normal(option)[: data.draw(st.integers(1, len(normal(option))))]
    said = words(typed)
    assume(said and not typed.isdecimal())
    others = [o for o in options if o != option]
    assume(not any(_relates(o, typed, 99, 0) for o in others))
    assert match(options, typed).index == options.index(option)


# --- --set, the editor and guided writing --------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("iv", "IV infusion"), ("IV", "IV infusion"), ("lozenge", "lozenge/troche"),
     ("troche", "lozenge/troche")],
)  # fmt: skip
def test_set_stores_the_options_own_words(run, initialised: Path, typed: str, stored: str) -> None:
    result = run("write", "session", "--set", f"route={typed}", "--text", "Warm.")
    assert result.exit_code == 0, result.output
    assert front(entry_file(initialised, "2026-11-21-session"))["route"] == stored


def test_set_with_an_ambiguous_answer_names_the_candidates_and_writes_nothing(
    run, initialised: Path
) -> None:
    result = run("write", "session", "--set", "route=i", "--text", "Warm.")
    assert result.exit_code == 2
    line = one_error_line(result)
    assert "route: 'i' could be IM injection or IV infusion" in line
    assert "type more of it, or its number" in line
    assert not (initialised / "entries").exists() or not list((initialised / "entries").rglob("*"))


def test_set_multi_and_questionnaire_answers_by_words(run, initialised: Path) -> None:
    result = run("write", "session", "--set", "side_effects=Blood, NAUSEA, dizz", "--text", "Warm.")
    assert result.exit_code == 0, result.output
    meta = front(entry_file(initialised, "2026-11-21-session"))
    assert meta["side_effects"] == ["blood-pressure change", "nausea", "dizziness"]

    items = ["interest", "down", "sleep", "tired", "appetite", "failure", "concentrating"]
    said = ["not", "several", "half", "nearly", "0", "SEVERAL DAYS", "more than"]
    args = [a for item, s in zip(items, said, strict=True) for a in ("--set", f"phq9.{item}={s}")]
    args += ["--set", "phq9.moving=not at all", "--set", "phq9.self_harm=no"]
    args += ["--set", "difficulty=somewhat"]
    result = run("write", "phq9", *args, "--text", "Checked in.")
    assert result.exit_code == 0, result.output
    meta = front(entry_file(initialised, "2026-11-21-phq9"))
    assert list(meta["phq9"].values()) == [0, 1, 2, 3, 0, 1, 2, 0, 0]
    assert meta["score"] == 9
    assert meta["difficulty"] == "somewhat difficult"


def test_a_questionnaire_answer_that_fits_two_names_them(run, initialised: Path) -> None:
    result = run("write", "phq9", "--set", "phq9.sleep=days", "--text", "x")
    assert result.exit_code == 2
    assert "phq9.sleep: 'days' could be several days or more than half the days" in (
        one_error_line(result)
    )


def test_the_editor_is_read_by_the_same_matcher(run, initialised: Path, fake_editor) -> None:
    fake_editor(
        "text = text.replace('route:', 'route: troche', 1)\n"
        "text = re.sub(r'(## What did I notice in my body\\?\\n)', r'\\1Warm.\\n', text)\n"
        "path.write_text(text)"
    )
    result = run("write", "session", "--editor")
    assert result.exit_code == 0, result.output
    assert front(entry_file(initialised, "2026-11-21-session"))["route"] == "lozenge/troche"


def test_guided_asks_again_naming_the_candidates_then_stores_the_options_text(
    run, initialised: Path
) -> None:
    typed = "i\niv\n\n\n\nlozenge, blood\n\n" + "\n" * 20
    result = run("write", "session", "--guided", input=typed)
    assert result.exit_code == 0, result.output
    assert "'i' could be IM injection or IV infusion; type more of it, or its number." in (
        result.output
    )
    assert re.search(r"'lozenge' is not accepted; side_effects takes any of", result.output)
    assert front(entry_file(initialised, "2026-11-21-session"))["route"] == "IV infusion"


def test_guided_questionnaire_says_which_answers_a_word_could_be(run, initialised: Path) -> None:
    typed = "days\nseveral\n" + "0\n" * 8 + "\n" + "\n" * 4
    result = run("write", "phq9", "--guided", input=typed)
    assert result.exit_code == 0, result.output
    assert "'days' could be several days or more than half the days" in result.output
    meta = front(entry_file(initialised, "2026-11-21-phq9"))
    assert meta["phq9"]["interest"] == 1 and meta["score"] == 1


def test_the_template_reference_describes_the_rule() -> None:
    text = Path(__file__).parents[1].joinpath("docs", "writing.md").read_text(encoding="utf-8")
    assert "Forgiving answers" in text
