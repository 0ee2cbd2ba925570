"""The weekly review rereads the week first; the preparation entry offers new intentions.

"Now" is Saturday 2026-11-21 (conftest), so the week is Sunday 15 to Saturday 21 November.
The weekly template asks: a rating for each of the six life areas, one per intention
(two in `initialised`, each followed by a note after a rating), tags, then five prompts.
The preparation template asks: mood, the intentions, the areas, four yes/no questions,
new intentions (one per line, an empty line ends), then six prompts.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import entry_file, entry_files
from kapdiary import entry

KIDS = "be-present-with-my-kids"
WEEKLY_FIELDS = 6 + 2 + 1  # areas, intentions, tags: all skipped with Enter
PREPARATION_FIELDS = 1 + 2 + 6 + 4  # mood, intentions, areas, the checklist


def typed(*lines: str) -> str:
    return "".join(f"{line}\n" for line in lines)


def evening(run: Callable[..., Result], day: str, text: str, *sets: str) -> None:
    args = ["write", "--date", day, "--future", "--text", text]  # one is after the diary day
    for assignment in sets:
        args += ["--set", assignment]
    result = run(*args)
    assert result.exit_code == 0, result.output


def the_week(run: Callable[..., Result]) -> None:
    evening(run, "2026-11-14", "Too early to count.", "mood=2")  # eight days ago
    evening(run, "2026-11-15", "A slow Sunday with the kids.", "mood=5", f"intentions.{KIDS}=7")
    evening(run, "2026-11-19", "Said no to the extra shift.\nThen slept.", "mood=7")
    evening(run, "2026-11-22", "Written ahead, somehow.", "mood=9")  # after the diary day


def saved(home: Path, name: str) -> entry.Entry:
    path = entry_file(home, name)
    parsed = entry.parse(path.read_text(encoding="utf-8"), path)
    assert parsed.problem is None, parsed.problem
    return parsed


def intention_texts(run: Callable[..., Result]) -> list[str]:
    result = run("intention", "list", "--all", "--json")
    assert result.exit_code == 0, result.output
    return [i["text"] for i in json.loads(result.stdout)]


# -- the weekly reread ------------------------------------------------------------------------


def test_guided_weekly_shows_the_week_before_the_first_question(
    run: Callable[..., Result], initialised: Path
) -> None:
    the_week(run)

    result = run(
        "write",
        "weekly",
        "--guided",
        input=typed(*[""] * WEEKLY_FIELDS, "More good evenings than I thought.", "."),
    )

    assert result.exit_code == 0, result.output
    out = result.stdout
    week = out.index("Your week: 2 entries, 15–21 November 2026")
    assert week < out.index("Looking at the whole week, how is each area of your life doing?")
    rows = [line.split() for line in out[week:].splitlines() if line.startswith("2026-")]
    assert rows == [
        ["2026-11-15", "evening", "5", "7", "A", "slow", "Sunday", "with", "the", "kids."],
        ["2026-11-19", "evening", "7", "–", "Said", "no", "to", "the", "extra", "shift."],
    ]
    assert "mood" in out and KIDS in out  # the columns: date, template, mood, each intention
    assert "Too early to count." not in out
    assert "Written ahead" not in out
    assert "kapdiary review --since 2026-11-15 --until 2026-11-21" in out
    weekly = saved(initialised, "2026-11-21-weekly")
    assert [(s.heading, s.text) for s in weekly.sections()] == [
        ("Rereading my week", "More good evenings than I thought.")
    ]
    assert "Your week" not in entry_file(initialised, "2026-11-21-weekly").read_text()


def test_guided_weekly_for_an_earlier_day_rereads_the_week_before_it(
    run: Callable[..., Result], initialised: Path
) -> None:
    the_week(run)

    result = run("write", "weekly", "--guided", "--date", "2026-11-16", input="")

    assert result.exit_code == 0, result.output
    assert "Your week: 2 entries, 10–16 November 2026" in result.stdout
    assert "Too early to count." in result.stdout
    assert "Said no to the extra shift." not in result.stdout


def test_guided_weekly_with_an_empty_week_says_so_kindly(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("write", "weekly", "--guided", input="")

    assert result.exit_code == 0, result.output
    assert "Nothing was written in the last 7 days (15–21 November 2026)." in result.stdout
    assert "look back on the week from memory" in result.stdout


def test_other_templates_do_not_reread(run: Callable[..., Result], initialised: Path) -> None:
    the_week(run)

    result = run("write", "--guided", input="")

    assert result.exit_code == 0, result.output
    assert "Your week" not in result.stdout


def test_the_editor_shows_the_week_as_guidance_that_is_not_saved(
    run: Callable[..., Result],
    initialised: Path,
    tmp_path: Path,
    fake_editor: Callable[[str], object],
) -> None:
    the_week(run)
    evening(run, "2026-11-20", "An arrow --> in my words.")
    seen = tmp_path / "seen.md"
    fake_editor(
        f"pathlib.Path({str(seen)!r}).write_text(text)\n"
        "path.write_text(text.replace('## Themes I notice\\n', '## Themes I notice\\nRest.\\n'))"
    )

    result = run("write", "weekly", "--editor")

    assert result.exit_code == 0, result.output
    shown = seen.read_text(encoding="utf-8")
    comment = shown[shown.index("<!-- ") : shown.index("## Rereading my week")]
    assert "Your week: 3 entries, 15–21 November 2026" in comment
    assert "A slow Sunday with the kids." in comment
    assert "An arrow -> in my words." in comment  # `-->` would end the comment early
    assert comment.rstrip().endswith("-->")
    text = entry_file(initialised, "2026-11-21-weekly").read_text(encoding="utf-8")
    assert "Your week" not in text and "A slow Sunday" not in text
    assert "## Themes I notice\n\nRest." in text


def test_a_weekly_written_without_prompting_shows_no_week(
    run: Callable[..., Result], initialised: Path
) -> None:
    the_week(run)

    result = run("write", "weekly", "--set", "areas.body=4", "--text", "Tired but steady.")

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("Saved ")
    assert "Your week" not in result.output
    assert "A slow Sunday" not in entry_file(initialised, "2026-11-21-weekly").read_text()


# -- the preparation entry's new intentions ---------------------------------------------------


def preparation(*new: str, answers: tuple[str, ...] = ()) -> str:
    """Everything skipped but the new intentions and one line of writing, then ``answers``."""
    return typed(
        *[""] * PREPARATION_FIELDS,
        *new,
        "",  # the empty line that ends the list
        "Toward more patience with myself.",
        ".",
        *[""] * 5,  # the other prompts, skipped
        *answers,
    )


def test_preparation_offers_each_new_intention_and_adds_the_accepted_ones(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run(
        "write",
        "preparation",
        "--guided",
        input=preparation("Rest without guilt", "Call my sister", answers=("", "n")),
    )

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Is there a new intention you want to carry with you?" in out
    assert out.index("Saved ") < out.index("Add 'Rest without guilt' as an intention? [Y/n]")
    assert "Added the intention 'Rest without guilt' (id rest-without-guilt)." in out
    assert "Add 'Call my sister' as an intention? [Y/n]" in out
    assert "Added the intention 'Call my sister'" not in out
    assert intention_texts(run) == [
        "Be present with my kids",
        "Self-compassion",
        "Rest without guilt",
    ]
    prepared = saved(initialised, "2026-11-21-preparation")
    assert prepared.meta["new_intentions"] == ["Rest without guilt", "Call my sister"]


def test_declining_every_offer_adds_nothing(run: Callable[..., Result], initialised: Path) -> None:
    result = run(
        "write", "preparation", "--guided", input=preparation("Walk daily", answers=("no",))
    )

    assert result.exit_code == 0, result.output
    assert "Add 'Walk daily' as an intention? [Y/n]" in result.stdout
    assert intention_texts(run) == ["Be present with my kids", "Self-compassion"]
    assert saved(initialised, "2026-11-21-preparation").meta["new_intentions"] == ["Walk daily"]


def test_an_intention_already_set_is_not_offered_again(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run(
        "write", "preparation", "--guided", input=preparation("self-compassion", answers=())
    )

    assert result.exit_code == 0, result.output
    assert "as an intention?" not in result.stdout
    assert intention_texts(run) == ["Be present with my kids", "Self-compassion"]


def test_input_ending_during_the_offers_keeps_the_entry_and_adds_no_more(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run(
        "write",
        "preparation",
        "--guided",
        input=preparation("Rest without guilt", "Call my sister", answers=("y",)),
    )

    assert result.exit_code == 0, result.output
    assert "Stopped asking; that one stays in your entry only." in result.stdout
    assert intention_texts(run) == [
        "Be present with my kids",
        "Self-compassion",
        "Rest without guilt",
    ]
    assert len(entry_files(initialised)) == 1


def test_without_prompting_new_intentions_are_only_added_with_the_flag(
    run: Callable[..., Result], initialised: Path
) -> None:
    args = ["write", "preparation", "--set", "new_intentions=Rest without guilt; Call my sister"]

    result = run(*args, "--text", "Ready.")

    assert result.exit_code == 0, result.output
    assert "as an intention?" not in result.output  # nobody to ask
    assert "not added to your intentions without asking" in result.stderr
    assert "--add-intentions" in result.stderr
    assert intention_texts(run) == ["Be present with my kids", "Self-compassion"]

    result = run(*args, "--text", "Ready again.", "--add-intentions")

    assert result.exit_code == 0, result.output
    assert "Added the intention 'Rest without guilt'" in result.stdout
    assert "Added the intention 'Call my sister'" in result.stdout
    assert intention_texts(run) == [
        "Be present with my kids",
        "Self-compassion",
        "Rest without guilt",
        "Call my sister",
    ]


def test_add_intentions_with_json_keeps_standard_output_json(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run(
        "write",
        "preparation",
        "--set",
        "new_intentions=Rest without guilt",
        "--text",
        "Ready.",
        "--add-intentions",
        "--json",
    )

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["new_intentions"] == ["Rest without guilt"]
    assert "Added the intention 'Rest without guilt'" in result.stderr


# -- the list field type ----------------------------------------------------------------------

GRATITUDE = """---
title: Gratitude — {long_date}
fields:
  - key: grateful_for
    type: list
    prompt: What are you grateful for today?
---

## Anything else?
"""


@pytest.fixture
def gratitude(run: Callable[..., Result], initialised: Path, tmp_path: Path) -> Path:
    path = tmp_path / "gratitude.md"
    path.write_text(GRATITUDE, encoding="utf-8")
    result = run("template", "import", str(path))
    assert result.exit_code == 0, result.output
    return initialised


def test_a_list_field_takes_several_lines_guided(
    run: Callable[..., Result], gratitude: Path
) -> None:
    result = run(
        "write",
        "gratitude",
        "--guided",
        input=typed("The sun on the balcony", "A call; a nap", "", ""),
    )

    assert result.exit_code == 0, result.output
    assert "one per line, then an empty line; Enter to skip" in result.stdout
    assert saved(gratitude, "2026-11-21-gratitude").meta["grateful_for"] == [
        "The sun on the balcony",
        "A call",
        "a nap",
    ]
    assert "as an intention?" not in result.stdout  # only `new_intentions` is offered


def test_a_list_field_with_set_splits_on_semicolons_and_repeats_add(
    run: Callable[..., Result], gratitude: Path
) -> None:
    result = run(
        "write",
        "gratitude",
        "--set",
        "grateful_for=The sun; a call",
        "--set",
        "grateful_for=A nap",
        "--text",
        ".",
    )

    assert result.exit_code == 0, result.output
    text = entry_file(gratitude, "2026-11-21-gratitude").read_text(encoding="utf-8")
    assert "grateful_for: [The sun, a call, A nap]\n" in text


def test_a_list_field_in_the_editor_takes_a_yaml_list(
    run: Callable[..., Result], gratitude: Path, fake_editor: Callable[[str], object]
) -> None:
    fake_editor(
        "assert 'grateful_for:  # a few short lines' in text, text\n"
        "text = re.sub(r'(?m)^grateful_for:.*$', 'grateful_for:\\n  - The sun, warm\\n  -', text)\n"
        "path.write_text(text)"
    )

    result = run("write", "gratitude", "--editor")

    assert result.exit_code == 0, result.output
    assert saved(gratitude, "2026-11-21-gratitude").meta["grateful_for"] == ["The sun, warm"]
