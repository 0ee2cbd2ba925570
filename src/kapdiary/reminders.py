"""An evening reminder with the platform's own scheduler (`kapdiary remind`).

kapdiary runs no daemon of its own. ``install`` asks the system to run ``kapdiary remind
fire`` at a time each day:

- Linux: a systemd user timer (``kapdiary-remind.timer`` and ``.service`` in
  ``$XDG_CONFIG_HOME/systemd/user``, then ``systemctl --user daemon-reload`` and
  ``enable --now``); if there is no systemd user session, a line in the user's crontab
  (marked with ``# kapdiary-remind``); if neither works, the line is handed back to be
  added by hand.
- macOS: a launchd agent (``~/Library/LaunchAgents/org.kapdiary.remind.plist``, loaded
  with ``launchctl bootstrap gui/UID``), with the same crontab fallback.

``fire`` (the hidden ``kapdiary remind fire``) shows a desktop notification (notify-send,
or osascript on macOS) only when the current diary day has no entry yet, and nothing
where there is no desktop to show it on.

Every program is found on ``PATH`` when it is needed (``systemctl``, ``crontab``,
``launchctl``, ``notify-send``, ``osascript``), and every folder is worked out from the
environment when it is needed (``XDG_CONFIG_HOME``, ``HOME``), so tests run the real code
against a temporary folder with stand-in programs on ``PATH``; ``KAPDIARY_PLATFORM``
(``linux`` or ``darwin``) chooses the platform's way for them. ``remind off`` removes
everything ``install`` could have put in place, whichever way that was.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.messages import reminders as said

if TYPE_CHECKING:
    from kapdiary.locations import Home

NAME = "kapdiary-remind"
LABEL = "org.kapdiary.remind"
CRON_MARK = f"# {NAME}"
SYSTEMD, CRON, LAUNCHD, BY_HAND = "systemd", "cron", "launchd", "by hand"
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})")
_TIMEOUT = 30  # seconds for one scheduler command; they answer at once or are stuck


@dataclass(frozen=True)
class At:
    """A time of day, on the 24-hour clock."""

    hour: int
    minute: int

    def __str__(self) -> str:
        return f"{self.hour:02d}:{self.minute:02d}"


def parse_time(text: str) -> At:
    """``21:30`` or ``9:05``: HH:MM on the 24-hour clock; anything else is a UsageError."""
    match = _TIME.fullmatch(text.strip())
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise UsageError(said.bad_time(text))
    return At(int(match[1]), int(match[2]))


@dataclass(frozen=True)
class Job:
    """What the scheduler runs: the command, and the environment it needs."""

    argv: list[str]
    env: dict[str, str] = field(default_factory=dict)


def job(home: Path | None) -> Job:
    """``python -m kapdiary [--home HOME] remind fire``, with the Python running now.

    ``home``: the diary home when one was named (option, variable or config); the
    scheduler's environment has none of the user's variables, so it is named outright.
    """
    argv = [sys.executable, "-m", "kapdiary"]
    if home is not None:
        argv += ["--home", str(home)]
    env = {}
    if os.environ.get("KAPDIARY_CONFIG"):
        env["KAPDIARY_CONFIG"] = str(Path(os.environ["KAPDIARY_CONFIG"]).expanduser().absolute())
    return Job([*argv, "remind", "fire"], env)


# --- the texts the schedulers read ------------------------------------------------------------


def _systemd_quote(arg: str) -> str:
    """One ExecStart word: double-quoted, with systemd's specifiers (%) and $ escaped."""
    text = arg.replace("\\", "\\\\").replace('"', '\\"')
    return '"' + text.replace("%", "%%").replace("$", "$$") + '"'


def systemd_units(at: At, task: Job) -> dict[str, str]:
    """The service and timer files, by file name."""
    command = " ".join(_systemd_quote(a) for a in task.argv)
    env = "".join(f"Environment={_systemd_quote(f'{k}={v}')}\n" for k, v in task.env.items())
    service = (
        "[Unit]\n"
        f"Description={said.UNIT_DESCRIPTION}\n\n"
        "[Service]\n"
        "Type=oneshot\n"
        f"{env}"
        f"ExecStart={command}\n"
    )
    timer = (
        "[Unit]\n"
        f"Description={said.TIMER_DESCRIPTION} ({at})\n\n"
        "[Timer]\n"
        f"OnCalendar=*-*-* {at}:00\n"
        f"Unit={NAME}.service\n\n"
        "[Install]\n"
        "WantedBy=timers.target\n"
    )
    return {f"{NAME}.service": service, f"{NAME}.timer": timer}


def cron_line(at: At, task: Job) -> str:
    """``30 21 * * * KAPDIARY_CONFIG=… '/usr/bin/python3' -m kapdiary remind fire # …``."""
    import shlex

    words = [shlex.quote(f"{k}={v}") for k, v in task.env.items()]
    words += [shlex.quote(a) for a in task.argv]
    command = " ".join(words).replace("%", "\\%")  # cron reads % as a new line
    return f"{at.minute} {at.hour} * * * {command} {CRON_MARK}"


def launchd_plist(at: At, task: Job) -> str:
    import plistlib

    agent: dict[str, Any] = {
        "Label": LABEL,
        "ProgramArguments": task.argv,
        "StartCalendarInterval": {"Hour": at.hour, "Minute": at.minute},
        "RunAtLoad": False,
    }
    if task.env:
        agent["EnvironmentVariables"] = dict(task.env)
    return plistlib.dumps(agent, sort_keys=False).decode()


# --- where things go, and running the scheduler's programs ------------------------------------


def platform() -> str:
    chosen = os.environ.get("KAPDIARY_PLATFORM", "").strip().lower()
    return chosen or ("darwin" if sys.platform == "darwin" else "linux")


def systemd_dir() -> Path:
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base).expanduser() / "systemd" / "user"


def launchd_file() -> Path:
    return Path.home() / "Library" / "LaunchAgents" / f"{LABEL}.plist"


@dataclass(frozen=True)
class Ran:
    code: int
    out: str
    err: str


def call(program: str, *args: str, stdin: str | None = None) -> Ran | None:
    """Run ``program`` (found on PATH) with ``args``; None when it is not there."""
    found = shutil.which(program)
    if found is None:
        return None
    try:
        done = subprocess.run(
            [found, *args],
            input=stdin,
            capture_output=True,
            text=True,
            timeout=_TIMEOUT,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        return Ran(127, "", str(exc))
    return Ran(done.returncode, done.stdout, done.stderr)


def _ok(ran: Ran | None) -> bool:
    return ran is not None and ran.code == 0


# --- installing, listing, removing ----------------------------------------------------------


@dataclass
class Installed:
    """One thing kapdiary put in place for the reminder."""

    way: str  # SYSTEMD, CRON, LAUNCHD
    where: str  # a file, or "crontab"
    at: str | None  # the time it fires, as read back
    detail: str = ""  # the cron line, or whether the timer is active

    def as_json(self) -> dict[str, Any]:
        return {"way": self.way, "where": self.where, "at": self.at, "detail": self.detail}


@dataclass
class Outcome:
    way: str  # how it was installed: SYSTEMD, CRON, LAUNCHD or BY_HAND
    at: At
    where: str  # the files, "crontab", or the line to add by hand
    tried: list[str] = field(default_factory=list)  # why the better ways did not work


def install(at: At, task: Job) -> Outcome:
    """Put the reminder in place, replacing one set before (whichever way it was)."""
    remove()
    tried: list[str] = []
    if platform() == "darwin":
        where = _install_launchd(at, task, tried)
        if where is not None:
            return Outcome(LAUNCHD, at, where, tried)
    else:
        where = _install_systemd(at, task, tried)
        if where is not None:
            return Outcome(SYSTEMD, at, where, tried)
    line = cron_line(at, task)
    if _install_cron(line, tried):
        return Outcome(CRON, at, "crontab", tried)
    return Outcome(BY_HAND, at, line, tried)


def _install_systemd(at: At, task: Job, tried: list[str]) -> str | None:
    if shutil.which("systemctl") is None:
        tried.append(said.no_program("systemctl"))
        return None
    if not _ok(call("systemctl", "--user", "show-environment")):
        tried.append(said.NO_USER_SESSION)
        return None
    from kapdiary.storage import atomic_write

    folder = systemd_dir()
    written = []
    for name, text in systemd_units(at, task).items():
        atomic_write(folder / name, text)
        written.append(folder / name)
    reload = call("systemctl", "--user", "daemon-reload")
    enable = None
    if _ok(reload):
        enable = call("systemctl", "--user", "enable", "--now", f"{NAME}.timer")
    if _ok(enable):
        return ", ".join(str(p) for p in written)
    tried.append(said.systemctl_failed(enable or reload))
    _remove_systemd()
    return None


def _install_launchd(at: At, task: Job, tried: list[str]) -> str | None:
    if shutil.which("launchctl") is None:
        tried.append(said.no_program("launchctl"))
        return None
    from kapdiary.storage import atomic_write

    plist = launchd_file()
    atomic_write(plist, launchd_plist(at, task))
    loaded = call("launchctl", "bootstrap", f"gui/{os.getuid()}", str(plist))
    if not _ok(loaded):
        loaded = call("launchctl", "load", "-w", str(plist))  # macOS before 10.11
    if _ok(loaded):
        return str(plist)
    tried.append(said.launchctl_failed(loaded))
    plist.unlink(missing_ok=True)
    return None


def _crontab() -> list[str] | None:
    """The user's crontab lines (none yet: empty); None when crontab cannot be used."""
    ran = call("crontab", "-l")
    if ran is None:
        return None
    if ran.code != 0:
        return [] if "no crontab" in ran.err.lower() else None
    return ran.out.splitlines()


def _install_cron(line: str, tried: list[str]) -> bool:
    lines = _crontab()
    if lines is None:
        tried.append(said.no_program("crontab"))
        return False
    kept = [existing for existing in lines if not existing.rstrip().endswith(CRON_MARK)]
    if _ok(call("crontab", "-", stdin="\n".join([*kept, line]) + "\n")):
        return True
    tried.append(said.CRONTAB_REFUSED)
    return False


def status() -> list[Installed]:
    """Everything in place for the reminder, whichever way it was installed."""
    found: list[Installed] = []
    timer, service = (systemd_dir() / f"{NAME}.{kind}" for kind in ("timer", "service"))
    at = _read_at(timer, re.compile(r"OnCalendar=\*-\*-\* ([0-9]{2}:[0-9]{2})"))
    if timer.is_file():
        active = call("systemctl", "--user", "is-active", timer.name)
        found.append(Installed(SYSTEMD, str(timer), at, active.out.strip() if active else ""))
    if service.is_file():
        found.append(Installed(SYSTEMD, str(service), at))
    if launchd_file().is_file():
        found.append(Installed(LAUNCHD, str(launchd_file()), _plist_at(launchd_file())))
    for line in _crontab() or []:
        if line.rstrip().endswith(CRON_MARK):
            minute, hour = line.split()[:2]
            at = f"{int(hour):02d}:{int(minute):02d}" if (hour + minute).isdigit() else None
            found.append(Installed(CRON, "crontab", at, line))
    return found


def _read_at(path: Path, pattern: re.Pattern[str]) -> str | None:
    try:
        match = pattern.search(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return None
    return match[1] if match else None


def _plist_at(path: Path) -> str | None:
    import plistlib

    try:
        when = plistlib.loads(path.read_bytes())["StartCalendarInterval"]
        return f"{int(when['Hour']):02d}:{int(when['Minute']):02d}"
    except (OSError, ValueError, KeyError, TypeError, plistlib.InvalidFileException):
        return None


def remove() -> list[Installed]:
    """Take away everything ``status`` finds; returns what was removed."""
    found = status()
    ways = {item.way for item in found}
    if SYSTEMD in ways:
        _remove_systemd()
    if LAUNCHD in ways:
        call("launchctl", "bootout", f"gui/{os.getuid()}", str(launchd_file()))
        launchd_file().unlink(missing_ok=True)
    if CRON in ways:
        lines = _crontab() or []
        kept = [line for line in lines if not line.rstrip().endswith(CRON_MARK)]
        if not _ok(call("crontab", "-", stdin="".join(f"{line}\n" for line in kept))):
            raise KapdiaryError(said.CRONTAB_NOT_CHANGED)
    return found


def _remove_systemd() -> None:
    call("systemctl", "--user", "disable", "--now", f"{NAME}.timer")
    for name in (f"{NAME}.timer", f"{NAME}.service"):
        (systemd_dir() / name).unlink(missing_ok=True)
    call("systemctl", "--user", "daemon-reload")


# --- when it fires ----------------------------------------------------------------------------

WRITTEN, NOTIFIED, NO_DESKTOP, NO_NOTIFIER, FAILED = (
    "written",
    "notified",
    "no desktop",
    "no notifier",
    "failed",
)


def written_on(home: Home, day: date) -> bool:
    """Whether ``day`` has an entry, told from file names alone: kapdiary names every entry
    ``entries/YYYY/MM/YYYY-MM-DD-TEMPLATE.md`` (``.md.age`` when encrypted) after its diary
    day, so no entry is opened, no key asked for and no index needed (a timer has no
    terminal to ask a passphrase on). Links are not entries (the index never reads them)."""
    folder = home.entries / f"{day.year:04d}" / f"{day.month:02d}"
    prefix = f"{day.isoformat()}-"
    try:
        with os.scandir(folder) as listing:
            return any(
                item.name.startswith(prefix)
                and item.name.lower().endswith((".md", ".md.age"))
                and item.is_file(follow_symlinks=False)
                for item in listing
            )
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        raise KapdiaryError(said.cannot_look(folder, exc.strerror)) from exc


def draft_waiting(home: Home, day: date) -> bool:
    """Whether a draft of ``day`` is waiting, from the drafts' names (never opened)."""
    from kapdiary.drafts import day_in_name

    try:
        names = [p.name for p in home.drafts.iterdir() if not p.is_symlink()]
    except OSError:
        return False  # no drafts folder; an unreadable one is `doctor`'s to name
    return any(day_in_name(name) == day for name in names)


def fire(written_today: bool, has_draft: bool) -> str:
    """Notify, unless today's entry is written; returns what happened (for the log)."""
    if written_today:
        return WRITTEN
    title, text = said.NOTIFY_TITLE, said.notify_text(has_draft)
    if platform() == "darwin":
        script = f"display notification {_apple_string(text)} with title {_apple_string(title)}"
        ran = call("osascript", "-e", script)
    else:
        env = _desktop()
        if env is None:
            return NO_DESKTOP
        os.environ.update(env)
        ran = call("notify-send", "--app-name=kapdiary", title, text)
    if ran is None:
        return NO_NOTIFIER
    return NOTIFIED if ran.code == 0 else FAILED


def _apple_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _desktop() -> dict[str, str] | None:
    """What notify-send needs to reach the desktop, or None when there is none.

    cron starts jobs without the session's variables; the session bus at
    ``/run/user/UID/bus`` is found by itself.
    """
    if os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        return {}
    bus = Path(os.environ.get("XDG_RUNTIME_DIR") or f"/run/user/{os.getuid()}") / "bus"
    if bus.exists():
        return {"DBUS_SESSION_BUS_ADDRESS": f"unix:path={bus}"}
    if os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return {}
    return None
