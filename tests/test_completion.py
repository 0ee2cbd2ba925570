"""Shell completion that knows the diary, driven through the real program as a shell would:
``_KAPDIARY_COMPLETE=complete_bash`` with ``COMP_WORDS``/``COMP_CWORD`` (the protocol of
the script `kapdiary --install-completion` installs; Typer 0.28 names Click's
``bash_complete`` instruction ``complete_bash``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import kapdiary_command, put, subprocess_env


def complete(
    line: str, *, env: dict[str, str] | None = None, importtime: bool = False
) -> list[str]:
    """The candidates for the last word of ``line`` (ending in a space: a new word)."""
    words = line.split()
    cword = len(words) if line.endswith(" ") else len(words) - 1
    command = kapdiary_command()
    if importtime:
        command = [command[0], "-X", "importtime", *command[1:]]
    result = subprocess.run(
        command,
        env={
            **subprocess_env(),
            **(env or {}),
            "_KAPDIARY_COMPLETE": "complete_bash",
            "COMP_WORDS": line,
            "COMP_CWORD": str(cword),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr, result.stderr
    if importtime:
        return result.stderr.splitlines()
    return result.stdout.split()


@pytest.fixture
def diary(run, home: Path) -> Path:
    run("init", "--intention", "Be present with my kids", "--intention", "Self-compassion", "--yes")
    run("intention", "add", "Move my body")
    run("intention", "retire", "move-my-body")
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / "coach-weekly.md").write_text(
        "---\nfields:\n  - key: energy\n    type: scale\n    min: 0\n"
        "    max: 10\n    label: Energy\n---\n\n## How was the week?\n",
        encoding="utf-8",
    )
    for day in ("2025-12-31", "2026-01-05", "2026-11-18", "2026-11-20"):
        put(home, day)
    put(home, "2026-11-20", name="2026-11-20-evening-2.md")
    return home


BUILT_IN = {"coaching", "day-after", "evening", "preparation", "session", "weekly"}


def test_write_and_template_show_offer_every_template(diary: Path) -> None:
    assert BUILT_IN | {"coach-weekly"} <= set(complete("kapdiary write "))
    assert complete("kapdiary template show co") == ["coach-weekly", "coaching"]


def test_intention_ids_are_offered_where_an_intention_is_named(diary: Path) -> None:
    kids, kind, body = "be-present-with-my-kids", "self-compassion", "move-my-body"

    assert complete("kapdiary review --intention ") == [kids, kind, body]
    assert complete("kapdiary progress -i s") == [kind]
    assert complete("kapdiary intention retire b") == [kids]


def test_set_offers_the_templates_fields_and_the_intentions(diary: Path) -> None:
    evening = complete("kapdiary write --set ")
    assert {"mood=", "tags=", "private="} <= set(evening)
    assert complete("kapdiary write --set intentions.") == [
        "intentions.be-present-with-my-kids=",
        "intentions.self-compassion=",
    ]  # a retired intention is not rated any more
    assert complete("kapdiary write session --set do") == ["dose_mg="]
    assert complete("kapdiary write --date today --set mood=6 session --set do") == ["dose_mg="]
    assert "energy=" in complete("kapdiary write coach-weekly --set ")


def test_without_offers_fields_and_carries_on_after_a_comma(diary: Path) -> None:
    keys = set(complete("kapdiary export --without "))

    assert {"mood", "tags", "intentions", "intentions.self-compassion", "areas.body"} <= keys
    assert {"dose_mg", "energy"} <= keys  # from the session template and the user's own
    assert complete("kapdiary export --without mood,dos") == ["mood,dose_mg"]


def test_show_and_edit_offer_the_days_with_entries_newest_first(diary: Path) -> None:
    assert complete("kapdiary show ") == [
        "today", "yesterday", "2026-11-20", "2026-11-18", "2026-01-05", "2025-12-31",
    ]  # fmt: skip
    assert complete("kapdiary edit 2026-") == ["2026-11-20", "2026-11-18", "2026-01-05"]
    assert complete("kapdiary show 2025") == ["2025-12-31"]
    assert complete("kapdiary show y") == ["yesterday"]


def test_completion_follows_home(diary: Path, tmp_path: Path, run) -> None:
    other = tmp_path / "other"
    other.mkdir()
    put(other, "2024-02-02")

    assert complete(f"kapdiary --home {other} show 20") == ["2024-02-02"]


def test_completion_never_builds_the_index_nor_imports_rich(diary: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"

    imports = complete("kapdiary show 2026", importtime=True)

    assert not list(cache.rglob("*.sqlite3"))
    assert not [line for line in imports if line.rstrip().endswith(("| rich", "| sqlite3"))]


def test_a_broken_diary_offers_nothing_and_no_traceback(diary: Path) -> None:
    (diary / "intentions.toml").write_text("[[intentions]\nid = ", encoding="utf-8")

    assert complete("kapdiary review --intention ") == []
    assert complete("kapdiary write --set mo") == []  # --set needs the intentions too
    assert complete("kapdiary write nosuch --set mo") == []


def test_with_nothing_typed_only_the_newest_days_are_offered(home: Path) -> None:
    for n in range(1, 46):
        put(home, f"2026-{(n - 1) // 28 + 9:02d}-{(n - 1) % 28 + 1:02d}")

    offered = complete("kapdiary show ")

    assert len(offered) == 2 + 40
    assert offered[2] == "2026-10-17" and offered[-1] == "2026-09-06"
    assert len(complete("kapdiary show 2026-09")) == 28  # typing narrows to any day
