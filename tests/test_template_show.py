"""Issue 16: a template explains itself (`template show`, `--json`), `mood` keeps its
meaning, and the check-in questionnaires say exactly what the public forms say."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import one_error_line
from helpers import COACH_FIELDS

COACH = "---\nfields:\n" + COACH_FIELDS + "---\n\n## Anything else?\n"


@pytest.fixture
def coach(initialised: Path) -> Path:
    (initialised / "templates").mkdir(exist_ok=True)
    path = initialised / "templates" / "coach.md"
    path.write_text(COACH, encoding="utf-8")
    return path


def test_show_lists_every_field_with_key_type_range_and_label(coach: Path, run) -> None:
    result = run("template", "show", "coach")
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert (
        "groundedness (scale): How grounded do I feel today? — a whole number from 1 to 5 "
        "(shown as “Groundedness”)"
    ) in out
    assert (
        "sleep_hours (number): How many hours did I sleep? — a number from 0 to 24 (hours)" in out
    )
    assert "took_meds (yesno): Did I take my medication? — yes or no (y/n)" in out
    assert "energy (choice): What was my energy like? — one of: 1 low, 2 steady, 3 high" in out


def test_show_names_a_questionnaires_item_keys(initialised: Path, run) -> None:
    out = run("template", "show", "gad7").stdout
    assert "gad7.nervous  Feeling nervous, anxious, or on edge" in out
    assert "bands: 0+ minimal, 5+ mild, 10+ moderate, 15+ severe" in out


def test_show_json_gives_each_field_as_data(coach: Path, run) -> None:
    data = json.loads(run("template", "show", "coach", "--json").stdout)
    fields = {f["key"]: f for f in data["fields"]}
    assert list(fields) == ["groundedness", "sleep_hours", "took_meds", "energy"]
    assert (
        fields["groundedness"].items()
        >= {
            "type": "scale",
            "min": 1,
            "max": 5,
            "label": "Groundedness",
            "prompt": "How grounded do I feel today?",
        }.items()
    )
    assert (fields["sleep_hours"]["unit"], fields["sleep_hours"]["max"]) == ("hours", 24)
    assert fields["energy"]["options"] == ["low", "steady", "high"]
    assert data["prompts"] == [{"heading": "Anything else?", "guidance": ""}]


def test_show_json_names_the_keys_set_takes_for_a_questionnaire(initialised: Path, run) -> None:
    data = json.loads(run("template", "show", "gad7", "--json").stdout)
    gad7 = data["fields"][0]
    assert gad7["set"][0] == "gad7.nervous"
    assert gad7["options"][0] == "not at all"
    # ... and those keys are the ones write --set takes.
    args = [a for key in gad7["set"] for a in ("--set", f"{key}=1")]
    written = run("write", "gad7", *args, "--text", "ok")
    assert written.exit_code == 0, written.output


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        ("  - key: mood\n    type: scale\n    min: 1\n    max: 5\n", "1–10 scale"),
        ("  - key: mood\n    type: number\n", "keep `type: scale`, `min: 1`, `max: 10`"),
        ("  - key: mood\n    type: scale\n", "keep `type: scale`"),  # 0–10 by default
        ("  - key: tags\n    type: text\n", "use `type: tags` or another key"),
    ],
)
def test_check_refuses_a_built_in_key_with_another_meaning(
    initialised: Path, run, field: str, expected: str
) -> None:
    path = initialised / "bad.md"
    path.write_text(f"---\nfields:\n{field}    prompt: Hm?\n---\n\n## Notes\n", encoding="utf-8")
    result = run("template", "check", str(path))
    assert result.exit_code == 1
    assert f"{path}:3: `" in result.stdout  # the line of the key
    assert expected in result.stdout
    imported = run("template", "import", str(path))
    assert imported.exit_code == 1
    assert not (initialised / "templates" / "bad.md").exists()


def test_mood_as_kapdiary_reads_it_is_fine(initialised: Path, run) -> None:
    path = initialised / "good.md"
    field = "  - key: mood\n    type: scale\n    min: 1\n    max: 10\n    prompt: Mood?\n"
    path.write_text(f"---\nfields:\n{field}---\n\n## Notes\n", encoding="utf-8")
    result = run("template", "check", str(path))
    assert result.exit_code == 0, result.output
    assert result.stderr == ""


def test_an_unknown_template_is_one_line(initialised: Path, run) -> None:
    result = run("template", "show", "nope", "--json")
    assert result.exit_code == 2
    assert "no template named 'nope'" in one_error_line(result)


# The public forms (Spitzer, Williams, Kroenke et al.; no permission required to reproduce),
# word for word: the questions, the answers and the closing question.
PHQ9_FORM = {
    "prompt": "Over the last 2 weeks, how often have you been bothered by any of the following "
    "problems?",
    "items": [
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ],
}
GAD7_FORM = {
    "prompt": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "items": [
        "Feeling nervous, anxious, or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid, as if something awful might happen",
    ],
}
ANSWERS = ["not at all", "several days", "more than half the days", "nearly every day"]
CLOSING = (
    "If you checked off any problems, how difficult have these problems made it for you to do "
    "your work, take care of things at home, or get along with other people?"
)
DIFFICULTY = ["not difficult at all", "somewhat difficult", "very difficult", "extremely difficult"]


@pytest.mark.parametrize(("name", "form"), [("phq9", PHQ9_FORM), ("gad7", GAD7_FORM)])
def test_the_check_ins_say_what_the_public_forms_say(
    initialised: Path, run, name: str, form: dict
) -> None:
    data = json.loads(run("template", "show", name, "--json").stdout)
    scored, difficulty = data["fields"]
    assert scored["prompt"] == form["prompt"]
    assert list(scored["items"].values()) == form["items"]
    assert scored["options"] == ANSWERS
    assert difficulty["prompt"] == CLOSING
    assert difficulty["options"] == DIFFICULTY
