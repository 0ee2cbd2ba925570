"""What `kapdiary remind` says, and the words of the reminder itself (kapdiary.reminders)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdiary.reminders import Installed, Outcome, Ran

UNIT_DESCRIPTION = "kapdiary: a reminder to write, when today has no entry yet"
TIMER_DESCRIPTION = "kapdiary: the evening reminder"
NOTIFY_TITLE = "kapdiary"
NO_USER_SESSION = "systemd has no user session here (`systemctl --user` does not answer)"
CRONTAB_REFUSED = "crontab did not take the new line"
CRONTAB_NOT_CHANGED = (
    "crontab did not take the change, so the reminder's line is still there; "
    "remove the line ending in `# kapdiary-remind` with `crontab -e`"
)


def bad_time(text: str) -> str:
    return (
        f"{text.strip()!r} is not a time kapdiary reads; give HH:MM on the 24-hour clock, "
        "like 21:30 (9 pm) or 07:45"
    )


def notify_text(has_draft: bool) -> str:
    if has_draft:
        return "Your entry for today is waiting where you left it: `kapdiary write --resume`."
    return "A few quiet minutes for today's entry? `kapdiary write` when you are ready."


def no_program(name: str) -> str:
    return f"`{name}` is not installed"


def _said(ran: Ran | None) -> str:
    if ran is None:
        return "it is not installed"
    words = " ".join((ran.err or ran.out).split())[:160]
    return f"exit code {ran.code}" + (f": {words}" if words else "")


def systemctl_failed(ran: Ran | None) -> str:
    return f"systemctl --user could not enable the timer ({_said(ran)})"


def launchctl_failed(ran: Ran | None) -> str:
    return f"launchctl could not load the agent ({_said(ran)})"


def installed(outcome: Outcome) -> str:
    ways = {
        "systemd": f"a systemd user timer ({outcome.where})",
        "launchd": f"a launchd agent ({outcome.where})",
        "cron": "a line in your crontab (`crontab -l` shows it)",
    }
    return (
        f"Each evening at {outcome.at} you will be reminded to write, unless that day's "
        f"entry is written already. Set with {ways[outcome.way]}. "
        "`kapdiary remind off` removes it."
    )


def by_hand(outcome: Outcome) -> str:
    why = "; ".join(outcome.tried) or "no scheduler answered"
    return (
        f"no reminder could be installed ({why}); add the line above to your crontab with "
        "`crontab -e`, or to your system's scheduler"
    )


def nothing_set() -> str:
    return "No reminder is set. `kapdiary remind at 21:30` sets one."


def status_line(item: Installed) -> str:
    at = f"at {item.at}" if item.at else "at a time kapdiary cannot read"
    detail = f" ({item.detail})" if item.detail and item.way != "cron" else ""
    where = item.detail if item.way == "cron" else item.where
    return f"{item.way:<8} {at:<10} {where}{detail}"


def removed(items: list[Installed]) -> str:
    if not items:
        return "No reminder was set; nothing to remove."
    listed = ", ".join("your crontab's line" if i.way == "cron" else i.where for i in items)
    return f"Removed the reminder: {listed}."


def fired(result: str, day: date) -> str:
    return {
        "written": f"{day.isoformat()} has an entry; no reminder needed.",
        "notified": f"Reminded: {day.isoformat()} has no entry yet.",
        "no desktop": f"{day.isoformat()} has no entry yet, but there is no desktop to show it on.",
        "no notifier": (
            f"{day.isoformat()} has no entry yet, but neither notify-send nor osascript is "
            "installed to show it"
        ),
        "failed": f"{day.isoformat()} has no entry yet; the desktop notification failed.",
    }[result]


def cannot_look(folder: object, reason: object) -> str:
    return f"cannot look in {folder} for today's entry ({reason}); check its permissions"
