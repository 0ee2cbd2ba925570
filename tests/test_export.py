"""`kapdiary export`: a file for the coach, with the private parts left out.

The diary below (KAPDIARY_NOW is Saturday 21 November 2026, so the default period is
25 October – 21 November) has a private entry, a private section, a session with a dose,
an entry outside the period and a draft; each test checks the files the real CLI writes.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from datetime import date
from pathlib import Path

import pytest

from conftest import one_error_line
from helpers import answered_at_a_terminal
from kapdiary.dates import long_date
from kapdiary.entry import render

KIDS = "be-present-with-my-kids"
KIND = "self-compassion"
FORMATS = ("md", "html", "json")
DEFAULT_NAME = "kapdiary-2026-10-25-to-2026-11-21"
SECRETS = ("SECRET-ENTRY", "SECRET-SECTION", "DRAFT-WORDS")


def put(
    home: Path, day: str, sections: dict[str, str], *, name: str | None = None, **meta: object
) -> Path:
    when = date.fromisoformat(day)
    front = {"date": when, "time": "21:00", "template": "evening", **meta}
    title = "Evening integration" if front["template"] == "evening" else "Session day"
    path = home / "entries" / day[:4] / day[5:7] / (name or f"{day}-{front['template']}.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    body = f"# {title} — {long_date(when)}\n\n" + "\n\n".join(
        f"## {heading}\n\n{text}" for heading, text in sections.items()
    )
    path.write_text(render(front, body), encoding="utf-8")
    return path


@pytest.fixture
def diary(run, initialised: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = initialised
    assert run("config", "set", "name", "Sam").exit_code == 0
    assert run("config", "set", "coach", "Dr Rivera").exit_code == 0
    put(home, "2026-09-01", {"What came up for me today?": "OLD-ENTRY words."}, mood=3)
    put(
        home,
        "2026-11-10",
        {
            "What came up for me today?": "A walk by the river with the kids.",
            "Night thoughts (private)": "SECRET-SECTION words.",
            "What do I carry into tomorrow?": "Slow mornings.",
        },
        mood=5,
        intentions={KIDS: 6, KIND: 4},
        intention_notes={KIDS: "Read them a story"},
        areas={"body": 3, "relationships": 7},
        tags=["family"],
    )
    put(
        home,
        "2026-11-12",
        {"What came up for me today?": "SECRET-ENTRY words."},
        mood=2,
        intentions={KIDS: 1},
        private=True,
    )
    put(
        home,
        "2026-11-18",
        {"What did I notice in my body?": "Heavy, then light. #insight"},
        template="session",
        session=3,
        mood=4,
        route="IM injection",
        dose_mg=40,
        duration_min=90,
        side_effects=["nausea", "dizziness"],
    )
    put(
        home,
        "2026-11-20",
        {"What came up for me today?": "I wrote <script>alert('x')</script> & <b>bold</b>."},
        mood=8,
        intentions={KIDS: 9},
        tags=["family", "insight"],
    )
    drafts = home / "drafts"
    drafts.mkdir(exist_ok=True)
    (drafts / "2026-11-21-evening.md").write_text(
        "---\ndate: 2026-11-21\ntemplate: evening\n---\n\n## What came up?\n\nDRAFT-WORDS\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return home


def exported(run, *args: str) -> tuple[str, Path]:
    """Export with --yes; return the preview and the file written."""
    result = run("export", "--yes", *args)
    assert result.exit_code == 0, result.output
    saved = re.search(r"^Saved (.+?) \(only you", result.stdout, re.M)
    assert saved, result.stdout
    path = Path(saved[1])
    return result.stdout, path if path.is_absolute() else Path.cwd() / path


def as_json(run, *args: str) -> dict:
    _, path = exported(run, "-f", "json", *args)
    return json.loads(path.read_text(encoding="utf-8"))


# --- the default file -----------------------------------------------------------------------


def test_default_is_markdown_for_the_last_28_days_in_the_current_folder(run, diary: Path) -> None:
    preview, path = exported(run)

    assert path == Path.cwd() / f"{DEFAULT_NAME}.md"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert [p.name for p in Path.cwd().iterdir()] == [path.name]  # no temporary file left
    assert "25 October – 21 November 2026 (28 days, your first export)" in preview
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Integration diary — Sam\n")
    for line in (
        "- **Period:** 25 October – 21 November 2026 (28 days)",
        "- **From:** Sam",
        "- **For:** Dr Rivera",
        "- **Entries:** 3 entries on 3 days",
        "- **Made:** Saturday 21 November 2026",
        "1. Be present with my kids *(set on Saturday 21 November 2026)*",
        "2. Self-compassion *(set on Saturday 21 November 2026)*",
    ):
        assert line in text, line
    assert "OLD-ENTRY" not in text


def test_markdown_shows_each_entry_readably_in_order(run, diary: Path) -> None:
    _, path = exported(run)
    text = path.read_text(encoding="utf-8")

    first = text.index("### Tuesday 10 November 2026 — Evening integration")
    second = text.index("### Wednesday 18 November 2026 — Session day")
    third = text.index("### Friday 20 November 2026 — Evening integration")
    assert first < second < third
    entry = text[first:second]
    assert "*21:00 · evening*" in entry
    assert "- **Mood:** 5/10" in entry
    assert "  - Be present with my kids: 6/10 — “Read them a story”" in entry
    assert "  - Self-compassion: 4/10" in entry
    assert "  - body: 3/10" in entry
    assert "- **Tags:** family" in entry
    assert "#### What came up for me today?\n\nA walk by the river with the kids." in entry
    assert "#### What do I carry into tomorrow?\n\nSlow mornings." in entry
    assert "intention_notes" not in text and "dose_mg" not in text  # no raw YAML keys
    session = text[second:third]
    for line in (
        "- **Session:** 3",
        "- **Route:** IM injection",
        "- **Dose:** 40 mg",
        "- **Duration:** 90 min",
        "- **Side effects:** nausea, dizziness",
        "- **Tags:** insight",
    ):
        assert line in session, line


def test_markdown_has_the_progress_figures_and_the_sessions(run, diary: Path) -> None:
    _, path = exported(run)
    text = path.read_text(encoding="utf-8")

    progress = text[text.index("## Progress") : text.index("## Dosing sessions")]
    assert "**Writing:** 3 entries on 3 days" in progress
    kids = next(line for line in progress.splitlines() if line.startswith("| Be present"))
    assert [c.strip() for c in kids.strip("|").split("|")][:5] == [
        "Be present with my kids",
        "7.5",
        "new",
        "2",
        "0.08",  # 0.6·(1−m), then ·m + 0.9·(1−m), with m = 0.5^(1/13)
    ]
    assert "last note (10 Nov): Read them a story" in progress
    mood = next(line for line in progress.splitlines() if line.startswith("| Mood"))
    assert "5.7" in mood  # (5 + 4 + 8) / 3: the private entry's mood 2 is not counted
    sessions = text[text.index("## Dosing sessions") : text.index("## Entries")]
    assert "### Session 3 — Wednesday 18 November 2026" in sessions
    assert "- **Dose:** 40 mg" in sessions
    assert "- **Mood:** – → 8.0" in sessions  # 11–17 Nov: only the private entry


def test_a_templates_own_fields_show_their_unit_and_scale(run, diary: Path) -> None:
    (diary / "templates").mkdir(exist_ok=True)
    (diary / "templates" / "rest.md").write_text(
        "---\n"
        "title: Rest — {long_date}\n"
        "fields:\n"
        "  - key: sleep_h\n"
        "    type: number\n"
        "    unit: h\n"
        "    prompt: How long did I sleep?\n"
        "  - key: energy\n"
        "    type: scale\n"
        "    min: 1\n"
        "    max: 5\n"
        "    prompt: How much energy?\n"
        "  - key: felt_rested\n"
        "    type: yesno\n"
        "    prompt: Rested?\n"
        "---\n\n## What helped?\n",
        encoding="utf-8",
    )
    assert run("template", "check", str(diary / "templates" / "rest.md")).exit_code == 0
    put(
        diary,
        "2026-11-19",
        {"What helped?": "An early night."},
        template="rest",
        sleep_h=7.5,
        energy=4,
        felt_rested=True,
    )

    _, path = exported(run)
    text = path.read_text(encoding="utf-8")

    # Each field by its template's own words, never its key (issue 16).
    assert "- **How long did I sleep?** 7.5 h" in text
    assert "- **How much energy?** 4/5" in text
    assert "- **Rested?** yes" in text
    assert "sleep_h" not in text.partition("## Entries")[2]


# --- privacy in every format --------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_private_entries_sections_and_drafts_stay_out(run, diary: Path, fmt: str) -> None:
    _, path = exported(run, "-f", fmt)
    text = path.read_text(encoding="utf-8")

    for secret in SECRETS:
        assert secret not in text, secret
    assert "Night thoughts" not in text
    assert "private" not in text.lower().replace('"private": false', "")  # not even a trace
    # the rest of the entry with a private section is kept
    assert "A walk by the river with the kids." in text
    assert "Slow mornings." in text


@pytest.mark.parametrize("fmt", FORMATS)
def test_include_private_shares_the_private_entry_and_section(run, diary: Path, fmt: str) -> None:
    preview, path = exported(run, "-f", fmt, "--include-private")
    text = path.read_text(encoding="utf-8")

    assert "SECRET-ENTRY" in text
    assert "SECRET-SECTION" in text
    assert "DRAFT-WORDS" not in text  # drafts are never exported
    assert "INCLUDED, as you asked: 1 private entry and 1 private section" in preview


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_leaves_fields_out_everywhere(run, diary: Path, fmt: str) -> None:
    preview, path = exported(run, "-f", fmt, "--without", "dose_mg", "--without", "mood")
    text = path.read_text(encoding="utf-8")

    assert "left out  dose_mg, mood (everywhere, the figures too)" in preview
    assert "40 mg" not in text and "dose_mg" not in text and "Dose" not in text
    assert "Mood" not in text and '"mood' not in text
    assert "90 min" in text or '"duration_min": 90' in text  # other session fields stay
    assert "Self-compassion" in text


def test_without_one_intention_removes_it_and_its_notes(run, diary: Path) -> None:
    data = as_json(run, "--without", f"intentions.{KIDS}")

    assert [i["id"] for i in data["intentions"]] == [KIND]
    assert [i["id"] for i in data["summary"]["intentions"]] == [KIND]
    first = data["entries"][0]
    assert first["fields"]["intentions"] == {KIND: 4}
    assert first["fields"]["intention_notes"] == {}
    assert "Read them a story" not in json.dumps(data)


def test_without_a_misspelt_field_is_refused_before_anything_is_written(run, diary: Path) -> None:
    result = run("export", "--yes", "--without", "dose")

    assert result.exit_code == 2
    assert "--without 'dose': no such field" in one_error_line(result)
    assert list(Path.cwd().iterdir()) == []
    date_result = run("export", "--yes", "--without", "date")
    assert date_result.exit_code == 2
    assert "every entry keeps its date" in one_error_line(date_result)


def test_an_entry_whose_front_matter_cannot_be_read_stays_out(run, diary: Path) -> None:
    broken = diary / "entries" / "2026" / "11" / "2026-11-15-evening.md"
    broken.write_text("---\ndate: 2026-11-15\nprivate: [true\n---\n\nUNREADABLE words\n")

    preview, path = exported(run)

    assert "UNREADABLE" not in path.read_text(encoding="utf-8")
    assert "1 entry kapdiary cannot read, left out: `kapdiary doctor` names them" in preview


# --- the preview and the question ---------------------------------------------------------


def test_the_preview_says_what_the_file_will_hold(run, diary: Path) -> None:
    preview, path = exported(run, "-f", "html")

    assert preview.splitlines()[:8] == [
        f"Export for your coach, as HTML, to {DEFAULT_NAME}.html",
        "  period    25 October – 21 November 2026 (28 days, your first export)",
        "  entries   3 entries on 3 days, 1 dosing session among them",
        "  figures   progress for the period: writing, 2 intentions, 2 life areas, mood, "
        "around sessions",
        "  private   left out: 1 private entry (12 Nov) and 1 private section; "
        "--include-private adds them",
        "  withheld  2026-11-10 2026/11/2026-11-10-evening.md: the part under "
        "“Night thoughts (private)” (line 7 of the text)",
        "  withheld  2026-11-12 2026/11/2026-11-12-evening.md: the whole entry: private: true",
        f"Saved {DEFAULT_NAME}.html (only you can read it). Nothing was sent: share it with "
        "your coach the way you choose.",
    ]
    assert path.exists()


def test_without_a_terminal_yes_is_required(run, diary: Path) -> None:
    result = run("export")

    assert result.exit_code == 2
    assert "add --yes" in one_error_line(result)
    assert "Export for your coach" in result.stdout  # the preview came first
    assert list(Path.cwd().iterdir()) == []
    assert not (diary / "export.toml").exists()


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "written"), [("y", True), ("n", False), ("", True)])
def test_in_a_terminal_it_asks_after_the_preview(diary: Path, answer: str, written: bool) -> None:
    code, output = answered_at_a_terminal(["export"], "Write this file?", answer, cwd=Path.cwd())

    assert code == 0, output
    assert output.index("private   left out: 1 private entry") < output.index("Write this file?")
    path = Path.cwd() / f"{DEFAULT_NAME}.md"
    assert path.exists() is written
    assert ("Nothing was written." in output) is not written
    assert (diary / "export.toml").exists() is written


# --- the file on disk -------------------------------------------------------------------------


def test_an_existing_file_is_not_replaced_without_force(run, diary: Path) -> None:
    target = Path.cwd() / "for-coach.md"
    target.write_text("my own notes\n")

    refused = run("export", "--yes", "-o", "for-coach.md")

    assert refused.exit_code == 1
    assert "already exists; add --force" in one_error_line(refused)
    assert target.read_text() == "my own notes\n"
    assert "Export for your coach" not in refused.stdout  # refused before the preview

    forced = run("export", "--yes", "--force", "-o", "for-coach.md")
    assert forced.exit_code == 0, forced.output
    assert target.read_text(encoding="utf-8").startswith("# Integration diary")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_the_format_follows_the_file_name_and_a_folder_takes_the_default_name(
    run, diary: Path, tmp_path: Path
) -> None:
    _, page = exported(run, "-o", "coach.html")
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    folder = tmp_path / "shared"
    folder.mkdir()
    _, data = exported(run, "-o", str(folder), "-f", "json", "--force")
    assert data == folder / f"{DEFAULT_NAME}.json"
    assert json.loads(data.read_text(encoding="utf-8"))["format"] == "kapdiary-export"


def test_a_missing_or_unusable_folder_is_a_clear_error_and_leaves_nothing(
    run, diary: Path, tmp_path: Path
) -> None:
    missing = run("export", "--yes", "-o", str(tmp_path / "nowhere" / "x.md"))
    assert missing.exit_code == 1
    assert "nowhere does not exist; choose another place with -o" in one_error_line(missing)
    assert not (tmp_path / "nowhere").exists()

    a_file = tmp_path / "a-file"
    a_file.write_text("")
    under_file = run("export", "--yes", "-o", str(a_file / "x.md"))
    assert under_file.exit_code == 1
    assert "a-file is not a folder" in one_error_line(under_file)


def test_a_failure_while_writing_leaves_no_partial_file(
    run, diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)
    result = run("export", "--yes", "-f", "html")

    assert result.exit_code == 1
    assert "the disk is full" in one_error_line(result)
    assert list(Path.cwd().iterdir()) == []  # neither the file nor a temporary one
    assert not (diary / "export.toml").exists()


# --- periods ------------------------------------------------------------------------------------


def test_an_empty_period_says_so_and_writes_nothing(run, diary: Path) -> None:
    result = run("export", "--yes", "--since", "2026-10-01", "--until", "2026-10-31")

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "no entries in 1–31 October 2026, so no file was written" in line
    assert list(Path.cwd().iterdir()) == []


def test_a_period_with_only_private_entries_points_to_include_private(run, diary: Path) -> None:
    result = run("export", "--yes", "--since", "2026-11-12", "--until", "2026-11-12")

    assert result.exit_code == 1
    assert "is private, so no file was written; --include-private" in one_error_line(result)


def test_the_next_export_starts_where_the_last_one_ended(
    run, diary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exported(run, "--since", "2026-11-01")
    same_day, _ = exported(run, "-f", "json")
    assert "1–21 November 2026 (21 days, the same period as your export earlier today)" in same_day

    monkeypatch.setenv("KAPDIARY_NOW", "2026-11-28T20:00:00")
    put(diary, "2026-11-25", {"What came up for me today?": "A new week."}, mood=6)
    preview, path = exported(run)

    assert path.name == "kapdiary-2026-11-21-to-2026-11-28.md"
    assert "(8 days, since your last export, which went up to 21 November 2026)" in preview
    assert "A new week." in path.read_text(encoding="utf-8")


def test_template_and_tag_filters_narrow_the_entries_and_the_figures(run, diary: Path) -> None:
    data = as_json(run, "--tag", "insight")

    assert [e["date"] for e in data["entries"]] == ["2026-11-18", "2026-11-20"]
    assert data["only"] == {"templates": [], "tags": ["insight"]}
    assert data["summary"]["entries"] == 2
    sessions = as_json(run, "--template", "session", "--force")
    assert [e["date"] for e in sessions["entries"]] == ["2026-11-18"]


# --- JSON ---------------------------------------------------------------------------------------


def test_json_has_the_documented_shape(run, diary: Path) -> None:
    data = as_json(run)

    assert data["format"] == "kapdiary-export" and data["version"] == 1
    assert data["made"] == "2026-11-21T21:34:00"
    assert data["client"] == "Sam" and data["coach"] == "Dr Rivera"
    assert data["period"] == {"since": "2026-10-25", "until": "2026-11-21", "days": 28}
    assert [i["id"] for i in data["intentions"]] == [KIDS, KIND]
    assert data["sessions"] == [
        {
            "date": "2026-11-18",
            "session": 3,
            "file": "2026/11/2026-11-18-session.md",
            "route": "IM injection",
            "dose_mg": 40,
            "duration_min": 90,
            "side_effects": ["nausea", "dizziness"],
            "mood_before": None,  # the week before holds only the private entry
            "mood_after": 8.0,
            "intentions_before": None,
            "intentions_after": 9.0,
        }
    ]
    first = data["entries"][0]
    assert first == {
        "date": "2026-11-10",
        "time": "21:00",
        "template": "evening",
        "title": "Evening integration — Tuesday 10 November 2026",
        "file": "2026/11/2026-11-10-evening.md",
        "private": False,
        "tags": ["family"],
        "fields": {
            "mood": 5,
            "intentions": {KIDS: 6, KIND: 4},
            "intention_notes": {KIDS: "Read them a story"},
            "areas": {"body": 3, "relationships": 7},
            "tags": ["family"],
        },
        "text": "",
        "sections": [
            {
                "heading": "What came up for me today?",
                "text": "A walk by the river with the kids.",
                "private": False,
            },
            {
                "heading": "What do I carry into tomorrow?",
                "text": "Slow mornings.",
                "private": False,
            },
        ],
    }
    assert str(diary) not in json.dumps(data)  # no local paths


def test_json_summary_is_progress_json_for_what_is_shared(run, diary: Path) -> None:
    # Without the private entry, the figures are exactly those of `kapdiary progress`.
    (diary / "entries" / "2026" / "11" / "2026-11-12-evening.md").unlink()
    data = as_json(run)
    progress = run("progress", "--json")
    assert progress.exit_code == 0, progress.output
    expected = json.loads(progress.stdout)

    expected.pop("flags")
    for session in expected["sessions"]:
        session["file"] = session.pop("path").split("/entries/", 1)[1]
    assert data["summary"] == expected


# --- HTML ---------------------------------------------------------------------------------------


def test_html_is_self_contained_escaped_and_prints_cleanly(run, diary: Path) -> None:
    _, path = exported(run, "-f", "html")
    page = path.read_text(encoding="utf-8")

    assert page.startswith("<!DOCTYPE html>")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    for outside in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src=", "http"):
        if outside == "http":  # only the SVG namespace, which is a name, not a fetch
            assert page.count("http") == page.count('xmlns="http://www.w3.org/2000/svg"')
            continue
        assert outside not in page, outside
    assert "I wrote &lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &lt;b&gt;bold" in page
    assert page.count('<svg class="chart intention"') == 2
    assert page.count('<svg class="chart mood"') == 1
    assert "@media print" in page and "break-inside: avoid" in page
    assert "Be present with my kids <strong>6/10</strong>" in page
    assert "“Read them a story”" in page


def test_names_from_the_config_are_escaped_too(run, diary: Path) -> None:
    assert run("config", "set", "name", "Sam <img src=x>").exit_code == 0
    _, path = exported(run, "-f", "html")
    page = path.read_text(encoding="utf-8")

    assert "Sam &lt;img src=x&gt;" in page
    assert "<img" not in page


def test_export_help_has_examples(run) -> None:
    result = run("export", "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    lines = [line.strip() for line in result.stdout.splitlines()]
    assert "kapdiary export --without dose_mg --without mood -o for-my-coach.md" in lines
