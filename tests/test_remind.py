"""The evening reminder (issue 18, item 2), without touching the real scheduler.

``PATH`` holds only stand-in programs in a temporary folder (``systemctl``, ``crontab``,
``launchctl``, ``notify-send``, ``osascript``): each records its arguments, ``crontab``
keeps its table in a file, and an exit code can be chosen per program. Units go to
``$XDG_CONFIG_HOME/systemd/user`` and the launchd agent to ``$HOME/Library/LaunchAgents``,
both in ``tmp_path``.
"""

from __future__ import annotations

import json
import plistlib
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import one_error_line, put
from kapdiary.errors import UsageError
from kapdiary.reminders import At, Job, cron_line, parse_time, systemd_units

PROGRAMS = ("systemctl", "crontab", "launchctl", "notify-send", "osascript")
FAKE = """#!{python}
import json, os, pathlib, sys
name = pathlib.Path(sys.argv[0]).name
folder = pathlib.Path({folder!r})
stdin = sys.stdin.read() if "-" in sys.argv[1:] else None
with open(folder / "calls.jsonl", "a") as log:
    log.write(json.dumps([name, *sys.argv[1:]]) + "\\n")
table = folder / "crontab.txt"
if name == "crontab" and sys.argv[1:] == ["-l"]:
    if not table.exists():
        print("no crontab for sam", file=sys.stderr)
        sys.exit(1)
    sys.stdout.write(table.read_text())
elif name == "crontab" and stdin is not None and not (folder / "crontab.refuse").exists():
    table.write_text(stdin)
elif name == "systemctl" and "is-active" in sys.argv:
    print("active")
code = folder / (name + ".exit")
sys.exit(int(code.read_text()) if code.exists() else 0)
"""


class Scheduler:
    """The stand-in programs and what they were asked."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir()
        for name in PROGRAMS:
            script = folder / name
            script.write_text(FAKE.format(python=sys.executable, folder=str(folder)))
            script.chmod(0o755)

    @property
    def calls(self) -> list[list[str]]:
        log = self.folder / "calls.jsonl"
        return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []

    def fail(self, name: str, code: int = 1) -> None:
        (self.folder / f"{name}.exit").write_text(str(code))

    def remove(self, name: str) -> None:
        (self.folder / name).unlink()

    @property
    def crontab(self) -> str:
        table = self.folder / "crontab.txt"
        return table.read_text() if table.exists() else ""


@pytest.fixture
def scheduler(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Scheduler:
    fake = Scheduler(tmp_path / "bin")
    monkeypatch.setenv("PATH", str(fake.folder))
    monkeypatch.setenv("HOME", str(tmp_path / "user"))
    monkeypatch.setenv("KAPDIARY_PLATFORM", "linux")
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "no-runtime"))
    return fake


def units(tmp_path: Path) -> Path:
    return tmp_path / "xdg-config" / "systemd" / "user"


# --- the time ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "at"), [("21:30", "21:30"), ("9:05", "09:05"), ("00:00", "00:00"),
                                          (" 23:59 ", "23:59")])  # fmt: skip
def test_a_time_is_hh_mm_on_the_24_hour_clock(text: str, at: str) -> None:
    assert str(parse_time(text)) == at


@pytest.mark.parametrize("text", ["25:00", "9pm", "21.30", "21:60", "2130", "24:00", "21:3",
                                  "", "٢١:٣٠", "21:30:00", "noon"])  # fmt: skip
def test_anything_else_is_one_line_saying_hh_mm(run, initialised, scheduler, text: str) -> None:
    result = run("remind", "at", text)
    assert result.exit_code == 2
    assert "give HH:MM on the 24-hour clock, like 21:30" in one_error_line(result)
    assert scheduler.calls == []


@given(st.text(max_size=12))
def test_the_time_parser_accepts_exactly_hh_mm(text: str) -> None:
    try:
        at = parse_time(text)
    except UsageError as exc:
        assert "\n" not in exc.message
        return
    hours, minutes = text.strip().split(":")
    assert (at.hour, at.minute) == (int(hours), int(minutes))
    assert 0 <= at.hour <= 23 and 0 <= at.minute <= 59 and len(minutes) == 2


@given(hour=st.integers(0, 23), minute=st.integers(0, 59))
def test_every_time_of_day_reads_back_as_written(hour: int, minute: int) -> None:
    assert parse_time(f"{hour}:{minute:02d}") == At(hour, minute)
    assert str(parse_time(f"{hour:02d}:{minute:02d}")) == f"{hour:02d}:{minute:02d}"


# --- installing with systemd, cron, by hand ---------------------------------------------------


def test_remind_at_installs_a_systemd_user_timer(run, initialised, scheduler, tmp_path) -> None:
    result = run("remind", "at", "21:30")

    assert result.exit_code == 0, result.output
    assert "Each evening at 21:30" in result.stdout and "systemd user timer" in result.stdout
    folder = units(tmp_path)
    timer = (folder / "kapdiary-remind.timer").read_text()
    service = (folder / "kapdiary-remind.service").read_text()
    assert "OnCalendar=*-*-* 21:30:00\n" in timer
    assert "Unit=kapdiary-remind.service\n" in timer and "WantedBy=timers.target\n" in timer
    assert "Type=oneshot\n" in service
    exec_start = next(line for line in service.splitlines() if line.startswith("ExecStart="))
    words = shlex.split(exec_start.removeprefix("ExecStart="))
    assert words == [sys.executable, "-m", "kapdiary", "--home", str(initialised), "remind", "fire"]
    assert f'Environment="KAPDIARY_CONFIG={tmp_path}/config/config.toml"' in service
    assert ["systemctl", "--user", "daemon-reload"] in scheduler.calls
    assert ["systemctl", "--user", "enable", "--now", "kapdiary-remind.timer"] in scheduler.calls
    assert scheduler.crontab == ""


def test_the_default_home_is_not_named_in_the_unit(
    run, scheduler, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("KAPDIARY_HOME")
    run("init", "--yes")
    result = run("remind", "at", "20:00")
    assert result.exit_code == 0, result.output
    service = (units(tmp_path) / "kapdiary-remind.service").read_text()
    assert "--home" not in service and '"remind" "fire"' in service


def test_systemd_quoting_keeps_spaces_percent_and_dollar_literal() -> None:
    job = Job(["/opt/my python/bin/python3", "-m", "kapdiary", "--home", '/d/50% "$HOME"'])
    service = systemd_units(At(7, 5), job)["kapdiary-remind.service"]
    assert 'ExecStart="/opt/my python/bin/python3" "-m" "kapdiary" "--home" ' in service
    assert '"/d/50%% \\"$$HOME\\""' in service
    assert "OnCalendar=*-*-* 07:05:00" in systemd_units(At(7, 5), job)["kapdiary-remind.timer"]


def test_without_a_systemd_user_session_a_crontab_line_is_added_and_others_kept(
    run, initialised, scheduler, tmp_path
) -> None:
    scheduler.fail("systemctl")  # `systemctl --user show-environment` fails: no user session
    (scheduler.folder / "crontab.txt").write_text("0 3 * * * backup.sh\n")

    result = run("remind", "at", "21:30")

    assert result.exit_code == 0, result.output
    assert "a line in your crontab" in result.stdout
    lines = scheduler.crontab.splitlines()
    assert lines[0] == "0 3 * * * backup.sh"
    assert lines[1].startswith("30 21 * * * ")
    assert lines[1].endswith(" # kapdiary-remind")
    assert shlex.split(lines[1].split(" * * * ", 1)[1])[:5] == [
        f"KAPDIARY_CONFIG={tmp_path}/config/config.toml",
        sys.executable, "-m", "kapdiary", "--home",
    ]  # fmt: skip
    assert not (units(tmp_path) / "kapdiary-remind.timer").exists()
    # setting it again replaces the line, never adds a second
    assert run("remind", "at", "22:15").exit_code == 0
    marked = [line for line in scheduler.crontab.splitlines() if "kapdiary-remind" in line]
    assert len(marked) == 1 and marked[0].startswith("15 22 * * * ")


def test_a_percent_in_the_home_is_escaped_for_cron() -> None:
    line = cron_line(At(21, 30), Job(["/usr/bin/python3", "--home", "/d/100%"]))
    assert "/d/100\\%" in line and line.endswith("# kapdiary-remind")


def test_when_systemctl_cannot_enable_the_units_go_and_cron_takes_it(
    run, initialised, scheduler, tmp_path
) -> None:
    (scheduler.folder / "systemctl").write_text(  # answers, but cannot enable the timer
        f"#!{sys.executable}\nimport json, sys\n"
        f"open({str(scheduler.folder / 'calls.jsonl')!r}, 'a').write("
        "json.dumps(['systemctl', *sys.argv[1:]]) + '\\n')\n"
        "sys.exit(1 if 'enable' in sys.argv else 0)\n"
    )
    result = run("remind", "at", "21:30")
    assert result.exit_code == 0, result.output
    assert "crontab" in result.stdout
    assert list(units(tmp_path).glob("*")) == []
    assert "# kapdiary-remind" in scheduler.crontab


def test_with_neither_the_line_is_printed_and_the_exit_code_says_so(
    run, initialised, scheduler, tmp_path
) -> None:
    scheduler.remove("systemctl")
    scheduler.remove("crontab")
    result = run("remind", "at", "21:30")
    assert result.exit_code == 1
    assert result.stdout.startswith("30 21 * * * ") and "# kapdiary-remind" in result.stdout
    line = one_error_line(result)
    assert "`systemctl` is not installed" in line and "`crontab` is not installed" in line
    assert "crontab -e" in line


def test_launchd_on_macos_writes_a_plist_and_bootstraps_it(
    run, initialised, scheduler, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPDIARY_PLATFORM", "darwin")
    result = run("remind", "at", "21:30")
    assert result.exit_code == 0, result.output
    plist = tmp_path / "user" / "Library" / "LaunchAgents" / "org.kapdiary.remind.plist"
    agent = plistlib.loads(plist.read_bytes())
    assert agent["Label"] == "org.kapdiary.remind"
    assert agent["ProgramArguments"] == [
        sys.executable, "-m", "kapdiary", "--home", str(initialised), "remind", "fire",
    ]  # fmt: skip
    assert agent["StartCalendarInterval"] == {"Hour": 21, "Minute": 30}
    assert agent["EnvironmentVariables"] == {"KAPDIARY_CONFIG": f"{tmp_path}/config/config.toml"}
    [bootstrap] = [c for c in scheduler.calls if c[:2] == ["launchctl", "bootstrap"]]
    assert bootstrap[2].startswith("gui/") and bootstrap[3] == str(plist)
    assert not any(c[0] == "systemctl" for c in scheduler.calls)

    status = json.loads(run("remind", "status", "--json").stdout)
    assert status == [{"way": "launchd", "where": str(plist), "at": "21:30", "detail": ""}]
    off = run("remind", "off")
    assert off.exit_code == 0 and not plist.exists()
    assert any(c[:2] == ["launchctl", "bootout"] for c in scheduler.calls)


# --- status and off --------------------------------------------------------------------------


def test_status_lists_everything_installed_and_off_removes_it_all(
    run, initialised, scheduler, tmp_path
) -> None:
    assert "No reminder is set" in run("remind", "status").stdout
    run("remind", "at", "21:30")
    # a crontab line left by an earlier fallback is listed and removed too
    with (scheduler.folder / "crontab.txt").open("a") as table:
        table.write("0 3 * * * backup.sh\n45 20 * * * old # kapdiary-remind\n")

    found = json.loads(run("remind", "status", "--json").stdout)
    assert [(f["way"], f["at"]) for f in found] == [
        ("systemd", "21:30"), ("systemd", "21:30"), ("cron", "20:45"),
    ]  # fmt: skip
    assert found[0]["detail"] == "active"
    shown = run("remind", "status").stdout
    assert "kapdiary-remind.timer (active)" in shown and "old # kapdiary-remind" in shown

    result = run("remind", "off")

    assert result.exit_code == 0, result.output
    assert list(units(tmp_path).glob("kapdiary-remind.*")) == []
    assert scheduler.crontab == "0 3 * * * backup.sh\n"
    assert ["systemctl", "--user", "disable", "--now", "kapdiary-remind.timer"] in scheduler.calls
    assert json.loads(run("remind", "status", "--json").stdout) == []
    assert "nothing to remove" in run("remind", "off").stdout


# --- when it fires ---------------------------------------------------------------------------


def notifications(scheduler: Scheduler) -> list[list[str]]:
    return [c for c in scheduler.calls if c[0] in ("notify-send", "osascript")]


def test_fire_notifies_when_the_diary_day_has_no_entry(
    run, initialised, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1000/bus")
    put(initialised, "2026-11-20")  # yesterday's entry does not count
    result = run("remind", "fire")
    assert result.exit_code == 0, result.output
    [call] = notifications(scheduler)
    assert call[:3] == ["notify-send", "--app-name=kapdiary", "kapdiary"]
    assert "kapdiary write" in call[3]


def test_fire_is_silent_when_the_entry_is_written(
    run, initialised, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    put(initialised, "2026-11-21", template="session")  # any template counts
    result = run("remind", "fire")
    assert result.exit_code == 0
    assert "has an entry" in result.stdout
    assert notifications(scheduler) == []


def test_fire_uses_the_diary_day_rule_after_midnight(
    run, initialised, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.setenv("KAPDIARY_NOW", "2026-11-22T01:30:00")  # still the 21st's diary day
    put(initialised, "2026-11-21")
    assert "2026-11-21 has an entry" in run("remind", "fire").stdout
    assert notifications(scheduler) == []
    monkeypatch.setenv("KAPDIARY_NOW", "2026-11-22T04:30:00")  # the 22nd has begun
    assert "Reminded: 2026-11-22" in run("remind", "fire").stdout
    assert len(notifications(scheduler)) == 1


def test_fire_mentions_a_waiting_draft(run, initialised, scheduler, monkeypatch) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    (initialised / "drafts").mkdir(mode=0o700, exist_ok=True)
    draft = put(initialised, "2026-11-21", "Half.", name="d.md")
    draft.rename(initialised / "drafts" / "2026-11-21-evening-abcdef.md")
    run("remind", "fire")
    [call] = notifications(scheduler)
    assert "kapdiary write --resume" in call[-1]


def test_fire_without_a_desktop_shows_nothing_and_succeeds(run, initialised, scheduler) -> None:
    result = run("remind", "fire")
    assert result.exit_code == 0
    assert "no desktop" in result.stdout
    assert notifications(scheduler) == []


def test_fire_under_cron_finds_the_session_bus(
    run, initialised, scheduler, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    (runtime / "bus").touch()
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(runtime))
    run("remind", "fire")
    assert len(notifications(scheduler)) == 1


def test_fire_on_macos_uses_osascript_with_the_words_quoted(
    run, initialised, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KAPDIARY_PLATFORM", "darwin")
    run("remind", "fire")
    [call] = notifications(scheduler)
    assert call[:2] == ["osascript", "-e"]
    assert call[2].startswith('display notification "A few quiet minutes')
    assert call[2].endswith('with title "kapdiary"')


def test_fire_names_the_home_it_was_given(
    run, initialised, scheduler, tmp_path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    other = tmp_path / "other"
    other.mkdir()
    put(other, "2026-11-21")
    assert "has an entry" in run("--home", str(other), "remind", "fire").stdout
    assert "Reminded" in run("remind", "fire").stdout  # the usual home has none


@pytest.mark.skipif(
    shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed"
)
def test_the_units_pass_systemds_own_check(tmp_path: Path) -> None:
    """systemd itself reads the generated units (offline: no scheduler is touched)."""
    folder = tmp_path / "units"
    folder.mkdir()
    home = '/tmp/my "diary" 50% $HOME'
    task = Job([sys.executable, "-m", "kapdiary", "--home", home, "remind", "fire"],
               {"KAPDIARY_CONFIG": "/c/50% config.toml"})  # fmt: skip
    for name, text in systemd_units(At(21, 30), task).items():
        (folder / name).write_text(text)
    names = ["kapdiary-remind.service", "kapdiary-remind.timer"]
    checked = subprocess.run(
        ["systemd-analyze", "verify", "--man=no", *names],
        cwd=folder,
        capture_output=True,
        text=True,
        check=False,
    )
    assert checked.returncode == 0, checked.stderr
    assert checked.stderr.strip() == ""
    shown = subprocess.run(
        ["systemd-analyze", "calendar", "*-*-* 21:30:00"], capture_output=True, text=True
    )
    assert "Normalized form: *-*-* 21:30:00" in shown.stdout


# --- an encrypted diary: decided from file names, no key, no index ----------------------------


@pytest.fixture
def locked(run, initialised: Path):
    """An encrypted diary whose key has a passphrase, and nothing caches it."""
    result = run("encrypt", "--passphrase", input="correct horse\ncorrect horse\n")
    assert result.exit_code == 0, result.output
    yield initialised
    from kapdiary.index.sealed import forget_working_copy
    from kapdiary.locations import Home

    forget_working_copy(Home(initialised, "test"))


def test_fire_on_a_passphrase_diary_with_no_entry_notifies_without_asking(
    run, locked: Path, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    put(locked, "2026-11-20")  # yesterday's, plain; encrypt it like the rest
    assert run("encrypt", input="correct horse\n").exit_code == 0

    result = run("remind", "fire")  # a timer: no terminal, nothing on stdin

    assert result.exit_code == 0, result.output
    assert "Passphrase" not in result.output
    assert "Reminded: 2026-11-21" in result.stdout
    [call] = notifications(scheduler)
    assert "kapdiary write" in call[-1]


def test_fire_on_a_passphrase_diary_with_today_s_entry_stays_silent(
    run, locked: Path, scheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    wrote = run("write", "--set", "mood=5", input="correct horse\nWritten.\n")
    assert wrote.exit_code == 0, wrote.output
    assert (locked / "entries/2026/11/2026-11-21-evening.md.age").is_file()
    for index in (tmp_path / "cache").rglob("index-*"):
        index.unlink()  # and no index to ask either

    result = run("remind", "fire")

    assert result.exit_code == 0, result.output
    assert "2026-11-21 has an entry" in result.stdout
    assert notifications(scheduler) == []
    assert list((tmp_path / "cache").rglob("index-*")) == []  # fire built no index


def test_fire_on_a_passphrase_diary_names_a_waiting_draft_from_its_name(
    run, locked: Path, scheduler, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    drafts = locked / "drafts"
    drafts.mkdir(mode=0o700, exist_ok=True)
    (drafts / "2026-11-21-evening-abcdef.md.age").write_bytes(b"age-encryption.org/v1\n")

    result = run("remind", "fire")

    assert result.exit_code == 0, result.output
    [call] = notifications(scheduler)
    assert "kapdiary write --resume" in call[-1]


@pytest.mark.parametrize(
    "name",
    [
        "2026-11-21.md",  # no template part: not a name kapdiary gives
        "2026-11-20-evening.md",  # another day
        "x2026-11-21-evening.md",
        "2026-11-21-evening.txt",
        "2026-11-21-evening.md.bak",
    ],
)
def test_fire_counts_only_an_entry_named_for_the_diary_day(
    run, initialised: Path, scheduler, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    folder = initialised / "entries" / "2026" / "11"
    folder.mkdir(parents=True)
    (folder / name).write_text("---\ndate: 2026-11-20\n---\nText.\n")
    assert "Reminded: 2026-11-21" in run("remind", "fire").stdout


def test_fire_does_not_count_a_link_named_for_today(
    run, initialised: Path, scheduler, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DISPLAY", ":0")
    elsewhere = put(initialised, "2026-11-02")
    link = initialised / "entries" / "2026" / "11" / "2026-11-21-evening.md"
    link.symlink_to(elsewhere)
    assert "Reminded: 2026-11-21" in run("remind", "fire").stdout
    link.unlink()
    put(initialised, "2026-11-21", name="2026-11-21-evening.MD")
    assert "2026-11-21 has an entry" in run("remind", "fire").stdout
