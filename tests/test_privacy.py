"""Nothing leaked (docs/design.md §7): private files under any umask, a private folder for the
editor, no network at all, and private parts absent from every export format."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import Result

from conftest import FakeEditor, draft_files, kapdiary_command, put, subprocess_env

Run = Callable[..., Result]
FORMATS = ("md", "html", "json")


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def assert_private_tree(root: Path) -> None:
    """``root`` and everything in it: folders 0700, files 0600."""
    for path in [root, *root.rglob("*")]:
        expected = 0o700 if path.is_dir() else 0o600
        assert mode(path) == expected, f"{path} is {mode(path):o}, expected {expected:o}"


# --- files only the user can read -------------------------------------------------------------


@pytest.mark.usefixtures("umask_000")
def test_exports_the_index_and_the_export_record_are_private_under_umask_000(
    run: Run, home: Path, tmp_path: Path
) -> None:
    assert run("init", "--intention", "Be present with my kids", "--yes").exit_code == 0
    assert run("write", "--set", "mood=6", "--text", "A calm day.").exit_code == 0
    shared = tmp_path / "for-the-coach"
    shared.mkdir()
    shared.chmod(0o777)

    for fmt in FORMATS:
        result = run("export", "--yes", "-f", fmt, "-s", "2026-11-01", "-o", str(shared))
        assert result.exit_code == 0, result.output

    files = sorted(shared.iterdir())
    assert [p.suffix for p in files] == [".html", ".json", ".md"]
    assert [mode(p) for p in files] == [0o600] * 3
    assert mode(shared) == 0o777  # a folder the user chose is left as it is
    assert_private_tree(home)  # the record of the last export included
    assert_private_tree(tmp_path / "cache" / "kapdiary")  # the index


@pytest.mark.usefixtures("umask_000")
def test_the_editor_gets_a_0600_file_in_a_0700_folder_of_its_own_outside_the_diary(
    run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor], tmp_path: Path
) -> None:
    seen = tmp_path / "seen"
    editor = fake_editor(
        f"pathlib.Path({str(seen)!r}).write_text("
        "f'{os.stat(path.parent).st_mode & 0o777:o} {sorted(os.listdir(path.parent))}')\n"
        "path.write_text(text.replace('## What came up for me today?\\n',"
        " '## What came up for me today?\\nPrivate words.\\n'))\n"
    )

    result = run("write", "--editor")

    assert result.exit_code == 0, result.output
    [(given, file_mode)] = editor.calls
    assert file_mode == 0o600
    assert seen.read_text() == f"700 ['{given.name}']"  # nothing else shares the folder
    assert not given.parent.is_relative_to(initialised)  # never synced with the diary
    assert not given.exists() and not given.parent.exists()


# --- no network -------------------------------------------------------------------------------

NO_NETWORK = """
import os, socket

_log = os.environ["KAPDIARY_TEST_NETWORK_LOG"]


def _record(what):
    with open(_log, "a") as log:
        log.write(f"{what}\\n")
    raise OSError(f"the test allows no network ({what})")


def _refuse(name):
    return lambda *args, **kwargs: _record(f"{name}{args!r}")


for _name in ("getaddrinfo", "gethostbyname", "gethostbyname_ex", "create_connection"):
    setattr(socket, _name, _refuse(_name))

_init = socket.socket.__init__


def _socket(self, family=-1, type=-1, proto=-1, fileno=None):
    if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
        _record(f"socket({family}, {type})")
    _init(self, family, type, proto, fileno)


socket.socket.__init__ = _socket
for _method in ("connect", "connect_ex", "sendto"):
    _real = getattr(socket.socket, _method)

    def _guarded(self, *args, _real=_real, _method=_method):
        if self.family != socket.AF_UNIX:
            _record(f"{_method}{args!r}")
        return _real(self, *args)

    setattr(socket.socket, _method, _guarded)
"""


@pytest.fixture
def offline(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every process started from now on has no network; attempts are logged here."""
    shim = tmp_path / "offline"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(NO_NETWORK, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(shim))
    log = tmp_path / "network.log"
    monkeypatch.setenv("KAPDIARY_TEST_NETWORK_LOG", str(log))
    return log


def test_the_offline_shim_really_blocks_and_logs(offline: Path) -> None:
    tried = subprocess.run(
        [
            sys.executable,
            "-c",
            "import urllib.request\nurllib.request.urlopen('http://127.0.0.1:9/', timeout=1)",
        ],
        env=subprocess_env(),
        capture_output=True,
        text=True,
    )

    assert tried.returncode != 0
    assert "the test allows no network" in tried.stderr
    assert offline.read_text().strip()


def test_no_command_opens_a_network_connection(
    home: Path, tmp_path: Path, offline: Path, fake_editor: Callable[[str], FakeEditor]
) -> None:
    fake_editor("path.write_text(text.replace('## What came up for me today?\\n', "
                "'## What came up for me today?\\nIn the editor.\\n'))")  # fmt: skip
    out = tmp_path / "out"
    out.mkdir()
    commands = [
        ["init", "--intention", "Be present with my kids", "--yes"],
        ["write", "--set", "mood=6", "--text", "A calm day #insight."],
        ["write", "session", "--set", "route=4", "--set", "dose_mg=35", "--text", "Warm."],
        ["write", "--editor"],
        ["review", "--all"],
        ["review", "--all", "--json"],
        ["show", "today"],
        ["search", "calm"],
        ["revisit"],
        ["progress"],
        ["progress", "--json"],
        ["sessions"],
        ["sessions", "--json"],
        *(["export", "--yes", "-f", fmt, "-s", "2026-11-01", "-o", str(out)] for fmt in FORMATS),
        ["template", "list"],
        ["intention", "list"],
        ["config"],
        ["reindex"],
        ["doctor"],
    ]
    for command in commands:
        done = subprocess.run(
            [*kapdiary_command(), *command],
            env=subprocess_env(),
            stdin=subprocess.DEVNULL,
            capture_output=True,
            text=True,
            timeout=60,
        )
        allowed = (0, 1) if command[0] == "doctor" else (0,)  # doctor: 1 for a finding
        assert done.returncode in allowed, (command, done.stderr)
        assert "Traceback" not in done.stderr, (command, done.stderr)
    assert len(list(out.iterdir())) == 3
    assert not offline.exists(), offline.read_text()


# --- private parts never exported -----------------------------------------------------------

SECRETS = (
    "SECRET-ENTRY",
    "SECRET-SAID-YES",
    "SECRET-SAID-ONE",
    "SECRET-SECTION",
    "SECRET-NOTE",
    "SECRET-SETTING",
    "SECRET-BROKEN",
    "SECRET-DRAFT",
    "SECRET-TAG",
)


@pytest.fixture
def secrets(run: Run, initialised: Path, fake_editor: Callable[[str], FakeEditor]) -> Path:
    """A diary where each secret word is private in its own way, beside shared words."""
    home = initialised
    write = [
        ["--set", "mood=5", "--set", "tags=family", "--text", "SHARED-WORDS by the river."],
        ["--date", "2026-11-19", "--set", "private=yes", "--text", "SECRET-ENTRY words."],
        ["--date", "2026-11-18", "--set", "intention_notes.self-compassion=SECRET-NOTE",
         "--set", "intentions.self-compassion=2", "--set", "private=yes", "--text", "Hard."],
        ["session", "--date", "2026-11-17", "--set", "setting=SECRET-SETTING", "--set",
         "dose_mg=77", "--set", "private=yes", "--text", "Dosing day."],
        ["--date", "2026-11-16", "--set", "tags=secret-tag", "--set", "areas.body=2",
         "--set", "intention_notes.be-present-with-my-kids=SECRET-WITHHELD",
         "--set", "intentions.be-present-with-my-kids=6", "--text",
         "SHARED-KEPT words.\n\n## Night thoughts (private)\n\nSECRET-SECTION words."],
    ]  # fmt: skip
    for args in write:
        result = run("write", *args)
        assert result.exit_code == 0, result.output
    # Written by hand: a yes spelled otherwise, and YAML broken around a private flag.
    put(home, "2026-11-15", "SECRET-SAID-YES words.", private="yes")
    put(home, "2026-11-14", "SECRET-SAID-ONE words.", private=1)
    broken = put(home, "2026-11-13", "SECRET-BROKEN words.", name="2026-11-13-broken.md")
    broken.write_text(broken.read_text().replace("template: evening", "private: [true"))
    # An unfinished draft, kept when the editor failed.
    fake_editor(
        "path.write_text(text.replace('## What came up for me today?\\n',"
        " '## What came up for me today?\\nSECRET-DRAFT words.\\n'))\nsys.exit(1)"
    )
    assert run("write", "--editor").exit_code == 1
    assert len(draft_files(home)) == 1
    return home


@pytest.mark.parametrize("fmt", FORMATS)
def test_no_private_part_reaches_any_export_format(
    run: Run, secrets: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"export.{fmt}"
    without = ["--without", "tags", "--without", "areas.body"]

    result = run("export", "--yes", "-f", fmt, "-s", "2026-11-01", "-o", str(out), *without)

    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "SHARED-WORDS" in text and "SHARED-KEPT" in text  # the export is not empty
    for secret in SECRETS:
        assert secret not in text and secret.lower() not in text, secret
    assert "Dosing day" not in text  # the private session, not even in the figures
    assert "Night thoughts" not in text
    if fmt == "json":
        data = json.loads(text)
        assert [e["date"] for e in data["entries"]] == ["2026-11-16", "2026-11-21"]
        assert data["sessions"] == []
        assert all("areas" not in e["fields"] or "body" not in e["fields"]["areas"]
                   for e in data["entries"])  # fmt: skip


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_intention_notes_leaves_every_note_out(
    run: Run, secrets: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"export.{fmt}"

    result = run(
        "export", "--yes", "-f", fmt, "-s", "2026-11-01", "-o", str(out), "-w", "intention_notes"
    )

    assert result.exit_code == 0, result.output
    assert "SECRET-WITHHELD" not in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", FORMATS)
def test_include_private_still_never_exports_a_draft(
    run: Run, secrets: Path, tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"export.{fmt}"

    result = run(
        "export", "--yes", "--include-private", "-f", fmt, "-s", "2026-11-01", "-o", str(out)
    )

    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "SECRET-ENTRY" in text and "SECRET-SECTION" in text  # asked for: included
    assert "SECRET-DRAFT" not in text
    assert "SECRET-BROKEN" not in text  # it may have said private: it cannot be read
