"""Loose ends of the encrypted diary (issues 17 and 18): what the index, template and
reminder commands say and do when the diary's files are age files."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from kapdiary import vault


@pytest.fixture(autouse=True)
def no_working_copy_left(home: Path):
    """The index's working copy in the RAM folder (index.sealed) goes with the test."""
    yield
    from kapdiary.index.sealed import forget_working_copy
    from kapdiary.locations import Home

    forget_working_copy(Home(home, "test"))


@pytest.fixture
def encrypted(run: Callable[..., object], home: Path) -> Path:
    result = run("init", "--encrypt", "--intention", "Be present with my kids", "--yes")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return home


def sealed_index(tmp_path: Path) -> Path:
    found = sorted((tmp_path / "cache").rglob("index-*.sqlite3*"))
    assert [p.name[-4:] for p in found] == [".age"], found
    return found[0]


def test_reindex_and_config_name_the_index_file_that_exists_and_say_it_is_encrypted(
    run, encrypted: Path, tmp_path: Path
) -> None:
    assert run("write", "--set", "mood=6", input="A heron.\n").exit_code == 0

    reindexed = run("reindex")
    page = run("config")
    as_json = json.loads(run("config", "--json").output)["paths"]

    assert reindexed.exit_code == 0, reindexed.output
    index = sealed_index(tmp_path)
    assert f"The index is {index} (encrypted" in reindexed.output
    assert page.exit_code == 0, page.output
    flat = " ".join(page.output.split())
    assert str(index) in flat.replace(" ", "") or str(index) in flat
    assert "encrypted, like the diary" in flat
    assert as_json["index"] == str(index) and as_json["index_encrypted"] is True
    assert Path(as_json["index"]).is_file()


def test_a_plain_diary_s_index_is_named_as_it_was(run, initialised: Path, tmp_path: Path) -> None:
    assert run("write", "--set", "mood=6", input="A heron.\n").exit_code == 0

    reindexed = run("reindex")
    as_json = json.loads(run("config", "--json").output)["paths"]

    found = sorted((tmp_path / "cache").rglob("index-*.sqlite3"))
    assert len(found) == 1
    assert f"The index is {found[0]};" in reindexed.output
    assert "encrypted" not in reindexed.output
    assert as_json["index"] == str(found[0]) and as_json["index_encrypted"] is False
    assert not vault.encrypted(initialised)


def test_a_new_template_in_an_encrypted_diary_says_how_to_change_it_and_that_way_works(
    run, encrypted: Path, tmp_path: Path
) -> None:
    made = run("template", "new", "morning")

    assert made.exit_code == 0, made.output
    assert (encrypted / "templates" / "morning.md.age").is_file()
    assert "any text editor" not in made.output
    said = " ".join(made.output.split())
    assert "It is encrypted, so a text editor cannot open it" in said
    assert "kapdiary template show morning --raw > morning.md" in said
    assert "kapdiary template import morning.md --force" in said
    # The way it names works: copy out, change, bring back.
    raw = run("template", "show", "morning", "--raw")
    copy = tmp_path / "morning.md"
    assert "\ndescription: A short check-in of my own.\n" in raw.output
    copy.write_text(raw.output.replace("A short check-in of my own.", "Mornings, changed"))
    back = run("template", "import", str(copy), "--force")
    assert back.exit_code == 0, back.output
    assert "It is encrypted, so a text editor cannot open it" in " ".join(back.output.split())
    assert not (encrypted / "templates" / "morning.md").exists()
    listed = run("template", "list")
    assert "Mornings, changed" in listed.output


def test_a_template_in_a_plain_diary_is_still_edited_in_a_text_editor(
    run, initialised: Path
) -> None:
    made = run("template", "new", "morning")

    path = initialised / "templates" / "morning.md"
    assert made.exit_code == 0 and path.is_file()
    assert f"Edit it in any text editor, then check it with: kapdiary template check {path}" in (
        made.output
    )
    assert "encrypted" not in made.output


def test_an_imported_entry_deleted_from_an_encrypted_diary_is_not_imported_again(
    run, encrypted: Path
) -> None:
    source = Path(__file__).parent / "data" / "import" / "dayone" / "Journal.json"
    assert run("import", str(source), "--yes").exit_code == 0
    entries = sorted((encrypted / "entries").rglob("*.md.age"))
    assert len(entries) == 39
    assert run("delete", str(entries[0]), "--yes").exit_code == 0
    assert list((encrypted / ".history").rglob("*-deleted.md.age"))

    again = json.loads(run("import", str(source), "--dry-run", "--json").stdout)

    assert (again["new"], again["already_imported"], again["deleted_since"]) == (0, 38, 1)
    assert run("import", str(source), "--yes").exit_code == 0
    assert len(list((encrypted / "entries").rglob("*.md.age"))) == 38
