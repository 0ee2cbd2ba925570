"""`kapdiary template check | new | import`, the safety of templates, and the reference doc."""

from __future__ import annotations

import re
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from kapdiary import entry, templates
from kapdiary.fields import FIELD_TYPES

DOC = Path(__file__).resolve().parents[1] / "docs" / "templates.md"
TYPES = ", ".join(FIELD_TYPES)


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


GOOD = lines(
    "---",
    "title: Coach check-in — {long_date}",
    "description: A short one.",
    "fields:",
    "  - key: mood",
    "    type: scale",
    "    min: 1",
    "    max: 10",
    "    prompt: How is your mood?",
    "---",
    "",
    "## What is here for me today?",
    "Notice without judging.",
)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def check(run: Callable[..., Result], tmp_path: Path) -> Callable[[str], tuple[Result, Path]]:
    def check_text(text: str) -> tuple[Result, Path]:
        path = tmp_path / "coach.md"
        path.write_text(text, encoding="utf-8")
        return run("template", "check", str(path)), path

    return check_text


# -- template check: every problem with its line and the fix -------------------------------

PROBLEMS = {
    "unknown field type": (
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: slider",
            "    prompt: How calm are you?",
            "---",
            "## How was today?",
        ),
        4,
        f"unknown field type 'slider'; use one of: {TYPES}",
    ),
    "a field without a type": (
        lines("---", "fields:", "  - key: calm", "    prompt: How calm?", "---", "## Today"),
        3,
        "this field has no type; add `type:` with one of:",
    ),
    "duplicate field key": (
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: scale",
            "  - key: calm",
            "    type: yesno",
            "---",
            "## Today",
        ),
        5,
        "the field key 'calm' is used twice; rename one",
    ),
    "duplicate top key": (
        lines("---", "title: One", "description: x", "title: Two", "---", "## Today"),
        4,
        "'title' appears twice; keep one",
    ),
    "duplicate setting in a field": (
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: scale",
            "    prompt: One",
            "    prompt: Two",
            "---",
            "## Today",
        ),
        6,
        "'prompt' appears twice in this field; keep one",
    ),
    "scale minimum above its maximum": (
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: scale",
            "    min: 10",
            "    max: 1",
            "---",
            "## Today",
        ),
        5,
        "the scale's min (10) must be below its max (1); swap them",
    ),
    "number minimum above its maximum": (
        lines(
            "---",
            "fields:",
            "  - key: sleep_hours",
            "    type: number",
            "    max: 2",
            "    min: 12",
            "---",
            "## Today",
        ),
        6,
        "min (12) is above max (2); swap them",
    ),
    "choice with no options": (
        lines("---", "fields:", "  - key: energy", "    type: choice", "---", "## Today"),
        3,
        "a choice needs options; add a line like `options: [low, medium, high]`",
    ),
    "choice with an empty list of options": (
        lines(
            "---",
            "fields:",
            "  - key: energy",
            "    type: multi",
            "    options: []",
            "---",
            "## Today",
        ),
        5,
        "a choice needs options",
    ),
    "options written without brackets": (
        lines(
            "---",
            "fields:",
            "  - key: energy",
            "    type: choice",
            "    options: low, steady, high",
            "---",
            "## Today",
        ),
        5,
        "options must be a list in square brackets, like `options: [low, steady, high]`",
    ),
    "unknown placeholder in guidance": (
        lines("---", "title: Hi", "---", "", "## Today", "A first line.", "Day {sesion}."),
        7,
        "unknown placeholder {sesion}; use one of: {date}, {long_date}",
    ),
    "unknown placeholder in a heading": (
        lines("## This {weekdya}", "Guidance."),
        1,
        "unknown placeholder {weekdya}",
    ),
    "unknown placeholder in a field's help": (
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: scale",
            "    prompt: How calm?",
            "    help: Since {last_session}.",
            "---",
            "## Today",
        ),
        6,
        "unknown placeholder {last_session}",
    ),
    "no sections": (
        lines("---", "title: Hi", "---", "", "", "Just some words, no prompts."),
        6,
        "the template has no sections; add at least one prompt as a `## ` heading",
    ),
    "an empty file": ("", 1, "the template has no sections"),
    "an unknown top key": (
        lines("---", "title: Hi", "feilds: []", "---", "## Today"),
        3,
        "unknown key 'feilds'; use description, fields, follow_with, title",
    ),
    "an unknown field setting": (
        lines(
            "---", "fields:", "  - key: calm", "    type: scale", "    maximum: 5", "---", "## T"
        ),
        5,
        "unknown setting 'maximum'; a field can have",
    ),
    "a key kapdiary writes itself": (
        lines("---", "fields:", "  - key: date", "    type: text", "---", "## Today"),
        3,
        "the key 'date' is kapdiary's own; choose another",
    ),
    "a key that is not a slug": (
        lines("---", "fields:", "  - key: Sleep Hours", "    type: number", "---", "## Today"),
        3,
        "field key 'Sleep Hours' must be lowercase letters, digits and _",
    ),
    "a minimum that is not a number": (
        lines("---", "fields:", "  - key: calm", "    type: scale", "    min: low", "---", "## T"),
        5,
        "min must be a number, like `min: 10`",
    ),
    "a title starting with a brace": (
        lines("---", "title: {weekday} check", "---", "## Today"),
        2,
        'a value that starts with { needs quotes around it, like `title: "{long_date}, morning"`',
    ),
    "a title that is only a placeholder without quotes": (
        lines("---", "title: {weekday}", "---", "## Today"),
        2,
        "title must be text; if it starts with { or [, put it in quotes",
    ),
    "a colon in a value": (
        lines(
            "---",
            "fields:",
            "  - key: s",
            "    type: text",
            "    prompt: Sleep: ok?",
            "---",
            "## T",
        ),
        5,
        'a value with `: ` in it needs quotes around it, like `prompt: "Sleep: how was it?"`',
    ),
    "a tab in the front matter": (
        lines("---", "fields:", "\t- key: s", "---", "## Today"),
        3,
        "indent with spaces, not tabs",
    ),
    "front matter that never ends": (
        lines("---", "title: Hi", "## Today"),
        1,
        "the front matter starts with --- but never ends; add a line with --- after it",
    ),
    "two sections with the same heading": (
        lines("## Today", "x", "## today", "y"),
        3,
        "the section 'today' is already on line 1; give each section its own heading",
    ),
}


@pytest.mark.parametrize(("text", "line", "message"), PROBLEMS.values(), ids=PROBLEMS.keys())
def test_template_check_names_the_line_and_the_fix(
    check: Callable[[str], tuple[Result, Path]], text: str, line: int, message: str
) -> None:
    result, path = check(text)
    assert result.exit_code == 1, result.output
    assert f"{path}:{line}: {message}" in result.stdout
    assert "1 problem found." in result.stderr


def test_template_check_lists_every_problem_in_line_order(
    check: Callable[[str], tuple[Result, Path]],
) -> None:
    result, path = check(
        lines(
            "---",
            "fields:",
            "  - key: calm",
            "    type: slider",
            "  - key: energy",
            "    type: choice",
            "  - key: sleep",
            "    type: scale",
            "    min: 5",
            "    max: 5",
            "---",
            "",
            "## Today, {weekdya}",
        )
    )
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stdout.splitlines()] == [
        f"{path}:4",
        f"{path}:5",
        f"{path}:9",
        f"{path}:13",
    ]
    assert "4 problems found." in result.stderr


def test_template_check_passes_a_good_template(
    check: Callable[[str], tuple[Result, Path]],
) -> None:
    result, path = check(GOOD)
    assert result.exit_code == 0, result.output
    assert result.output == f"{path}: no problems found.\n"


def test_words_yaml_would_misread_are_kept_as_written(tmp_path: Path) -> None:
    path = tmp_path / "words.md"
    path.write_text(
        lines(
            "---",
            "fields:",
            "  - key: answer",
            "    type: choice",
            "    options: [yes, no, 10, on]",
            "    prompt: No",
            "---",
            "## Today",
        )
    )
    (field,) = templates.load(path).fields
    assert field.options == ["yes", "no", "10", "on"]
    assert field.prompt == "No"


def test_a_template_with_windows_line_endings_loads(tmp_path: Path) -> None:
    path = tmp_path / "windows.md"
    path.write_bytes(GOOD.replace("\n", "\r\n").encode())
    template = templates.load(path)
    assert [p.heading for p in template.prompts] == ["What is here for me today?"]
    assert template.prompts[0].guidance == "Notice without judging."


# -- nothing in a template can run code; names cannot leave the templates folder -----------


def tagged(marker: Path) -> str:
    return lines(
        "---",
        "title: Innocent",
        "fields:",
        "  - key: calm",
        "    type: text",
        f'    prompt: !!python/object/apply:os.system ["echo hacked > {marker}"]',
        "---",
        "## Today",
    )


def test_a_python_yaml_tag_is_an_error_and_never_runs(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    marker = tmp_path / "hacked"
    coach = tmp_path / "coach.md"
    coach.write_text(tagged(marker))
    result = run("template", "check", str(coach))
    assert result.exit_code == 1
    assert (
        f"{coach}:6: the YAML tag !!python/object/apply:os.system is not allowed in templates"
        in result.stdout
    )
    result = run("template", "import", str(coach))
    assert result.exit_code == 1
    assert "Nothing was imported" in result.stderr
    assert not (initialised / "templates" / "coach.md").exists()

    # Copied by hand into the templates folder: every command that reads it refuses it.
    (initialised / "templates").mkdir(exist_ok=True)
    (initialised / "templates" / "coach.md").write_text(tagged(marker))
    result = run("write", "coach", "--set", "calm=ok", input="Text.\n")
    assert result.exit_code == 1
    assert "line 6: the YAML tag !!python/object/apply:os.system is not allowed" in result.stderr
    assert run("template", "show", "coach").exit_code == 1
    result = run("template", "list")
    assert result.exit_code == 0 and "broken" in result.output
    assert run("template", "new", "copy", "--from", "coach").exit_code == 1
    assert not marker.exists()
    assert not list((initialised / "entries").rglob("*.md"))


@pytest.mark.parametrize(
    "args",
    [
        ("write", "../x", "--set", "mood=5"),
        ("template", "show", "../x"),
        ("template", "new", "../x"),
        ("template", "new", "fine", "--from", "../x"),
    ],
    ids=["write", "show", "new", "new --from"],
)
def test_a_template_name_cannot_leave_the_templates_folder(
    run: Callable[..., Result], initialised: Path, args: tuple[str, ...]
) -> None:
    (initialised / "x.md").write_text(GOOD)  # a valid template right where ../x would point
    result = run(*args, input="Text.\n")
    assert result.exit_code == 2, result.output
    assert "'../x' is not a template name; use lowercase letters, digits, - and _" in result.stderr
    assert (initialised / "x.md").read_text() == GOOD
    assert not list((initialised / "entries").rglob("*.md"))
    assert not list(initialised.glob("templates/*.md"))


def test_import_refuses_a_name_that_leaves_the_templates_folder(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "coach.md"
    coach.write_text(GOOD)
    result = run("template", "import", str(coach), "--name", "../x")
    assert result.exit_code == 2
    assert "'../x' is not a template name" in result.stderr
    assert not (initialised / "x.md").exists()


# -- template new ----------------------------------------------------------------------------


def test_template_new_writes_a_commented_starter_that_passes_the_check(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("template", "new", "morning")
    assert result.exit_code == 0, result.output
    path = initialised / "templates" / "morning.md"
    assert f"Saved your template 'morning' in {path}" in result.output
    assert f"kapdiary template check {path}" in result.output
    assert "kapdiary write morning" in result.output
    assert mode(path) == 0o600
    text = path.read_text()
    assert text.startswith("---\n# ")  # notes for the person editing it
    assert "title: Morning — {long_date}" in text
    result = run("template", "check", str(path))
    assert result.exit_code == 0, result.output
    result = run("write", "morning", "--set", "mood=6", input="Slept well.\n")
    assert result.exit_code == 0, result.output
    saved = initialised / "entries" / "2026" / "11" / "2026-11-21-morning.md"
    parsed = entry.parse(saved.read_text(), saved)
    assert parsed.meta["template"] == "morning" and parsed.meta["mood"] == 6
    assert parsed.title == "Morning — Saturday 21 November 2026"


def test_template_new_from_a_built_in_copies_it(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("template", "new", "coach-weekly", "--from", "weekly")
    assert result.exit_code == 0, result.output
    path = initialised / "templates" / "coach-weekly.md"
    assert path.read_text() == (templates.builtin_dir() / "weekly.md").read_text()
    assert mode(path) == 0o600
    listed = run("template", "list", "--json")
    assert '"name": "coach-weekly"' in listed.output


def test_template_new_from_one_of_yours(run: Callable[..., Result], initialised: Path) -> None:
    assert run("template", "new", "morning").exit_code == 0
    result = run("template", "new", "morning-2", "--from", "morning")
    assert result.exit_code == 0, result.output
    folder = initialised / "templates"
    assert (folder / "morning-2.md").read_text() == (folder / "morning.md").read_text()


def test_template_new_with_a_built_in_name_says_it_takes_its_place(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("template", "new", "evening", "--from", "evening")
    assert result.exit_code == 0, result.output
    assert "It takes the place of the built-in 'evening' template." in result.output
    shown = run("template", "show", "evening")
    assert f"evening (yours, {initialised / 'templates' / 'evening.md'})" in shown.output


def test_template_new_never_replaces_one_of_yours_without_force(
    run: Callable[..., Result], initialised: Path
) -> None:
    path = initialised / "templates" / "morning.md"
    assert run("template", "new", "morning").exit_code == 0
    path.write_text(GOOD)  # the user's edits
    result = run("template", "new", "morning", "--from", "evening")
    assert result.exit_code == 1
    assert f"you already have a template {path}; add --force to replace it" in result.stderr
    assert path.read_text() == GOOD
    result = run("template", "new", "morning", "--from", "evening", "--force")
    assert result.exit_code == 0, result.output
    assert path.read_text() == (templates.builtin_dir() / "evening.md").read_text()
    assert mode(path) == 0o600
    assert [p.name for p in path.parent.iterdir()] == ["morning.md"]  # no temporary files left


def test_template_new_from_an_unknown_template_says_which_exist(
    run: Callable[..., Result], initialised: Path
) -> None:
    result = run("template", "new", "morning", "--from", "sunrise")
    assert result.exit_code == 2
    assert "no template named 'sunrise'; available: coaching, day-after, evening" in result.stderr
    assert not (initialised / "templates" / "morning.md").exists()


@pytest.mark.parametrize("name", ["Morning", "my template", "_x", "a.b", ""])
def test_template_new_refuses_a_bad_name(
    run: Callable[..., Result], initialised: Path, name: str
) -> None:
    result = run("template", "new", name)
    assert result.exit_code == 2
    assert "is not a template name" in result.stderr
    assert not list(initialised.glob("templates/*"))


# -- template import -------------------------------------------------------------------------


def test_template_import_copies_a_checked_file_as_it_is(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "Coach Check-in.md"
    coach.write_text(GOOD)
    result = run("template", "import", str(coach))
    assert result.exit_code == 0, result.output
    path = initialised / "templates" / "coach-check-in.md"
    assert f"Saved your template 'coach-check-in' in {path}" in result.output
    assert f"kapdiary template check {path}" in result.output
    assert path.read_text() == GOOD
    assert mode(path) == 0o600
    assert mode(path.parent) == 0o700
    result = run("write", "coach-check-in", "--set", "mood=3", input="Heavy morning.\n")
    assert result.exit_code == 0, result.output


def test_template_import_with_a_name(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "from-my-coach.md"
    coach.write_text(GOOD)
    result = run("template", "import", str(coach), "--name", "morning")
    assert result.exit_code == 0, result.output
    assert (initialised / "templates" / "morning.md").read_text() == GOOD
    assert not (initialised / "templates" / "from-my-coach.md").exists()


def test_template_import_never_replaces_one_of_yours_without_force(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    path = initialised / "templates" / "coach.md"
    coach = tmp_path / "coach.md"
    coach.write_text(GOOD)
    assert run("template", "import", str(coach)).exit_code == 0
    newer = GOOD.replace("Notice without judging.", "A newer version.")
    coach.write_text(newer)
    result = run("template", "import", str(coach))
    assert result.exit_code == 1
    assert f"you already have a template {path}; add --force to replace it" in result.stderr
    assert path.read_text() == GOOD
    result = run("template", "import", str(coach), "--force")
    assert result.exit_code == 0, result.output
    assert path.read_text() == newer


def test_template_import_with_a_built_in_name_says_it_takes_its_place(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "session.md"
    coach.write_text(GOOD)
    result = run("template", "import", str(coach))
    assert result.exit_code == 0, result.output
    assert "It takes the place of the built-in 'session' template." in result.output


def test_template_import_of_a_broken_file_lists_the_problems_and_copies_nothing(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "coach.md"
    coach.write_text(
        lines("---", "fields:", "  - key: calm", "    type: slider", "---", "", "## {when}")
    )
    result = run("template", "import", str(coach))
    assert result.exit_code == 1
    assert f"{coach}:4: unknown field type 'slider'" in result.stderr
    assert f"{coach}:7: unknown placeholder {{when}}" in result.stderr
    assert "2 problems found." in result.stderr
    assert "Nothing was imported; fix these and run the import again." in result.stderr
    assert result.stdout == ""
    assert not list(initialised.glob("templates/*"))


def test_template_import_of_a_missing_file_is_a_usage_error(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    result = run("template", "import", str(tmp_path / "nowhere.md"))
    assert result.exit_code == 2
    assert "does not exist" in result.output


def test_template_import_of_a_file_with_no_usable_name_asks_for_one(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    coach = tmp_path / "¿¿.md"
    coach.write_text(GOOD)
    result = run("template", "import", str(coach))
    assert result.exit_code == 2
    assert "give one with --name" in result.stderr


@pytest.mark.parametrize("command", ["list", "show", "new", "import", "check"])
def test_every_template_command_has_help_with_an_example(
    run: Callable[..., Result], command: str
) -> None:
    result = run("template", command, "--help")
    assert result.exit_code == 0
    assert re.search(r"Examples?:", result.output)
    assert f"kapdiary template {command}" in result.output


# -- docs/templates.md -----------------------------------------------------------------------


def doc_sample() -> str:
    text = DOC.read_text(encoding="utf-8")
    found = re.search(r"## A complete example.*?```markdown\n(.*?)```", text, flags=re.DOTALL)
    assert found, "docs/templates.md has lost its complete example"
    return found[1]


def test_the_sample_template_in_the_docs_passes_the_check_and_writes(
    run: Callable[..., Result], initialised: Path, tmp_path: Path
) -> None:
    sample = tmp_path / "morning-check-in.md"
    sample.write_text(doc_sample(), encoding="utf-8")
    result = run("template", "check", str(sample))
    assert result.exit_code == 0, result.output
    result = run("template", "import", str(sample))
    assert result.exit_code == 0, result.output
    result = run(
        "write",
        "morning-check-in",
        "--set",
        "sleep_quality=4",
        "--set",
        "sleep_hours=7.5 hours",
        "--set",
        "energy=2",
        "--set",
        "dreams=no",
        "--set",
        "practices=walk, time outside",
        "--set",
        "intentions.self-compassion=6",
        input="## How did I wake up?\nSlowly, and that was fine.\n",
    )
    assert result.exit_code == 0, result.output
    path = initialised / "entries" / "2026" / "11" / "2026-11-21-morning-check-in.md"
    parsed = entry.parse(path.read_text(), path)
    assert {k: v for k, v in parsed.meta.items() if k not in ("date", "time")} == {
        "template": "morning-check-in",
        "sleep_quality": 4,
        "sleep_hours": 7.5,
        "energy": "steady",
        "dreams": False,
        "practices": ["walk", "time outside"],
        "intentions": {"self-compassion": 6},
    }
    assert parsed.title == "Morning check-in — Saturday 21 November 2026"
    assert [s.heading for s in parsed.sections()] == ["How did I wake up?"]
    headings = [p.heading for p in templates.load(sample).prompts]
    assert "One thing I will do for myself this {weekday}" in headings


def test_the_docs_describe_every_field_type_and_placeholder() -> None:
    text = DOC.read_text(encoding="utf-8")
    for name in FIELD_TYPES:
        assert f"### {name}:" in text, name
    for name in templates.PLACEHOLDERS:
        assert f"| `{{{name}}}` | " in text, name
