from __future__ import annotations

from pathlib import Path


def test_version_and_a_first_entry(run, initialised: Path) -> None:
    result = run("--version")
    assert result.exit_code == 0 and result.output.startswith("kapdiary ")
    result = run("write", "--set", "mood=6", input="A calm day.\n")
    assert result.exit_code == 0, result.output
    path = initialised / "entries" / "2026" / "11" / "2026-11-21-evening.md"
    assert path.read_text().startswith("---\ndate: 2026-11-21\ntime: '21:34'\ntemplate: evening\nmood: 6\n")
