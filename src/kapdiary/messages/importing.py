"""What `kapdiary import` says: the preview, the problems, the summary."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kapdiary.importers import Plan, Written

FORMATS_HINT = "jrnl, dayone, daylio or markdown"


def photo_not_copied(file: str | None, kind: str | None) -> str:
    what = kind or "photo"
    where = f" {file} in the Day One export" if file else " in the Day One export"
    return f"[{what} not copied:{where}]"


def unknown_format(given: str) -> str:
    return f"--from {given!r} is not a format kapdiary imports; use {FORMATS_HINT}"


def no_such_source(path: Path) -> str:
    return f"{path} does not exist; give the path of the journal file or folder to import"


def cannot_tell(path: Path) -> str:
    return (
        f"cannot tell what kind of journal {path} is; "
        f"say it with --from ({FORMATS_HINT}), see `kapdiary import --help`"
    )


def cannot_read(path: Path, why: str) -> str:
    return f"cannot read {path} ({why}); check the path and its permissions"


def not_a_folder(path: Path) -> str:
    return f"{path} is not a folder; --from markdown imports a folder of .md notes"


def inside_the_diary(path: Path) -> str:
    return f"{path} is inside your diary; its entries are in the diary already, nothing to import"


def a_folder(path: Path, name: str) -> str:
    return f"{path} is a folder; give the {name} export file itself"


def too_large(path: Path, limit: int) -> str:
    return f"{path} is larger than {limit // (1024 * 1024)} MB, more than a journal; check the file"


def not_utf8(name: str, byte: int) -> str:
    return (
        f"{name} is not UTF-8 text (byte {byte}); convert it first, for example with "
        "`iconv -f latin1 -t utf-8`"
    )


def no_journal_json(path: Path) -> str:
    return f"{path} holds no Journal.json; give the .zip Day One made with Export → JSON"


def bad_zip(path: Path, why: str) -> str:
    return f"{path} cannot be opened as a .zip ({why}); export it again from Day One"


def unreadable(path: Path, name: str, problem: str) -> str:
    return f"{path} cannot be read as a {name} export: {problem}"


def out_of_years(day: date | None) -> str:
    from kapdiary.dates import FIRST_YEAR, LAST_YEAR

    shown = day.isoformat() if day else "its date"
    return f"{shown} is outside the years {FIRST_YEAR}–{LAST_YEAR} kapdiary keeps; skipped"


NOT_UTF8_TEXT = "its text holds characters that cannot be saved as UTF-8 (lone surrogates); skipped"


def repeated(first: str) -> str:
    return f"the same entry as {first}; imported once"


def stopped(why: str, done: int) -> str:
    return (
        f"{why}. {done} entries were imported before this; fix it and run the same import "
        "again, it carries on where it stopped"
    )


def _entries(n: int) -> str:
    return f"{n} {'entry' if n == 1 else 'entries'}"


def preview(plan: Plan) -> list[str]:
    """What the import will do, before anything is written."""
    lines = [f"Importing from {plan.source.label}: {_entries(plan.found)} found."]
    if plan.new and plan.first and plan.last:
        span = plan.first.isoformat()
        if plan.last != plan.first:
            span += f" to {plan.last.isoformat()}"
        lines.append(f"  new       {_entries(len(plan.new))}, {span}")
    else:
        lines.append("  new       none")
    if plan.already:
        lines.append(f"  already   {_entries(plan.already)} imported before, left as they are")
    if plan.deleted:
        lines.append(
            f"  deleted   {_entries(plan.deleted)} imported before and deleted since, not brought "
            "back (`kapdiary restore` lists them)"
        )
    private = sum(p.item.private for p in plan.new)
    if private:
        lines.append(f"  private   {_entries(private)} marked private in the source stay private")
    lines += [f"  skipped   {p.where}: {p.problem}" for p in plan.repeated]
    lines += [
        f"  {'skipped' if p.skipped else 'note':<9} {p.where}: {p.problem}" for p in plan.problems
    ]
    return lines


def summary(plan: Plan, written: Written, home: Path) -> str:
    done = len(written.paths)
    line = f"Imported {_entries(done)} from {plan.source.label} into {home}."
    if written.meanwhile:
        line += f" {_entries(written.meanwhile)} had been imported meanwhile by another run."
    if plan.skipped:
        line += f" {plan.skipped} skipped (listed above); the rest are in your diary."
    if done and plan.first:
        line += (
            f" `kapdiary review --template imported --since {plan.first.isoformat()}` shows them."
        )
    return line


def nothing_new(plan: Plan) -> str:
    deleted = _entries(plan.deleted) + " imported before and deleted since (not brought back)"
    if plan.already:
        also = f"; {deleted}" if plan.deleted else ""
        return f"Nothing new to import: {_entries(plan.already)} are in your diary already{also}."
    if plan.deleted:
        return f"Nothing new to import: {deleted}."
    return "Nothing to import."


DRY_RUN = "Nothing was written (--dry-run)."
NOT_WRITTEN = "Nothing was written."
CONFIRM = "Import these entries?"
NO_TERMINAL = (
    "import asks before writing, and there is no terminal to ask in; "
    "add --yes to import as previewed, or --dry-run to only look"
)
JSON_NEEDS = "--json cannot ask before writing; add --yes to import, or --dry-run to only look"


def bad_mood_map(given: str) -> str:
    return f"--mood {given!r} is not LABEL=N with N from 1 to 10; for example --mood 'super=9'"


NO_TAGS = (
    "No tags yet. Add them when `kapdiary write` asks, or write #tags in your text; "
    "`kapdiary import` brings the tags of another journal."
)


# --- what the importers say about one entry, row or note (importers/*.py) --------------------

JRNL_NO_ENTRIES = (
    "no jrnl entries found (each starts with a line like [2025-01-03 09:30:00 PM]); "
    "an encrypted journal must be exported first: jrnl --export json > journal.json"
)
JRNL_NO_TEXT = "the title or body is missing or not text; the entry is skipped"
DAYONE_NO_TEXT = "the text is not text; the entry is skipped"
NO_CREATION_DATE = "no creationDate"
NO_ZONE = "no timeZone, so the time is UTC"
DAYLIO_EMPTY = "empty: no header row"
NO_MOOD = "no mood; imported without one"
NOTE_LINK = "a symbolic link; kapdiary imports only the files themselves, so it is skipped"
NOTE_NO_DATE = "no date in the front matter or the file name; skipped"


def skipped(reason: str, what: str = "entry") -> str:
    return f"{reason}; the {what} is skipped"


def not_json(problem: object) -> str:
    return f"not JSON ({problem})"


JRNL_NO_ENTRIES_LIST = 'no "entries" list: not a jrnl JSON export'
DAYONE_NO_ENTRIES_LIST = 'no "entries" list: not a Day One export'
JRNL_NOT_AN_ENTRY = "not an entry (expected an object with date, time, title, body)"
NOT_AN_ENTRY = "not an entry (expected an object)"


def jrnl_not_a_date(blob: str) -> str:
    return f"[{blob}] is not a date and time jrnl writes"


def hour_without_half(blob: str, hour: int, half: str) -> str:
    return f"[{blob}]: the hour {hour} does not go with {half.upper()}"


def not_a_real_date(blob: str, problem: object) -> str:
    return f"[{blob}] is not a real date and time ({problem})"


def jrnl_bad_stamp(stamp: str) -> str:
    return f"{stamp!r} is not a date and time (YYYY-MM-DD and HH:MM)"


def bad_creation_date(stamp: str) -> str:
    return f"creationDate {stamp!r} is not a date and time"


def creation_date_out_of_years(stamp: str) -> str:
    return f"creationDate {stamp!r} is outside the years kapdiary keeps"


def unknown_zone(name: str) -> str:
    return f"time zone {name!r} is not known here, so the time is UTC"


def not_daylio(header: list[str]) -> str:
    shown = ",".join(header)[:80]
    return (
        f"the first row ({shown}) is not a Daylio export's header "
        "(full_date,date,weekday,time,mood,activities,note_title,note)"
    )


def csv_stopped(problem: object) -> str:
    return f"{problem}; the rest is skipped"


def unknown_mood(label: str, known: list[str]) -> str:
    return (
        f"the mood {label!r} is not one of {', '.join(known)}; imported without a mood "
        f"(give --mood '{label}=N' to map it to 1-10)"
    )


def daylio_bad_time(raw: str) -> str:
    return f"the time {raw!r} is not a time like 21:30 or 9:30 pm"


def daylio_hour_without_half(raw: str) -> str:
    return f"the time {raw!r} has an hour that does not go with am/pm"


def daylio_not_time_of_day(raw: str) -> str:
    return f"the time {raw!r} is not a time of day"


def daylio_bad_full_date(full: str) -> str:
    return f"the date {full!r} is not a date (YYYY-MM-DD)"


def daylio_bad_day(shown: str, year: str) -> str:
    return f"the date {shown!r} {year!r} is not a day and a year"


def daylio_not_a_month(month: str) -> str:
    return f"{month!r} is not a month"


def daylio_not_real(shown: str, year: str) -> str:
    return f"{shown} {year} is not a real date"


def note_unreadable(why: str | None) -> str:
    return f"cannot be read ({why}); skipped"


def note_too_large(megabytes: int) -> str:
    return f"larger than {megabytes} MB; skipped"


def note_not_utf8(byte: int) -> str:
    return f"not UTF-8 text (byte {byte}); skipped"


def note_front_matter(problem: str) -> str:
    return f"its front matter cannot be read ({problem}); skipped"
