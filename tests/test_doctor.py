"""`kapdiary doctor` names what is wrong in a home with its fix; `--fix` does only safe fixes."""

from __future__ import annotations

import errno
import json
import os
import stat
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import Result

from conftest import draft_files, put
from kapdiary import drafts
from kapdiary.doctor import HUGE_BYTES, STALE_SECONDS
from kapdiary.locations import Home
from kapdiary.storage import TMP_PREFIX

Run = Callable[..., Result]
KEYS = {"kind", "severity", "path", "line", "description", "fix", "fixable", "fixed", "also"}
AN_HOUR_AGO = time.time() - 3600


def private(home: Path) -> None:
    """Everything in the home as kapdiary itself leaves it (``put`` follows the umask)."""
    for path in [home, *home.rglob("*")]:
        if not path.is_symlink():
            path.chmod(0o700 if path.is_dir() else 0o600)


def raw(home: Path, rel: str, data: str | bytes) -> Path:
    """A file exactly as another program or a sync tool might leave it."""
    path = home / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def age(path: Path, when: float = AN_HOUR_AGO) -> Path:
    os.utime(path, (when, when), follow_symlinks=False)
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def findings(run: Run, *args: str) -> tuple[int, list[dict[str, Any]]]:
    result = run("doctor", "--json", *args)
    return result.exit_code, json.loads(result.stdout)


def one(found: list[dict[str, Any]], kind: str, path: str) -> dict[str, Any]:
    matches = [f for f in found if f["kind"] == kind and f["path"] == path]
    assert len(matches) == 1, (kind, path, found)
    return matches[0]


def kinds(found: list[dict[str, Any]]) -> set[str]:
    return {f["kind"] for f in found}


def write_entry(run: Run, *args: str) -> None:
    result = run("write", *args)
    assert result.exit_code == 0, result.output


EVENING = "entries/2026/11/2026-11-21-evening.md"


# --- a healthy home ---------------------------------------------------------------------------


def test_a_clean_home_exits_0_and_says_so(run: Run, initialised: Path) -> None:
    write_entry(run, "--set", "mood=6", "--set", "intentions.self-compassion=7", "--text", "Calm.")
    write_entry(run, "session", "--set", "dose_mg=35", "--text", "Warm, then quiet.")
    # Folders that are not kapdiary's (git, Syncthing, Obsidian) are not looked into.
    raw(initialised, ".git/objects/ab/cdef", "blob").chmod(0o444)
    (initialised / ".git").chmod(0o755)
    raw(initialised, ".stfolder/.keep", "")

    result = run("doctor")

    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == f"No problems found in {initialised}."
    assert findings(run) == (0, [])


def test_a_home_that_does_not_exist_is_a_problem(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KAPDIARY_HOME")  # the default home, before the first write
    default = tmp_path / "data" / "kapdiary"

    result = run("doctor")

    assert result.exit_code == 1
    assert "the diary folder does not exist" in result.stdout
    assert "kapdiary init" in result.stdout
    assert not default.exists()


# --- what cannot be read ----------------------------------------------------------------------


def test_broken_front_matter_is_named_with_its_file_and_line(run: Run, initialised: Path) -> None:
    raw(initialised, EVENING, "---\ndate: 2026-11-21\nmood: [6\n---\n\nWords kept.\n")
    private(initialised)

    result = run("doctor")

    assert result.exit_code == 1
    assert f"problem  {EVENING}, line 4" in result.stdout
    assert "the front matter does not read" in result.stdout
    assert f"fix: open it with `kapdiary edit {EVENING}` and fix line 4" in result.stdout
    assert "1 problem in" in result.stdout
    found = one(findings(run)[1], "front-matter", EVENING)
    assert (found["severity"], found["line"], found["fixable"]) == ("problem", 4, False)


def test_a_file_that_is_not_utf8_is_a_problem_with_its_line(run: Run, initialised: Path) -> None:
    raw(initialised, EVENING, b"---\ndate: 2026-11-21\n---\n\nCaf\xe9 by the river.\n")
    private(initialised)

    code, found = findings(run)

    assert code == 1
    utf8 = one(found, "not-utf8", EVENING)
    assert utf8["line"] == 5
    assert "UTF-8" in utf8["fix"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file, whatever its mode")
def test_a_file_that_cannot_be_read_is_a_problem(run: Run, initialised: Path) -> None:
    path = put(initialised, "2026-11-21")
    private(initialised)
    path.chmod(0)

    code, found = findings(run)

    assert code == 1
    assert "check its owner and permissions" in one(found, "unreadable", EVENING)["fix"]


def test_a_read_refused_by_the_system_is_a_problem(
    run: Run, initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The same as above where the tests run as root: the refusal is simulated."""
    path = put(initialised, "2026-11-21")
    private(initialised)
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == path:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)

    code, found = findings(run)

    assert code == 1
    unreadable = one(found, "unreadable", EVENING)
    assert "cannot be read: permission denied" in unreadable["description"]
    assert f"chmod 600 {path}" in unreadable["fix"]


def test_missing_and_invalid_dates(run: Run, initialised: Path) -> None:
    raw(initialised, "entries/2026/11/2026-11-18-evening.md", "---\nmood: 5\n---\n\nNo date.\n")
    raw(initialised, "entries/2026/11/2026-11-19-evening.md", "---\ndate: 19 November\n---\nx\n")
    raw(initialised, "entries/2026/11/2026-11-17-evening.md", "---\ndate: 2026-02-30\n---\nx\n")
    raw(initialised, "entries/2026/11/thoughts.md", "Written in another app.\n")
    raw(initialised, "entries/2026/11/2026-11-20-evening.md", "A file with no front matter.\n")
    private(initialised)

    code, found = findings(run)

    assert code == 1
    missing = one(found, "date", "entries/2026/11/2026-11-18-evening.md")
    assert missing["severity"] == "problem"
    assert "no date" in missing["description"] and "2026-11-18" in missing["description"]
    invalid = one(found, "date", "entries/2026/11/2026-11-19-evening.md")
    assert (invalid["severity"], invalid["line"]) == ("problem", 2)
    assert "'19 November' is not a date" in invalid["description"]
    # YAML reads 2026-02-30 as a date it cannot build; the entry parser lets that through.
    impossible = one(found, "front-matter", "entries/2026/11/2026-11-17-evening.md")
    assert impossible["line"] == 2 and "day is out of range" in impossible["description"]
    undated = one(found, "date", "entries/2026/11/thoughts.md")
    assert undated["severity"] == "problem"
    assert "`date: YYYY-MM-DD`" in undated["fix"]
    from_name = one(found, "date", "entries/2026/11/2026-11-20-evening.md")
    assert from_name["severity"] == "warning"
    assert "taken from the file name" in from_name["description"]


# --- what does not add up ---------------------------------------------------------------------


def test_ratings_out_of_range_or_of_the_wrong_type(run: Run, initialised: Path) -> None:
    put(initialised, "2026-11-19", mood=6.5, intentions={"self-compassion": 0}, areas={"body": 10})
    put(
        initialised,
        "2026-11-20",
        mood=11,
        intentions={"self-compassion": "seven", "be-present-with-my-kids": 12},
        areas={"body": True, "mind": None},
    )
    put(initialised, "2026-11-21", mood=0, areas=[3, 4])
    private(initialised)

    result = run("doctor")
    code, found = findings(run)

    assert code == 1 and result.exit_code == 1
    twentieth = "entries/2026/11/2026-11-20-evening.md"
    ratings = {(f["path"], f["line"]): f for f in found if f["kind"] == "rating"}
    assert set(ratings) == {
        (twentieth, 5),
        (twentieth, 7),
        (twentieth, 8),
        (twentieth, 10),
        (twentieth, 11),
        (EVENING, 5),
        (EVENING, 6),
    }
    assert "mood 11 is not a number from 1 to 10" in ratings[twentieth, 5]["description"]
    assert "'seven' is not a number from 0 to 10" in ratings[twentieth, 7]["description"]
    assert "areas.body true" in ratings[twentieth, 10]["description"]
    assert ratings[twentieth, 11]["severity"] == "warning"  # empty: not rated
    assert "mood 0 is not a number from 1 to 10" in ratings[EVENING, 5]["description"]
    assert "`name: rating` lines" in ratings[EVENING, 6]["description"]
    assert f"`kapdiary edit {twentieth}`" in ratings[twentieth, 5]["fix"]
    assert "on line 5" in ratings[twentieth, 5]["fix"]
    assert f"{twentieth}, line 8" in result.stdout


def test_unknown_intention_ids_are_named_but_retired_ones_are_known(
    run: Run, initialised: Path
) -> None:
    assert run("intention", "retire", "self-compassion").exit_code == 0
    put(initialised, "2026-11-19", intentions={"self-compassion": 6, "be-present": 4})
    put(initialised, "2026-11-20", intentions={"be-present-with-my-kids": 7, "be-present": 5})
    put(initialised, "2026-11-21", intentions={"rest": 3})
    private(initialised)

    result = run("doctor")
    code, found = findings(run)

    assert code == 0 == result.exit_code  # warnings only
    unknown = [f for f in found if f["kind"] == "unknown-intention"]
    assert len(unknown) == 2
    typo = one(found, "unknown-intention", "entries/2026/11/2026-11-19-evening.md")
    assert typo["also"] == ["entries/2026/11/2026-11-20-evening.md"]
    assert typo["line"] == 7
    assert "'be-present'" in typo["description"]
    assert "kapdiary intention add" in typo["fix"] and "--id be-present" in typo["fix"]
    assert "'rest'" in one(found, "unknown-intention", EVENING)["description"]
    assert "self-compassion" not in result.stdout
    assert f"No problems found in {initialised}; 2 warnings above." in result.stdout


def test_session_numbers_used_twice_or_not_numbers(run: Run, initialised: Path) -> None:
    put(initialised, "2026-11-09", template="session", session=2)
    put(initialised, "2026-11-18", template="session", session=2)
    put(initialised, "2026-11-20", template="session", session="two")
    put(initialised, "2026-11-21", template="session", session=3)
    put(initialised, "2026-11-21", template="evening", session=3)  # not a session entry
    private(initialised)

    code, found = findings(run)

    assert code == 0
    twice = one(found, "duplicate-session", "entries/2026/11/2026-11-09-session.md")
    assert "session 2 is written in 2 entries (2026-11-09, 2026-11-18)" in twice["description"]
    assert twice["also"] == ["entries/2026/11/2026-11-18-session.md"]
    assert "kapdiary edit entries/2026/11/2026-11-18-session.md" in twice["fix"]
    word = one(found, "session-number", "entries/2026/11/2026-11-20-session.md")
    assert word["line"] == 5
    assert kinds(found) == {"duplicate-session", "session-number"}


def test_sync_conflict_copies_are_problems_with_the_original_named(
    run: Run, initialised: Path
) -> None:
    put(initialised, "2026-11-21", "The first version.")
    folder = initialised / "entries/2026/11"
    copies = [
        "2026-11-21-evening.sync-conflict-20261121-213400-ABCDEF1.md",
        "2026-11-21-evening (Sam's conflicted copy 2026-11-21).md",
        "2026-11-21-evening_conflict-20261121-213400.md",
    ]
    for name in copies:
        put(initialised, "2026-11-21", "The other version.", name=name)
    raw(initialised, "intentions.sync-conflict-20261121-213400-ABCDEF1.toml", "")
    private(initialised)

    result = run("doctor")
    code, found = findings(run)

    assert code == 1 == result.exit_code
    for name in copies:
        conflict = one(found, "sync-conflict", f"entries/2026/11/{name}")
        assert conflict["severity"] == "problem"
        assert f"compare it with {EVENING}" in conflict["fix"]
        assert f"`kapdiary edit {EVENING}`" in conflict["fix"]
        assert (folder / name).is_file()
    toml = one(found, "sync-conflict", "intentions.sync-conflict-20261121-213400-ABCDEF1.toml")
    assert "compare it with intentions.toml" in toml["fix"]
    assert "4 problems in" in result.stdout


# --- leftovers of interrupted writing ---------------------------------------------------------


def test_leftovers_of_interrupted_saves_are_reported(run: Run, initialised: Path) -> None:
    write_entry(run, "--text", "Saved.")
    folder = initialised / "entries/2026/11"
    linked = folder / f"{TMP_PREFIX}00112233aabbccdd"
    os.link(folder / "2026-11-21-evening.md", linked)  # killed after the link, before cleanup
    age(linked)
    unsaved = age(raw(initialised, f"entries/2026/11/{TMP_PREFIX}44556677eeff0011", "---\nda"))
    saving = raw(initialised, f"entries/2026/11/{TMP_PREFIX}8899aabbccddeeff", "")  # right now
    private(initialised)

    code, found = findings(run)

    assert code == 0  # nothing lost, nothing exposed: warnings
    stale = one(found, "temp-file", f"entries/2026/11/{linked.name}")
    assert stale["fixable"] and "kapdiary doctor --fix" in stale["fix"]
    kept = one(found, "temp-file", f"entries/2026/11/{unsaved.name}")
    assert not kept["fixable"]
    assert "may be text that was not saved anywhere else" in kept["description"]
    fresh = one(found, "temp-file", f"entries/2026/11/{saving.name}")
    assert not fresh["fixable"] and "in progress" in fresh["description"]


def test_an_unfinished_draft_is_reported_with_resume_as_its_fix(
    run: Run, initialised: Path, fake_editor: Callable[[str], Any]
) -> None:
    fake_editor("path.write_text(text + 'Kept words.\\n')\nsys.exit(1)")
    assert run("write", "--editor").exit_code == 1
    [draft] = draft_files(initialised)
    before = draft.read_bytes()

    result = run("doctor")
    code, found = findings(run)

    assert code == 0 == result.exit_code
    kept = one(found, "draft", f"drafts/{draft.name}")
    assert kept["severity"] == "warning"
    assert "an unfinished evening entry for 2026-11-21" in kept["description"]
    assert "kapdiary write evening --resume" in kept["fix"]
    assert "`kapdiary write evening --resume`" in result.stdout
    assert run("doctor", "--fix").exit_code == 0
    assert draft.read_bytes() == before  # doctor never deletes a draft


def test_a_draft_being_written_by_a_live_process_is_left_out(run: Run, initialised: Path) -> None:
    draft = drafts.new_path(Home(initialised, "test"), date(2026, 11, 21), "evening")
    drafts.save(draft, "---\ndate: 2026-11-21\ntemplate: evening\n---\n\n## Today\n\nWriting.\n")

    with drafts.hold(draft):
        held = findings(run)
    free = findings(run)

    assert held == (0, [])
    assert [f["kind"] for f in free[1]] == ["draft"]


# --- privacy and odd files --------------------------------------------------------------------


def test_permissions_looser_than_private_are_problems(run: Run, initialised: Path) -> None:
    write_entry(run, "--text", "Saved.")
    entry = initialised / EVENING
    entry.chmod(0o644)
    (initialised / "entries/2026").chmod(0o755)
    (initialised / "intentions.toml").chmod(0o640)
    initialised.chmod(0o711)
    config = Path(os.environ["KAPDIARY_CONFIG"])
    config.chmod(0o644)

    result = run("doctor")
    code, found = findings(run)

    assert code == 1 == result.exit_code
    loose = {f["path"]: f for f in found if f["kind"] == "permissions"}
    assert set(loose) == {".", "entries/2026", EVENING, "intentions.toml", str(config)}
    assert "(0644); it should be 0600" in loose[EVENING]["description"]
    assert "(0755); it should be 0700" in loose["entries/2026"]["description"]
    assert loose["."]["fixable"] and loose[EVENING]["fixable"]
    assert not loose[str(config)]["fixable"]
    assert f"chmod 600 {config}" in loose[str(config)]["fix"]
    # In the terminal, the files and folders doctor can fix are one finding.
    assert "2 folders (0711, 0755) and 2 files (0640, 0644) are open to other users" in (
        result.stdout
    )
    assert "`kapdiary doctor --fix` can fix 1 of them" in result.stdout


def test_links_empty_and_huge_files_are_warnings(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    outside = raw(tmp_path, "elsewhere/notes.md", "---\ndate: 2026-11-01\n---\nx\n")
    folder = initialised / "entries/2026/11"
    folder.mkdir(parents=True, exist_ok=True)
    private(initialised)
    (folder / "2026-11-01-evening.md").symlink_to(outside)
    (folder / "2026-11-02-evening.md").symlink_to(folder / "gone.md")
    (folder / "2026-11-05-evening.md").symlink_to(folder / "2026-11-06-evening.md")
    (folder / "2026-11-06-evening.md").symlink_to(folder / "2026-11-05-evening.md")
    raw(initialised, "entries/2026/11/2026-11-03-evening.md", "")
    with open(folder / "2026-11-04-evening.md", "wb") as huge:
        huge.truncate(HUGE_BYTES + 1)
    for path in folder.glob("2026-11-0[34]-evening.md"):
        path.chmod(0o600)

    code, found = findings(run)

    assert code == 0
    linked = one(found, "symlink", "entries/2026/11/2026-11-01-evening.md")
    assert f"a link to {outside} outside the diary folder" in linked["description"]
    dangling = one(found, "symlink", "entries/2026/11/2026-11-02-evening.md")
    assert "which does not exist" in dangling["description"]
    assert (
        "does not exist"
        in one(found, "symlink", "entries/2026/11/2026-11-05-evening.md")["description"]
    )  # a loop of links
    assert one(found, "empty", "entries/2026/11/2026-11-03-evening.md")["severity"] == "warning"
    assert "5 MB" in one(found, "huge", "entries/2026/11/2026-11-04-evening.md")["description"]
    assert kinds(found) == {"symlink", "empty", "huge"}


def test_broken_intentions_templates_and_config_are_problems(run: Run, initialised: Path) -> None:
    raw(initialised, "intentions.toml", '[[intentions]]\nid = "rest"\ntext = \n')
    raw(initialised, "templates/coach.md", "---\ntitle: Coach\nfields: [\n---\n\n## Today\n")
    config = Path(os.environ["KAPDIARY_CONFIG"])
    config.write_text("day_starts_at = \n", encoding="utf-8")
    private(initialised)

    code, found = findings(run)

    assert code == 1
    assert one(found, "intentions", "intentions.toml")["line"] == 3
    template = one(found, "template", "templates/coach.md")
    assert "kapdiary template check" in template["fix"]
    assert "not valid TOML" in one(found, "config", str(config))["description"]


# --- --fix ------------------------------------------------------------------------------------


def test_fix_tightens_permissions_and_removes_stale_leftovers_only(
    run: Run, initialised: Path
) -> None:
    write_entry(run, "--text", "Saved.")
    entry = initialised / EVENING
    entry.chmod(0o644)
    (initialised / "entries/2026/11").chmod(0o755)
    folder = initialised / "entries/2026/11"
    stale = folder / f"{TMP_PREFIX}00112233aabbccdd"
    os.link(entry, stale)
    age(stale)
    empty = age(raw(initialised, f"entries/2026/11/{TMP_PREFIX}1111111111111111", ""))
    unsaved = age(raw(initialised, f"entries/2026/11/{TMP_PREFIX}2222222222222222", "---\nd"))
    live = raw(initialised, f"entries/2026/11/{TMP_PREFIX}3333333333333333", "")  # a writer's
    orphan_lock = age(raw(initialised, "drafts/.2026-11-20-evening-abcdef.md.lock", ""))
    draft = raw(initialised, "drafts/2026-11-21-evening-a1b2c3.md", "---\ndate: 2026-11-21\n---\n")
    conflict = raw(
        initialised,
        "entries/2026/11/2026-11-21-evening (conflicted copy).md",
        "---\ndate: 2026-11-21\n---\n\nThe other version.\n",
    )
    broken = raw(initialised, "entries/2026/11/2026-11-20-evening.md", "---\nmood: [\n---\nx\n")
    for path in (draft, conflict, broken):
        path.chmod(0o600)
    untouched = {p: p.read_bytes() for p in (entry, draft, conflict, broken, unsaved)}

    result = run("doctor", "--fix")

    assert result.exit_code == 1, result.output  # the broken entry and the copy need the user
    assert "Fixed:" in result.stdout
    assert f"{EVENING}: permissions 0644 → 0600" in result.stdout
    assert f"entries/2026/11/{stale.name}: removed" in result.stdout
    assert mode(entry) == 0o600 and mode(folder) == 0o700
    assert not stale.exists() and not empty.exists() and not orphan_lock.exists()
    assert unsaved.exists() and live.exists()
    assert {p: p.read_bytes() for p in untouched} == untouched
    assert "Fixed 5 things. 2 problems and 3 warnings still need you." in result.stdout
    code, found = findings(run)
    assert code == 1
    assert kinds(found) == {"front-matter", "sync-conflict", "temp-file", "draft"}


def test_fix_exits_0_once_only_fixable_problems_were_left(run: Run, initialised: Path) -> None:
    write_entry(run, "--text", "Saved.")
    (initialised / EVENING).chmod(0o644)
    initialised.chmod(0o755)

    fixed = run("doctor", "--fix")
    after = run("doctor")

    assert fixed.exit_code == 0, fixed.output
    assert f"Fixed 2 things. No problems left in {initialised}." in fixed.stdout
    assert mode(initialised) == 0o700
    assert after.exit_code == 0
    assert after.stdout.strip() == f"No problems found in {initialised}."


def test_fix_never_follows_a_link_out_of_the_home(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    outside_file = raw(tmp_path, "outside/notes.md", "---\ndate: 2026-11-01\n---\nx\n")
    outside_file.chmod(0o644)
    outside_dir = outside_file.parent
    outside_dir.chmod(0o755)
    stale_outside = age(raw(tmp_path, f"outside/{TMP_PREFIX}4444444444444444", ""))
    (initialised / "entries/2026").mkdir(parents=True)
    private(initialised)
    (initialised / "entries/2026/10").symlink_to(outside_dir, target_is_directory=True)
    (initialised / "entries/2026/notes.md").symlink_to(outside_file)
    config = Path(os.environ["KAPDIARY_CONFIG"])
    config.chmod(0o644)

    result = run("doctor", "--fix")

    assert result.exit_code == 1  # the config is outside the home: the user's to change
    assert mode(outside_file) == 0o644 and mode(outside_dir) == 0o755
    assert stale_outside.exists()
    assert mode(config) == 0o644
    assert f"chmod 600 {config}" in result.stdout


def test_fix_with_json_marks_what_it_fixed(run: Run, initialised: Path) -> None:
    write_entry(run, "--text", "Saved.")
    (initialised / EVENING).chmod(0o664)

    code, found = findings(run, "--fix")

    assert code == 0
    assert found == [
        {
            "kind": "permissions",
            "severity": "problem",
            "path": EVENING,
            "line": None,
            "description": "this file is open to other users (0664); it should be 0600",
            "fix": "run `kapdiary doctor --fix` (it sets 0600)",
            "fixable": True,
            "fixed": True,
            "also": [],
        }
    ]
    assert mode(initialised / EVENING) == 0o600


def test_json_findings_have_stable_keys(run: Run, initialised: Path) -> None:
    put(initialised, "2026-11-21", mood=11)
    raw(initialised, "entries/2026/11/2026-11-20-evening.md", "---\nmood: [\n---\n")
    put(initialised, "2026-11-19", name="2026-11-19-evening.sync-conflict-20261119-1-AAAAAAA.md")

    code, found = findings(run)

    assert code == 1
    assert found and all(set(f) == KEYS for f in found)
    for f in found:
        assert f["severity"] in {"problem", "warning"}
        assert isinstance(f["path"], str) and not f["path"].startswith("/")
        assert f["line"] is None or isinstance(f["line"], int)
        assert isinstance(f["fixable"], bool) and f["fixed"] is False
    assert [f["severity"] for f in found] == sorted(
        (f["severity"] for f in found), key=["problem", "warning"].index
    )
    assert {"permissions", "rating", "front-matter", "sync-conflict"} <= kinds(found)


def test_stale_means_older_than_the_threshold(run: Run, initialised: Path) -> None:
    leftover = raw(initialised, f"entries/{TMP_PREFIX}5555555555555555", "")
    private(initialised)
    age(leftover, time.time() - STALE_SECONDS + 60)

    assert not one(findings(run)[1], "temp-file", f"entries/{leftover.name}")["fixable"]
    age(leftover, time.time() - STALE_SECONDS - 60)
    assert one(findings(run)[1], "temp-file", f"entries/{leftover.name}")["fixable"]
