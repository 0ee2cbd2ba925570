"""What `kapdiary export` says: options not understood, where the file may go, the
preview's question, the saved line, and the words the export itself uses ("Since our last
conversation")."""

from __future__ import annotations


def nothing_written() -> str:
    return "Nothing was written."


def confirm_needs_terminal() -> str:
    return (
        "export asks before writing, and there is no terminal to ask in; add --yes to write "
        "the file as previewed"
    )


def write_this_file() -> str:
    return "Write this file?"


def choose_another_place(folder: object, what: object) -> str:
    return f"{folder} {what}; choose another place with -o"


def already_exists(path: object) -> str:
    return f"{path} already exists; add --force to replace it, or choose another name with -o"


def cannot_write_in_folder(folder: object) -> str:
    return f"cannot write in {folder}: permission denied; choose another place with -o"


def is_a_folder(path: object) -> str:
    return f"{path} is a folder; give a file name with -o"


def not_a_plain_file(path: object, kind: object) -> str:
    return (
        f"{path} is {kind}; an export is written only to a file of its own: choose a new file "
        "name with -o"
    )


def name_has_no_ending(name: object, example: object, endings: object) -> str:
    return f"-o {name} has no ending; name it like {example} ({endings})"


def not_an_export_ending(name: object, suffix: object, endings: object) -> str:
    return f"-o {name}: kapdiary does not make {suffix} files; end the name in one of {endings}"


def format_and_name_differ(asked: object, name: object, suffix: object) -> str:
    return (
        f"--format {asked} does not match -o {name}; end the name in {suffix}, or leave out "
        "--format"
    )


def cannot_read_last_export(path: object, problem: object) -> str:
    return (
        f"cannot read {path} ({problem}); delete it: it only remembers your last export, and "
        "--since works without it"
    )


def cannot_look_at(path: object, why: object) -> str:
    return f"cannot look at {path}: {why}; choose another name with -o"


def format_unknown(names: object, name: object) -> str:
    return f"--format takes one of {names}, not {name!r}"


def without_a_kept_field(name: object) -> str:
    return f"--without {name}: every entry keeps its {name}"


def without_unknown_field(raw: object, fields: object) -> str:
    return (
        f"--without {raw!r}: no such field in these entries; fields are {fields}, or "
        "intentions.ID and areas.NAME for one of them"
    )


def export_saved(shown: object) -> str:
    return (
        f"Saved {shown} (only you can read it). Nothing was sent: share it with your coach "
        "the way you choose."
    )


def export_not_remembered(problem: object) -> str:
    return f"the file is written, but the next export cannot start from it: {problem}"


def coaching_heading() -> str:
    """The coaching section's heading in an export (Markdown and HTML)."""
    return "Since our last conversation"


def last_conversation(day: object, since: object) -> str:
    return f"Our last conversation: {day}; {since}."


def written_since(entries: object) -> str:
    """``5 entries written since then``: after the latest coaching session."""
    return f"{entries} written since then"


def earlier_coaching() -> str:
    return "Earlier coaching sessions in this period:"


def kind_of_file(kind: int) -> str:
    """What stands where the export would go (``stat.S_IFMT`` of it), in words."""
    import stat

    return {
        stat.S_IFCHR: "a device",
        stat.S_IFBLK: "a device",
        stat.S_IFIFO: "a FIFO (a named pipe)",
        stat.S_IFSOCK: "a socket",
        stat.S_IFLNK: "a link",
    }.get(kind, "not a regular file")


def your_first_export() -> str:
    return "your first export"


def the_last_days(days: object) -> str:
    return f"the last {days} days"


def same_period_as_earlier_today() -> str:
    return "the same period as your export earlier today"


def since_your_last_export(until: object) -> str:
    return f"since your last export, which went up to {until}"


def not_a_folder() -> str:
    return "is not a folder"


def does_not_exist() -> str:
    return "does not exist"


def could_not_write(path: object) -> str:
    return f"could not write {path}"


# Why an entry or a part of it stays out of an export (the preview lists these).


def cannot_be_read(problem: object) -> str:
    return f"cannot be read ({problem})"


def marked_private_when_read() -> str:
    return "marked private when it was read (the private key is given more than once)"


def the_whole_entry(reason: object) -> str:
    return f"the whole entry: {reason}"


def tag_only_in_private_part(tags: object) -> str:
    return f"{tags} is only in a private part"


def private_part(heading: object, line: object) -> str:
    return f"the part under “{heading}” (line {line} of the text)"


def another_file() -> str:
    return "another file"


def link_not_own_file(target: object) -> str:
    return f"a link to {target}; kapdiary reads only the diary's own files"


def outside_the_diary() -> str:
    return "it lies outside the diary folder"


def questionnaires_going_out(name: object, key: object, count: int, safety: list[str]) -> str:
    """The preview's line for a questionnaire's answers that go out; ``safety``: the
    self-harm items answered (their keys), each with the option that leaves it out."""
    line = f"{count} {name} questionnaire{'s' if count != 1 else ''} with every answer"
    if safety:
        return (
            f"{line}, including the answer about thoughts of self-harm; --without "
            f"{', '.join(safety)} leaves that answer out, --without {key} all the answers"
        )
    return f"{line}; --without {key} leaves the answers out"


def yes_on_days(days: object, answered: object) -> str:
    return f"yes on {days} of {answered}"


def yes_on_days_before(days: object, answered: object) -> str:
    return f"yes on {days} of {answered} before"


def no_answers_in_period() -> str:
    return "no answers in this period"


def no_earlier_answers() -> str:
    return "no earlier answers"
