"""`kapdiary intention add | list | edit | retire` and intentions.toml."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path

import pytest

from conftest import one_error_line


def stored(home: Path) -> list[dict[str, object]]:
    data = tomllib.loads((home / "intentions.toml").read_text(encoding="utf-8"))
    return list(data["intentions"])


def test_add_gives_a_stable_slug_and_records_the_day(run, home: Path) -> None:
    result = run("intention", "add", "Be gentler with myself", "--area", "mind")

    assert result.exit_code == 0, result.output
    assert "be-gentler-with-myself" in result.stdout
    assert stored(home) == [
        {
            "id": "be-gentler-with-myself",
            "text": "Be gentler with myself",
            "area": "mind",
            "set_on": date(2026, 11, 21),
        }
    ]


def test_the_same_words_twice_get_unique_ids(run, home: Path) -> None:
    assert run("intention", "add", "Self-compassion").exit_code == 0
    assert run("intention", "add", "Self-compassion").exit_code == 2  # asks first (issue 18)
    for _ in range(2):
        assert run("intention", "add", "Self-compassion", "--again").exit_code == 0

    assert [i["id"] for i in stored(home)] == [
        "self-compassion",
        "self-compassion-2",
        "self-compassion-3",
    ]


def test_slugs_are_plain_ascii_and_short(run, home: Path) -> None:
    words = "Être présent — avec mes enfants, même les jours difficiles et longs"
    assert run("intention", "add", words).exit_code == 0
    assert run("intention", "add", "!!!").exit_code == 0

    ids = [str(i["id"]) for i in stored(home)]
    assert ids[0].startswith("etre-present-avec-mes-enfants-meme-les")
    assert len(ids[0]) <= 40 and ids[0].isascii() and not ids[0].endswith("-")
    assert ids[1] == "intention"
    assert stored(home)[0]["text"] == words


def test_add_with_a_chosen_id(run, home: Path) -> None:
    assert run("intention", "add", "Treat myself kindly", "--id", "kind").exit_code == 0

    taken = run("intention", "add", "Something else", "--id", "kind")
    bad = run("intention", "add", "Something else", "--id", "Not An Id")

    assert [i["id"] for i in stored(home)] == ["kind"]
    assert taken.exit_code == 2 and "taken" in one_error_line(taken)
    assert bad.exit_code == 2 and "lowercase" in one_error_line(bad)


def test_add_refuses_an_unknown_area_and_empty_words(run, home: Path) -> None:
    unknown_area = run("intention", "add", "Walk more", "--area", "cooking")
    empty = run("intention", "add", "   ")

    assert unknown_area.exit_code == 2
    line = one_error_line(unknown_area)
    assert "'cooking'" in line and "relationships" in line
    assert empty.exit_code == 2
    one_error_line(empty)
    assert not (home / "intentions.toml").exists()


def test_list_shows_active_intentions(run, initialised: Path) -> None:
    assert run("intention", "retire", "self-compassion").exit_code == 0

    shown = run("intention", "list")
    everything = run("intention", "list", "--all", "--json")

    assert shown.exit_code == 0, shown.output
    assert "be-present-with-my-kids" in shown.stdout and "Be present with my kids" in shown.stdout
    assert "self-compassion" not in shown.stdout
    data = json.loads(everything.stdout)
    assert [(i["id"], i["active"], i["retired_on"]) for i in data] == [
        ("be-present-with-my-kids", True, None),
        ("self-compassion", False, "2026-11-21"),
    ]


def test_list_with_none_says_how_to_add_one(run, home: Path) -> None:
    result = run("intention", "list")

    assert result.exit_code == 0
    assert "intention add" in result.stdout


def test_edit_changes_the_words_and_keeps_the_id(run, initialised: Path) -> None:
    result = run(
        "intention", "edit", "self-compassion", "--text", "Be kind to myself", "--area", "mind"
    )

    assert result.exit_code == 0, result.output
    changed = stored(initialised)[1]
    assert changed["id"] == "self-compassion"
    assert changed["text"] == "Be kind to myself" and changed["area"] == "mind"

    assert run("intention", "edit", "self-compassion", "--area", "").exit_code == 0
    assert "area" not in stored(initialised)[1]


def test_edit_without_a_change_says_what_to_give(run, initialised: Path) -> None:
    before = (initialised / "intentions.toml").read_bytes()

    result = run("intention", "edit", "self-compassion")

    assert result.exit_code == 2
    assert "--text" in one_error_line(result)
    assert (initialised / "intentions.toml").read_bytes() == before


def test_retire_keeps_the_intention_in_the_file(run, initialised: Path) -> None:
    result = run("intention", "retire", "self-compassion", "--on", "2026-11-19")

    assert result.exit_code == 0, result.output
    assert [(i["id"], i.get("retired_on")) for i in stored(initialised)] == [
        ("be-present-with-my-kids", None),
        ("self-compassion", date(2026, 11, 19)),
    ]
    again = run("intention", "retire", "self-compassion")
    assert again.exit_code == 2
    assert "already retired" in one_error_line(again)


def test_a_retired_intention_can_no_longer_be_rated(run, initialised: Path) -> None:
    assert run("intention", "retire", "self-compassion").exit_code == 0

    result = run("write", "--set", "intentions.self-compassion=5", "--text", "x")

    assert result.exit_code == 2
    assert "active ids: be-present-with-my-kids" in one_error_line(result)


@pytest.mark.parametrize(
    "args",
    [
        ("intention", "edit", "kindness", "--text", "Be kind"),
        ("intention", "retire", "kindness"),
    ],
)
def test_an_unknown_id_lists_the_known_ids(run, initialised: Path, args: tuple[str, ...]) -> None:
    before = (initialised / "intentions.toml").read_bytes()

    result = run(*args)

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "'kindness'" in line
    assert "be-present-with-my-kids, self-compassion" in line
    assert (initialised / "intentions.toml").read_bytes() == before


def test_a_broken_intentions_file_is_named(run, initialised: Path) -> None:
    (initialised / "intentions.toml").write_text("[[intentions]\n")

    result = run("intention", "list")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "intentions.toml" in line and "TOML" in line
