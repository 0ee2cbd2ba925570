"""What the rereading commands say: review, show, edit, revisit, search and reindex (an
entry not found, nothing written, the index rebuilt, an edit's words kept)."""

from __future__ import annotations


def all_with_a_period() -> str:
    return "--all means every entry; leave out --since, --until and --on"


def editor_left_unchanged(ended: object, path: object) -> str:
    return f"{ended}; {path} is unchanged"


def nothing_written_that_day(long_day: object, day: object) -> str:
    return f"nothing is written for {long_day}; write about it with `kapdiary write --date {day}`"


def no_such_entry_file(target: object) -> str:
    return f"there is no entry file {target!r}; check the path"


def entry_is_a_link(target: object) -> str:
    return f"{target!r} is a link; give the entry file itself, or a date"


def not_an_entry_of_this_diary(target: object, entries: object) -> str:
    return (
        f"{target!r} is not an entry of this diary; give a date, or an entry file under {entries}"
    )


def several_entries_that_day(count: object, paths: object) -> str:
    return f"there are {count} entries that day; give one path: {paths}"


def choose_a_number(count: object) -> str:
    return f"Choose a number from 1 to {count}."


def search_without_fts() -> str:
    return (
        "this Python's SQLite has no full-text search (FTS5), so every entry was read for this "
        "search: slower, and ordered by how often the words appear"
    )


def no_diary_yet(path: object) -> str:
    return (
        f"there is no diary at {path} yet; start one with `kapdiary init`, or point --home (or "
        "KAPDIARY_HOME) at your diary folder"
    )


def more_entries_with_problems(count: object) -> str:
    return f"warning: {count} more entries have problems like these"


def neither_date_nor_entry(target: object) -> str:
    return (
        f"{target!r} is neither a date nor an entry file; use YYYY-MM-DD, today, yesterday or a "
        "weekday name, or give the path of an entry file"
    )


def which_one() -> str:
    return "Which one"


def nothing_older_than_a_week() -> str:
    return "There are no entries older than a week yet. They will come."


def nothing_on_revisit_days() -> str:
    return (
        "Nothing was written a week, a month, three months or a year ago. Try `kapdiary "
        "revisit --random`, or `kapdiary review --all --list`."
    )


def no_earlier_version(path: object, keep_days: object) -> str:
    return (
        f"there is no earlier version of {path} to bring back (versions are kept for {keep_days}"
        " days after an edit)"
    )


def cannot_read(path: object, why: object) -> str:
    return f"cannot read {path}: {why}"


def not_utf8_will_not_edit(path: object, byte: object) -> str:
    return (
        f"{path} is not UTF-8 text (byte {byte}), so kapdiary will not edit it; re-save it as "
        "UTF-8 in an editor"
    )


def cannot_read_kept_version(path: object, problem: object) -> str:
    return f"cannot read the kept version {path}: {problem}"


def not_in_the_diary(original: object, home: object) -> str:
    return f"{original} is not in the diary at {home}"


def cannot_read_kept_versions(folder: object, why: object) -> str:
    return f"cannot read the kept versions in {folder}: {why}"


def editor_stopped() -> str:
    return "the editor was stopped"


def indexed(
    entries: object, seconds: float, path: object, *, fts: bool, encrypted: bool = False
) -> str:
    without = "" if fts else " (without full-text search: this SQLite has no FTS5)"
    sealed = " (encrypted, like the diary)" if encrypted else ""
    return (
        f"Indexed {entries} in {seconds:.1f} s{without}. "
        f"The index is {path}{sealed}; deleting it is always safe."
    )


def editor_ended(how: object) -> str:
    """``how``: kapdiary.editor.ended's words (``exited with status 3``)."""
    return f"the editor {how}"


def no_entries(period: object | None, *, filtered: bool) -> str:
    """Nothing to review: in ``period`` (None: at all), with filters or without."""
    if period is None:
        if filtered:
            return "No entry matches these filters."
        return "No entries yet. Write the first one with `kapdiary write`."
    if filtered:
        return f"No entries match in {period}. Try a longer period with --since 3m, or --all."
    return (
        f"No entries in {period}. Write one with `kapdiary write`, "
        "or look further back with --since 30d."
    )


def index_rebuilt(reason: str, count: object, seconds: float) -> str | None:
    """Why the index was (re)built, said once; None for a reason not worth a word."""
    notices = {
        "damaged": f"the index was damaged, so it was rebuilt from your {count}; "
        "your entries are untouched",
        "version": "the index was made by another version of kapdiary, so it was rebuilt "
        f"({count})",
        "fts": f"rebuilt the index with full-text search ({count})",
        "missing": f"indexed your {count} for fast reading ({seconds:.1f} s); this happens once",
    }
    return notices.get(reason)


def from_your_diary() -> str:
    """revisit --random's heading."""
    return "From your diary"


def edit_left_it_empty() -> str:
    return "the edit left the entry empty"


def edit_removed_front_matter() -> str:
    return "the edit removed the front matter (the lines between `---` with the date)"


def edited_front_matter_unreadable(line: int | None, problem: object) -> str:
    where = f" (line {line})" if line else ""
    return f"the edited front matter does not read{where}: {problem}"


def one_year_ago() -> str:
    return "One year ago"


def one_week_ago() -> str:
    return "One week ago"


def one_month_ago() -> str:
    return "One month ago"


def three_months_ago() -> str:
    return "Three months ago"
