"""PHQ-9 and GAD-7 check-ins: the scored field type, bands, answers, safety, progress."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import entry_file, entry_files
from kapdiary.entry import parse

PHQ9 = ("interest", "down", "sleep", "tired", "appetite", "failure", "concentrating", "moving")
HARM = "self_harm"
GAD7 = ("nervous", "worrying", "worrying_too_much", "relaxing", "restless", "irritable", "afraid")
WORDS = ("not at all", "several days", "more than half the days", "nearly every day")


def spread(total: int, items: tuple[str, ...]) -> dict[str, int]:
    """Answers 0–3 adding up to ``total``, filled from the first item on."""
    answers = {}
    for item in items:
        answers[item] = min(3, total)
        total -= answers[item]
    assert total == 0
    return answers


def sets(measure: str, answers: dict[str, int | str]) -> list[str]:
    args: list[str] = []
    for item, value in answers.items():
        args += ["--set", f"{measure}.{item}={value}"]
    return args


def saved(home: Path, name: str) -> dict[str, object]:
    return parse(entry_file(home, name).read_text(encoding="utf-8")).meta


@pytest.mark.parametrize(
    ("total", "severity"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "moderately severe"),
        (19, "moderately severe"),
        (20, "severe"),
        (27, "severe"),
    ],
)
def test_every_phq9_band_boundary(run, initialised: Path, total: int, severity: str) -> None:
    # Item 9 stays 0 below 27, so the boundaries are reached by the other eight items.
    answers = {**spread(min(total, 24), PHQ9), HARM: max(0, total - 24)}

    result = run("write", "phq9", *sets("phq9", answers), "--text", "Check-in.")

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-phq9")
    assert (meta["score"], meta["severity"]) == (total, severity)
    assert meta["phq9"] == answers
    assert f"PHQ-9 score: {total} ({severity})." in result.stdout


@pytest.mark.parametrize(
    ("total", "severity"),
    [
        (0, "minimal"),
        (4, "minimal"),
        (5, "mild"),
        (9, "mild"),
        (10, "moderate"),
        (14, "moderate"),
        (15, "severe"),
        (21, "severe"),
    ],
)
def test_every_gad7_band_boundary(run, initialised: Path, total: int, severity: str) -> None:
    result = run("write", "gad7", *sets("gad7", spread(total, GAD7)), "--text", "Check-in.")

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-gad7")
    assert (meta["score"], meta["severity"]) == (total, severity)


def test_answers_are_taken_by_their_words_or_their_number(run, initialised: Path) -> None:
    answers: dict[str, int | str] = {item: WORDS[n % 4] for n, item in enumerate(GAD7)}
    answers["nervous"] = "Nearly Every Day"
    answers["afraid"] = "2"

    result = run("write", "gad7", *sets("gad7", answers), "--text", "x")

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-gad7")
    assert meta["gad7"] == {
        "nervous": 3,
        "worrying": 1,
        "worrying_too_much": 2,
        "relaxing": 3,
        "restless": 0,
        "irritable": 1,
        "afraid": 2,
    }
    assert meta["score"] == 12


@pytest.mark.parametrize("answer", ["4", "-1", "sometimes", "1.5"])
def test_an_answer_outside_the_scale_is_refused_saying_what_fits(
    run, initialised: Path, answer: str
) -> None:
    result = run("write", "gad7", *sets("gad7", {**spread(0, GAD7), "afraid": answer}))

    assert result.exit_code == 2
    assert "0 not at all, 1 several days" in result.stderr
    assert entry_files(initialised) == []


def test_a_questionnaire_half_answered_is_not_saved_with_a_misleading_score(
    run, initialised: Path
) -> None:
    result = run("write", "phq9", "--set", "phq9.down=2", "--text", "Only one.")

    assert result.exit_code == 2
    assert "still to answer: interest, sleep" in result.stderr
    assert entry_files(initialised) == []


def phq9_typed(answers: list[str]) -> str:
    return "".join(f"{a}\n" for a in [*answers, "", ""])  # difficulty skipped, no text


def test_at_the_prompt_a_wrong_answer_is_asked_again(run, initialised: Path) -> None:
    typed = phq9_typed(["1", "several days", "7", "", "1", "1", "1", "1", "1", "1", "0"])

    result = run("write", "phq9", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    assert result.stdout.count("Please answer with a number from 0 to 3") == 2
    meta = saved(initialised, "2026-11-21-phq9")
    assert (meta["score"], meta["severity"]) == (8, "mild")
    assert "PHQ-9 score: 8 (mild)." in result.stdout


def test_the_safety_message_follows_a_yes_to_item_9_and_the_entry_is_saved(
    run, initialised: Path
) -> None:
    result = run("write", "phq9", "--guided", input=phq9_typed(["1"] * 9))

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-phq9")
    assert (meta["score"], meta["severity"], meta["phq9"][HARM]) == (9, "mild", 1)  # type: ignore[index]
    out = result.stdout
    assert out.index("Saved") < out.index("988") and "findahelpline.com" in out
    assert "emergency" in out and "therapist" in out


@pytest.mark.parametrize("harm", [0, 1, 3])
def test_the_safety_message_shows_exactly_when_item_9_is_above_0(
    run, initialised: Path, harm: int
) -> None:
    answers = {**spread(2, PHQ9), HARM: harm}

    result = run("write", "phq9", *sets("phq9", answers), "--text", "x")

    assert result.exit_code == 0, result.output
    assert saved(initialised, "2026-11-21-phq9")["score"] == 2 + harm
    assert ("findahelpline.com" in result.output) == (harm > 0)


def test_with_json_the_safety_message_goes_to_stderr_and_stdout_stays_json(
    run, initialised: Path
) -> None:
    answers = {**spread(0, PHQ9), HARM: 2}

    result = run("write", "phq9", *sets("phq9", answers), "--text", "x", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["score"] == 2
    assert "findahelpline.com" in result.stderr


def test_gad7_never_shows_the_safety_message(run, initialised: Path) -> None:
    result = run("write", "gad7", *sets("gad7", spread(21, GAD7)), "--text", "x")

    assert result.exit_code == 0
    assert "findahelpline" not in result.output


def test_the_editor_fills_a_questionnaire_too(run, initialised: Path, fake_editor) -> None:
    fake_editor(
        "text = re.sub(r'(?m)^(  [a-z_]+):.*$', lambda m: m.group(1) + ': 2', text)\n"
        "path.write_text(text)\n"
    )

    result = run("write", "gad7", "--editor")

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-gad7")
    assert (meta["score"], meta["severity"]) == (14, "moderate")


def test_progress_shows_each_measure_with_its_change_since_the_first(
    run, initialised: Path
) -> None:
    for day, total in (("2026-10-01", 16), ("2026-11-07", 11), ("2026-11-21", 6)):
        answers = spread(total, PHQ9) | {HARM: 0}
        result = run("write", "phq9", "--date", day, *sets("phq9", answers), "--text", "x")
        assert result.exit_code == 0, result.output

    data = json.loads(run("progress", "--json").stdout)
    (phq9,) = data["measures"]
    assert phq9["label"] == "PHQ-9"
    assert [(s["date"], s["score"], s["severity"]) for s in phq9["scores"]] == [
        ("2026-11-07", 11, "moderate"),
        ("2026-11-21", 6, "mild"),
    ]
    assert phq9["first"]["score"] == 16 and phq9["latest"]["score"] == 6
    assert phq9["change_since_first"] == -10
    assert phq9["bands"][0] == {"from": 0, "to": 4, "name": "minimal"}
    assert phq9["bands"][-1] == {"from": 20, "to": 27, "name": "severe"}

    shown = run("progress").stdout
    assert "PHQ-9: 6 (mild) on 21 Nov 2026 · -10 since your first check-in (16 on 1 Oct 2026)" in (
        shown
    )
    assert "0–4 minimal · 5–9 mild · 10–14 moderate" in shown


def test_a_hand_edited_score_that_is_not_a_number_is_flagged(run, initialised: Path) -> None:
    run("write", "gad7", *sets("gad7", spread(3, GAD7)), "--text", "x")
    path = entry_file(initialised, "2026-11-21-gad7")
    path.write_text(path.read_text().replace("score: 3", "score: three"))

    result = run("progress", "--json")

    assert result.exit_code == 0
    assert json.loads(result.stdout)["measures"] == []
    assert "score 'three' is not a number" in result.stderr


BAD_SCORED = """---
fields:
  - key: calm
    type: scored
    options: [no, yes]
    items:
      a: "First?"
      b: "Second?"
    bands: {BANDS}
    safety: [SAFETY]
---

## Notes
"""


@pytest.mark.parametrize(
    ("bands", "safety", "problem"),
    [
        ("{1: low, 2: high}", "a", "bands must start at 0"),
        ("{0: low, 3: high}", "a", "above the highest score, 2"),
        ("{0: low, 1: high}", "c", "safety names 'c'"),
        ("[low, high]", "a", "bands must be `lowest score: name` pairs"),
    ],
)
def test_a_coachs_scored_template_is_checked_with_the_line(
    run, home: Path, tmp_path: Path, bands: str, safety: str, problem: str
) -> None:
    path = tmp_path / "calm.md"
    path.write_text(BAD_SCORED.replace("{BANDS}", bands).replace("SAFETY", safety))

    result = run("template", "check", str(path))

    assert result.exit_code == 1
    assert problem in result.output


def test_a_coachs_own_scored_scale_works_end_to_end(run, initialised: Path) -> None:
    good = BAD_SCORED.replace("{BANDS}", "{0: settled, 2: unsettled}").replace("SAFETY", "b")
    (initialised / "templates" / "calm.md").write_text(good)

    result = run("write", "calm", "--set", "calm.a=yes", "--set", "calm.b=0", "--text", "x")

    assert result.exit_code == 0, result.output
    meta = saved(initialised, "2026-11-21-calm")
    assert (meta["score"], meta["severity"]) == (1, "settled")
    assert "findahelpline" not in result.output


def test_the_weekly_review_offers_the_check_ins_at_its_end(run, initialised: Path) -> None:
    # weekly: six areas, two intentions (each with a note), tags, five prompts; then y.
    weekly = [""] * 6 + [""] * 2 + [""] + [""] * 5
    typed = "".join(f"{line}\n" for line in [*weekly[:-1], "Steady week.", ".", "y"])
    typed += phq9_typed(["0"] * 9) + "".join(f"{a}\n" for a in ["1"] * 7 + ["", ""])

    result = run("write", "weekly", "--guided", input=typed)

    assert result.exit_code == 0, result.output
    assert "Would you like to do your check-ins now (PHQ-9, GAD-7)?" in result.stdout
    assert saved(initialised, "2026-11-21-phq9")["score"] == 0
    assert saved(initialised, "2026-11-21-gad7")["score"] == 7
    assert "findahelpline" not in result.stdout
