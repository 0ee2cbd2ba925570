"""What kapdiary says about writing."""

from __future__ import annotations


def offer_check_ins(labels: object) -> str:
    return f"Would you like to do your check-ins now ({labels})?"


def check_ins_any_time(commands: object) -> str:
    return f"Any time: {commands}."


def later_sessions_keep_numbers(numbers: object, path: object) -> str:
    return (
        f"kapdiary: later sessions keep their numbers ({numbers}); if they should move up, "
        f"change them with `kapdiary edit {path}`."
    )


def intentions_not_added(texts: object, first: object) -> str:
    return (
        f"kapdiary: not added to your intentions without asking: {texts}. Add one with "
        f'`kapdiary intention add "{first}"`, or write with --add-intentions.'
    )


def intention_added(text: object, intention_id: object) -> str:
    return f"Added the intention {text!r} (id {intention_id})."


def stdin_not_utf8(byte: object) -> str:
    return (
        f"the text on standard input is not UTF-8 (it has byte 0x{byte:02x}); convert it first, "
        "for example with `iconv -f latin1 -t utf-8`. Nothing was saved"
    )


def offer_intention(text: object) -> str:
    return f"Add {text!r} as an intention?"


def stopped_offering_intentions(left: int) -> str:
    those_stay = "that one stays" if left == 1 else "those stay"
    return (
        f"Stopped asking; {those_stay} in your entry only. Add one any time with "
        '`kapdiary intention add "..."`.'
    )


def section_how_to_end(keep: object) -> str:
    return f"  one per line, then an empty line; {keep}"


def diary_day_heading(day: object, place: object, template: object) -> str:
    return f"Diary day {day}{place} · template {template}"


def nothing_typed_nothing_kept() -> str:
    return "Stopped. Nothing was typed, so nothing was kept."


def picking_up_where_you_left_off() -> str:
    return "Picking up where you left off; your earlier answers are kept."


def nothing_written_nothing_saved() -> str:
    return "Nothing was written, so no entry was saved."


def note_about_rating() -> str:
    return "    A note about it? (optional) "


def kept_from_draft() -> str:
    return "(kept from your draft; what you type now is added below)"


def draft_not_kept(problem: object) -> str:
    return f"  (Could not keep a draft: {problem}. Keep writing.)"


def try_again(problem: object) -> str:
    return f"  {problem}. Try again."


def rating_out_of_range() -> str:
    return "    Please give a whole number from 0 to 10, or press Enter to skip."


def answer_out_of_range(highest: object) -> str:
    return f"    Please answer with a number from 0 to {highest}, or its words."


def editor_not_found(command: object) -> str:
    return f"the editor {command!r} was not found; check $EDITOR"


def no_draft_to_resume() -> str:
    return "there is no unfinished draft to resume; start with `kapdiary write`"


def draft_stays(name: object) -> str:
    return f"It stays in your drafts: `kapdiary drafts discard {name}` lets it go."


def reread_week(words: object, period: object) -> str:
    return f"Your week: {words}, {period}"


def reread_in_full(since: object, day: object) -> str:
    return f"In full: kapdiary review --since {since} --until {day}"


def set_text_without_prompting() -> str:
    return "--set and --text write without prompting; leave out --guided/--editor/--resume"


def no_draft_for_day(template: object, day: object) -> str:
    return (
        f"there is no unfinished {template} entry for {day}; `kapdiary drafts` lists the "
        "others, `kapdiary drafts resume NAME` carries one on"
    )


def reread_nothing_written(days: object, period: object) -> str:
    return f"Nothing was written in the last {days} days ({period})."


def reread_from_memory() -> str:
    return "That is all right: look back on the week from memory."


def nothing_saved_run_again(problem: object) -> str:
    return f"{problem}. Nothing was saved, so keep your text and run the command again"


def draft_cannot_be_resumed_at_prompt(path: object, problem: object) -> str:
    return (
        f"the draft {path} cannot be carried on at the prompt ({problem}); run `kapdiary write "
        "--resume --editor` to fix it there"
    )


def reread_unavailable(period: object) -> str:
    return f"Your week ({period}) cannot be shown just now."


def text_kept_fix_in_editor(problem: object, draft_path: object) -> str:
    return (
        f"{problem}. Your text is kept in {draft_path}; run `kapdiary write --resume --editor` "
        "to fix it"
    )


def text_kept(problem: object, draft_path: object) -> str:
    return f"{problem}; your text is kept in {draft_path}"


def editor_failed_text_kept(ended: object, draft_path: object) -> str:
    return (
        f"the editor {ended}; your text is kept in {draft_path}. Run `kapdiary write --resume "
        "--editor` to carry on"
    )


def editor_failed_nothing_written(ended: object) -> str:
    return (
        f"the editor {ended} and nothing was written; check $EDITOR (or `kapdiary config set "
        "editor ...`) and try again"
    )
