"""What `kapdiary doctor` finds and says to do: each finding's description and its fix."""

from __future__ import annotations


def made_private(made: object) -> str:
    return f"  made private: {made}"


def not_fixed(path: object, note: object) -> str:
    return f"Not fixed: {path}: {note}"


def not_for_doctor() -> str:
    return "not something doctor fixes"


def open_to_others(what: object, mode: object, wanted: object) -> str:
    return f"{what} is open to other users ({mode:04o}); it should be {wanted:04o}"


def fix_sets_mode(mode: object) -> str:
    return f"run `kapdiary doctor --fix` (it sets {mode:04o})"


def a_link_to(target: object, where: object, reads: object) -> str:
    return f"a link to {target}{where}; {reads}"


def not_an_entry(what: object) -> str:
    return f"{what} among the entries; kapdiary does not read it"


def save_words_as_entry() -> str:
    return (
        "if it holds words of yours, save them as an entry (a .md file with front matter); "
        "otherwise move it out of entries/"
    )


def sync_conflict_copy(reads: object) -> str:
    return f"a copy a sync tool made when the file changed in two places at once{reads}"


def stale_lock() -> str:
    return "a lock left by an interrupted write; its draft is gone"


def fix_removes_it() -> str:
    return "run `kapdiary doctor --fix` to remove it"


def entry_without_words() -> str:
    return "an entry with no words"


def dated_by_file_name(day: object) -> str:
    return f"no front matter; its date ({day}) is taken from the file name"


def date_into_front_matter(edit: object, day: object) -> str:
    return (
        f"fine as it is; to keep the date with the text, open it with {edit} and add `---`, "
        f"`date: {day}`, `---` at the top"
    )


def private_flag_unclear(reason: object) -> str:
    return (
        f"the private flag is unclear ({reason}); exports leave the entry out until it says plainly"
    )


def private_flag_fix(path: object) -> str:
    return (
        f"open it with `kapdiary edit {path}` and keep one line, `private: true` or `private: "
        "false`"
    )


def rating_out_of_range(name: object, value: object, low: object, high: object) -> str:
    return (
        f"{name} {value} is not a number from {low} to {high}, so it is left out of your progress"
    )


def give_a_rating(edit: object, low: object, high: object, at: object) -> str:
    return f"open it with {edit} and give a number from {low} to {high}{at}"


def draft_without_words() -> str:
    return "a draft with no words"


def unfinished_entry(what: object, day: object, words: object, broken: object) -> str:
    return f"an unfinished {what}entry{day} ({words}), kept when writing stopped{broken}"


def carry_on_with_draft(template: str | None) -> str:
    command = f"kapdiary write {template} --resume" if template else "kapdiary write --resume"
    return (
        f"run `{command}` to carry on with it (the newest draft comes first); "
        "doctor never deletes a draft"
    )


def template_without_words() -> str:
    return "a template with nothing in it"


def template_does_not_load(problem: object, more: object) -> str:
    return f"the template does not load: {problem}{more}"


def template_check_shows_all(path: object) -> str:
    return f"`kapdiary template check {path}` shows every problem with its fix"


def index_unusable(reason: object) -> str:
    return (
        f"the index cannot be used ({reason}), so every command reads your entry files "
        "directly, which is slower; your entries are not affected"
    )


def changed_since_looked() -> str:
    return "it changed since doctor looked; left as it is"


def home_not_a_folder() -> str:
    return "the diary folder is not a folder"


def home_not_a_folder_fix() -> str:
    return "move the file away, or give your diary's folder with --home"


def dangling_link(target: object) -> str:
    return f"a link to {target}, which does not exist"


def dangling_link_fix(path: object) -> str:
    return f"remove the link (`rm {path}`) or put back what it points to"


def save_in_progress() -> str:
    return "a save in progress, or one interrupted in the last few minutes"


def save_in_progress_fix() -> str:
    return "nothing to do now; if it is still here in 10 minutes, run `kapdiary doctor` again"


def empty_file(what: object) -> str:
    return f"an empty file: {what}"


def empty_file_fix(path: object) -> str:
    return f"delete it if you do not need it (`rm {path}`)"


def huge_file(megabytes: object) -> str:
    return (
        f"{megabytes:.0f} MB, far more than an entry; every command that reads it is slower, "
        "and doctor did not look inside"
    )


def huge_file_fix() -> str:
    return "check it belongs in the diary; move it out of the diary folder if not"


def front_matter_unreadable(problem: object) -> str:
    return f"the front matter does not read: {problem}"


def open_it_with(edit: object, at: object) -> str:
    return f"open it with {edit}{at}"


def date_out_of_range(day: object) -> str:
    return f"the date {day}: the entry is shown, but left out of progress and exports' figures"


def undated_entry() -> str:
    return (
        "no front matter and no date in the file name, so kapdiary dates it by when the file "
        "last changed"
    )


def undated_entry_fix(edit: object) -> str:
    return f"open it with {edit} and add three lines at the top: `---`, `date: YYYY-MM-DD`, `---`"


def rating_empty(name: object) -> str:
    return f"{name} is empty, so it counts as not rated"


def give_a_rating_or_remove(edit: object, low: object, high: object, at: object) -> str:
    return f"open it with {edit} and give a number from {low} to {high}{at}, or remove the line"


def session_not_a_number(raw: object) -> str:
    return f"session {raw} is not a number from 1, so the session is counted instead"


def not_a_template_name(stem: object) -> str:
    return f"not used: {stem!r} is not a template name"


def rename_template() -> str:
    return "rename it with lowercase letters, digits, - and _ (like `coach-weekly.md`)"


def config_open_to_others(mode: object) -> str:
    return f"your settings file is open to other users ({mode:04o}); it should be 0600"


def config_chmod(path: object) -> str:
    return f"run `chmod 600 {path}` (it is outside the diary folder, so --fix leaves it)"


def session_number_repeated(number: object, count: object, days: object) -> str:
    return f"session {number} is written in {count} entries ({days})"


def session_number_fix(path: object) -> str:
    return (
        "if that is not right, change the `session:` line in one of them with `kapdiary edit "
        f"{path}`"
    )


def home_missing() -> str:
    return "the diary folder does not exist"


def home_missing_fix() -> str:
    return "run `kapdiary init` to start a diary here, or give your diary's folder with --home"


def home_unreadable(why: object) -> str:
    return f"the diary folder cannot be read: {why}"


def check_home_permissions(root: object) -> str:
    return f"check its owner and permissions (`ls -ld {root}`)"


def interrupted_save(size: object) -> str:
    return (
        f"left by an interrupted save; its {size} bytes may be text that was not saved anywhere "
        "else, so doctor keeps it"
    )


def interrupted_save_fix(path: object) -> str:
    return (
        f"look inside (`less {path}`), copy any words you want into an entry (`kapdiary write "
        f"--editor`), then delete it (`rm {path}`)"
    )


def unreadable(why: object) -> str:
    return f"cannot be read: {why}"


def check_file_permissions(path: object) -> str:
    return f"check its owner and permissions (`ls -l {path}`); if it is yours, `chmod 600 {path}`"


def not_utf8(byte: object) -> str:
    return f"not UTF-8 text (byte {byte}); kapdiary shows it with that part garbled"


def not_utf8_fix(line: object) -> str:
    return f"open it in an editor that can re-save it as UTF-8 and check line {line}"


def ratings_not_lines(key: object) -> str:
    return f"{key} should be `name: rating` lines, one per line under `{key}:`"


def intentions_unreadable(problem: object) -> str:
    return f"your intentions do not read: {problem}"


def intentions_unreadable_fix() -> str:
    return "fix it in an editor; `kapdiary intention list` works again when it reads"


def config_unreadable_fix() -> str:
    return "fix it in an editor, or delete it to go back to the defaults"


def unknown_intention_fix(name: object, path: object) -> str:
    return (
        f'add it with `kapdiary intention add "…" --id {name}` (retire it if it is done), or '
        f"correct the id in the entry with `kapdiary edit {path}`"
    )


def written_a_moment_ago() -> str:
    return "it was written to a moment ago; left as it is"


def folder_unreadable(why: object) -> str:
    return f"kapdiary cannot look inside this folder: {why}"


def check_folder_permissions(folder: object) -> str:
    return (
        f"check its owner and permissions (`ls -ld {folder}`); if it is yours, `chmod 700 {folder}`"
    )


def could_not(problem: object) -> str:
    return f"could not: {problem}"


def draft_in_use_again() -> str:
    return "its draft is in use again; left as it is"


def holds_unsaved_text() -> str:
    return "it holds text saved nowhere else; left as it is"


def _on_line(line: int | None, lead: str = " on line") -> str:
    return f"{lead} {line}" if line else ""


def replace_the_link(target: object | None, path: object) -> str:
    how = f" (`cp --remove-destination {target} {path}`)" if target is not None else ""
    return f"if it belongs to the diary, replace the link with the file or folder itself{how}"


def interrupted_save_kept_elsewhere(*, empty: bool) -> str:
    return "left by an interrupted save; " + (
        "it is empty" if empty else "its text is in the saved file"
    )


def correct_the_year(edit: object, line: int | None) -> str:
    return f"open it with {edit} and correct the year{_on_line(line)}"


def write_the_day(edit: object, line: int | None) -> str:
    return f"open it with {edit} and write the day as `date: YYYY-MM-DD`{_on_line(line)}"


def fix_the_line(edit: object, line: int | None) -> str:
    return f"open it with {edit}{_on_line(line, ' and fix line')}"


def write_a_session_number(path: object, line: int | None) -> str:
    return (
        f"open it with `kapdiary edit {path}` and write a whole number, like `session: 3`"
        f"{_on_line(line, ', on line')}"
    )


def unknown_intention(name: object, more: int) -> str:
    others = f" (so do {more} more entries)" if more > 0 else ""
    return f"rates the intention {name!r}, which is not in intentions.toml{others}"


def all_open_to_others(things: object) -> str:
    return f"{things} are open to other users; folders should be 0700 and files 0600"


def fix_makes_them_private() -> str:
    return "run `kapdiary doctor --fix` to make them private"


def things_with_modes(kinds: dict[str, list[int | None]]) -> str:
    """``2 folders (0755) and 13 files (0644)``: each kind's count and modes."""
    parts = []
    for kind, modes in kinds.items():
        if modes:
            listed = ", ".join(f"{m:04o}" for m in sorted({m for m in modes if m is not None}))
            plural = kind if len(modes) == 1 else f"{kind}s"
            parts.append(f"{len(modes)} {plural}" + (f" ({listed})" if listed else ""))
    return " and ".join(parts)


def until_then_dated_by_change() -> str:
    return "; until then kapdiary dates it by when the file last changed"


def edit_command(path: object) -> str:
    return f"`kapdiary edit {path}`"


def until_then_dated_by_name(day: object) -> str:
    return f"; until then its date ({day}) is taken from the file name"


def the_diary_folder() -> str:
    return "the diary folder"


def outside_the_diary_folder() -> str:
    return " outside the diary folder"


def links_not_read() -> str:
    return (
        "kapdiary does not read links among the entries, so it is in no review, search, figure "
        "or export"
    )


def link_read_through() -> str:
    return (
        "kapdiary reads through it, but doctor does not look inside, --fix leaves it alone, "
        "and backups or sync tools may skip it"
    )


def until_then_read_as_entry() -> str:
    return "; until then kapdiary reads it as one more entry"


def compare_with_original(shown: object, edit: object) -> str:
    return (
        f"compare it with {shown}, copy what you want to keep into that file{edit}, then delete "
        "the copy"
    )


def compare_with_other_copies(shown: object) -> str:
    return f"compare it with your other copies, keep what you need as {shown}, then delete the copy"


def date_is_not_a_date(value: object) -> str:
    return f"date {value} is not a date"


def front_matter_has_no_date() -> str:
    return "the front matter has no date"


def on_line(line: object) -> str:
    return f" on line {line}"


def front_matter_unreadable_in_draft(problem: object) -> str:
    return f"; its front matter does not read ({problem})"


def and_more(count: object) -> str:
    return f" (and {count} more)"


def this_folder() -> str:
    return "this folder"


def this_file() -> str:
    return "this file"


def edit_it(path: object) -> str:
    return f" (`kapdiary edit {path}`)"


def and_fix_line(line: object) -> str:
    return f" and fix line {line}"


def not_a_regular_file() -> str:
    return "not a regular file"


def not_a_markdown_file(suffix: object) -> str:
    return f"not a Markdown file ({suffix})"


def a_hidden_file() -> str:
    return "a hidden file"


def a_hidden_folder() -> str:
    return "a hidden folder"
