"""What `kapdiary delete`, `kapdiary restore` and `intention remove` say (kapdiary.deleting)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdiary.deleting import Kept


def gone_meanwhile(path: Path) -> str:
    return f"{path} is no longer there (deleted or moved meanwhile); nothing was changed"


def too_many_versions(original: Path, folder: Path) -> str:
    return f"cannot keep {original} in {folder}: too many versions at once; try again"


def cannot_delete(path: Path, reason: str) -> str:
    return f"cannot delete {path} ({reason}); nothing was changed"


def ask_delete(heading: str, shown: str, words: int) -> str:
    return f"Delete {heading} ({words} words, {shown})? `kapdiary restore` can bring it back."


def needs_yes(shown: str) -> str:
    return f"deleting asks first; run it in a terminal, or add --yes to delete {shown}"


def kept_not_deleted() -> str:
    return "Nothing was deleted."


def deleted(shown: str, kept: Path, name: str) -> str:
    return f"Deleted {shown}. It is kept in {kept}; `kapdiary restore {name}` brings it back."


def nothing_kept() -> str:
    return "Nothing deleted or discarded is kept; there is nothing to restore."


def restore_how() -> str:
    return (
        "Bring one back with `kapdiary restore KEY` (a KEY above, or a day). "
        "Each is kept for at least 90 days."
    )


def restored(kept: Kept, shown: str) -> str:
    if kept.kind == "draft":
        return f"Restored the draft {kept.name} to {shown}; `kapdiary drafts` lists it."
    return f"Restored {shown}."


def taken(kept: Kept) -> str:
    what = "a draft" if kept.kind == "draft" else "an entry"
    return (
        f"{what} has been written at {kept.original} since this one was put away, and "
        f"restoring never overwrites; the one put away stays in {kept.path}. Delete or move "
        f"the one there now first, or copy what you want from {kept.path} by hand"
    )


def kept_gone(kept: Kept) -> str:
    return f"{kept.path} is no longer there (restored or removed meanwhile); nothing was changed"


def no_such(key: str) -> str:
    return (
        f"nothing deleted or discarded is called {key!r}; `kapdiary restore` lists what can "
        "be brought back"
    )


def nothing_that_day(day: date) -> str:
    return (
        f"nothing deleted or discarded is from {day.isoformat()}; `kapdiary restore` lists "
        "what can be brought back"
    )


def several_that_day(day: date, keys: list[str]) -> str:
    return f"{len(keys)} things put away are from {day.isoformat()}; give one: {' or '.join(keys)}"


# --- intentions ---------------------------------------------------------------------------------


def intention_rated(intention_id: str, count: int, first: str) -> str:
    entries = "entry rates" if count == 1 else "entries rate"
    return (
        f"{count} {entries} {intention_id} (the first: {first}), so it can only be retired, "
        f"which keeps those ratings: `kapdiary intention retire {intention_id}`"
    )


def intention_in_draft(intention_id: str, draft: str) -> str:
    return (
        f"the unfinished entry {draft} rates {intention_id}; finish or discard it first "
        f"(`kapdiary drafts`), or retire the intention: `kapdiary intention retire {intention_id}`"
    )


def intention_unreadable(intention_id: str, count: int, first: str) -> str:
    files = "entry's front matter does" if count == 1 else "entries' front matter do"
    return (
        f"{count} {files} not read ({first}), so kapdiary cannot tell whether they rate "
        f"{intention_id}; fix them (`kapdiary doctor` names them) or retire it instead"
    )


def intention_removed(intention_id: str, text: str) -> str:
    return f"Removed {intention_id} ({text!r}); no entry had rated it."


def twin_question(existing_id: str, text: str) -> str:
    return f"You already have {text!r} ({existing_id}). Add it again as a second intention?"


def twin_refused(existing_id: str, text: str) -> str:
    return (
        f"you already have {text!r} as {existing_id}; rate that one, or add --again to make a "
        "second intention with the same words"
    )


def twin_not_added() -> str:
    return "Nothing was added."


def kept_row(kept: Kept, ago: str, *, blocked: bool) -> str:
    """One line of `kapdiary restore`'s list."""
    what = "deleted entry" if kept.kind == "entry" else "discarded draft"
    day = kept.day.isoformat() if kept.day else "no date"
    there = " · an entry is there now" if blocked else ""
    return (
        f"{day}  {what:<15}  {kept.template or '?':<10} {kept.words:>5} words  {ago:<15} "
        f"{kept.key}{there}"
    )
