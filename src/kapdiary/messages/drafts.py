"""What kapdiary says about unfinished entries: `kapdiary drafts`, resume and discard."""

from __future__ import annotations

from datetime import date


def what_to_do_with_drafts() -> str:
    return (
        "Carry one on with `kapdiary drafts resume NAME`, read it with `kapdiary drafts show "
        "NAME`, let it go with `kapdiary drafts discard NAME`."
    )


def draft_discarded(name: object, kept: object) -> str:
    return f"Discarded {name}; it is kept for 90 days in {kept}."


def no_unfinished_entries() -> str:
    return "No unfinished entries."


def draft_in_use(name: object) -> str:
    return f"{name} is being written in another window right now; finish or stop it there first"


def discard_needs_yes(name: object) -> str:
    return f"discarding asks first; add --yes to discard {name}"


def several_drafts_that_day(count: object, day: object, names: object) -> str:
    return f"{count} drafts are for {day}; give one name: {names}"


def no_draft_that_day(day: object) -> str:
    return f"there is no draft for {day}; `kapdiary drafts` lists them"


def not_a_draft_of_this_diary(key: object) -> str:
    return f"{key!r} is not a draft of this diary; `kapdiary drafts` lists them"


def no_such_draft(key: object) -> str:
    return f"there is no draft {key!r}; give a name or a day that `kapdiary drafts` lists"


def cannot_read(path: object, why: object) -> str:
    return f"cannot read {path}: {why}"


def no_date() -> str:
    return "no date"


def draft_notes(*, in_use: bool, broken: bool) -> str:
    """What follows a draft's line in `kapdiary drafts`: in use, or unreadable."""
    busy = " · being written now" if in_use else ""
    problem = " · its front matter does not read" if broken else ""
    return busy + problem


def ago(seconds: float) -> str:
    """``just now``, ``5 minutes ago``, ``2 days ago``."""
    minutes = max(0, int(seconds // 60))
    for size, unit in ((60 * 24, "day"), (60, "hour"), (1, "minute")):
        if minutes >= size:
            n = minutes // size
            return f"{n} {unit}{'s' if n != 1 else ''} ago"
    return "just now"


def discard_draft(template: str | None, day: date | None, size: object) -> str:
    when = day.isoformat() if day else "an unknown day"
    what = f"{template or ''} entry for {when}".lstrip()
    return f"Discard the unfinished {what} ({size})?"


def draft_kept() -> str:
    return "Kept."
