"""`kapdiary tags`: tags with counts, from the index, as the user's own view."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import put


def test_tags_are_counted_once_per_entry_most_used_first(run, home: Path) -> None:
    put(home, "2026-11-18", "A walk. #Nature and #nature again", tags=["family", "insight"])
    put(home, "2026-11-19", "Quiet.", tags=["family"])
    put(home, "2026-11-20", "Rain.", tags=["Family", "sleep"])

    result = run("tags")

    assert result.exit_code == 0, result.output
    lines = [line.split() for line in result.stdout.splitlines()]
    assert lines == [
        ["tag", "entries"],
        ["family", "3"],
        ["insight", "1"],
        ["nature", "1"],
        ["sleep", "1"],
    ]


def test_private_entries_count_and_say_so(run, home: Path) -> None:
    put(home, "2026-11-18", "Shared.", tags=["family"])
    put(home, "2026-11-19", "Mine.", tags=["family", "brother"], private=True)

    result = run("tags", "--json")

    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == [
        {"tag": "family", "entries": 2, "private": 1},
        {"tag": "brother", "entries": 1, "private": 1},
    ]
    table = run("tags").stdout.splitlines()
    assert table[0].split() == ["tag", "entries", "private"]
    assert table[1].split() == ["family", "2", "1"]


def test_a_linked_entry_file_is_not_counted(run, home: Path, tmp_path: Path) -> None:
    put(home, "2026-11-18", "Shared.", tags=["family"])
    outside = tmp_path / "elsewhere.md"
    outside.write_text("---\ndate: 2026-11-19\ntags: [secret]\n---\n\nHi.\n")
    (home / "entries" / "2026" / "11" / "2026-11-19-evening.md").symlink_to(outside)

    result = run("tags", "--json")

    assert [t["tag"] for t in json.loads(result.stdout)] == ["family"]


def test_no_tags_says_how_to_add_them(run, home: Path) -> None:
    put(home, "2026-11-18", "No tags here.")

    result = run("tags")
    as_json = run("tags", "--json")

    assert result.exit_code == 0
    assert "No tags yet" in result.stdout
    assert json.loads(as_json.stdout) == []


def test_tags_of_an_imported_journal_match_jrnls_own_count(run, home: Path) -> None:
    journal = Path(__file__).parent / "data" / "import" / "jrnl" / "journal.txt"
    run("import", str(journal), "--yes")

    counts = {t["tag"]: t["entries"] for t in json.loads(run("tags", "--json").stdout)}

    # `jrnl --tags` on the same journal (jrnl 4.6), plus the 36 starred entries
    assert counts == {
        "insight": 55, "nature": 53, "work": 53, "anxious": 50, "gratitude": 50, "body": 49,
        "calm": 48, "sleep": 44, "family": 41, "starred": 36,
    }  # fmt: skip
