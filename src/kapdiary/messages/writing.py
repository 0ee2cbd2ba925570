"""What kapdiary says while an entry is written: at the prompt, in the editor, from --set and
standard input, and after saving (a score, new intentions, the check-ins offered)."""

from __future__ import annotations


def offer_check_ins(labels: list[str]) -> str:
    return f"Would you like to do your check-ins now ({', '.join(labels)})?"


def check_ins_any_time(templates: list[str]) -> str:
    commands = ", ".join(f"kapdiary write {name}" for name in templates)
    return f"Any time: {commands}."


def later_sessions_keep_numbers(later: list[tuple[int, str]]) -> str:
    """``later``: each later session's number and day (YYYY-MM-DD), the first first."""
    numbers = ", ".join(f"session {number} on {day}" for number, day in later)
    return (
        f"kapdiary: later sessions keep their numbers ({numbers}); if they should move up, "
        f"change them with `kapdiary edit {later[0][1]}`."
    )


def intentions_not_added(offered: list[str]) -> str:
    texts = ", ".join(repr(text) for text in offered)
    return (
        f"kapdiary: not added to your intentions without asking: {texts}. Add one with "
        f'`kapdiary intention add "{offered[0]}"`, or write with --add-intentions.'
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


def not_a_field(key: object, template: object, fields: object) -> str:
    return f"{key!r} is not a field of the {template!r} template; fields: {fields}"


def answer_every_question(key: object, missing: object, first: object) -> str:
    return (
        f"{key}: answer every question for a score; still to answer: {missing} (like --set {key}"
        f".{first}=0)"
    )


def one_answer_per_question(key: object) -> str:
    return f"{key}: give one answer per question, as `question: answer` lines"


def set_takes_key_value(assignment: object) -> str:
    return f"--set takes KEY=VALUE, like --set mood=6; got {assignment!r}"


def not_a_life_area(key: object, areas: object) -> str:
    return f"{key!r} is not one of your life areas: {areas}"


def one_line_of_text(key: object) -> str:
    return f"{key}: give one line of text"


def not_one_of_its_questions(key: object, item: object, items: object) -> str:
    return f"{key}: {item!r} is not one of its questions: {items}"


def no_active_intention(key: object, active: object) -> str:
    return f"no active intention with id {key!r}; active ids: {active}"


def not_one_of_the_questions(sub: object, head: object, items: object) -> str:
    return f"{sub!r} is not one of the {head} questions: {items}"


def session_only_for_sessions() -> str:
    return (
        "session: only session entries have a number in the course; write one with `kapdiary "
        "write session`"
    )


def front_matter_date_not_a_date(value: object) -> str:
    return f"date: {value!r} is not a date; use YYYY-MM-DD"


def not_accepted(key: object, raw: object, accepts: object) -> str:
    return f"{key}: {raw!r} is not accepted; {key} takes {accepts}"


def rating_not_accepted(what: object, raw: object) -> str:
    return f"{what}: {raw!r} is not accepted; give a whole number from 0 to 10"


def one_question_at_a_time(key: object, first: object) -> str:
    return f"{key}: answer one question at a time, like --set {key}.{first}=1"


def answer_not_accepted(key: object, item: object, raw: object, answers: object) -> str:
    return f"{key}.{item}: {raw!r} is not accepted; answer {answers}"


def one_rating_at_a_time(key: object) -> str:
    return f"{key}: give one rating at a time, like --set {key}.ID=7"


def takes_one_line(key: object) -> str:
    return f"{key}: takes one line; write longer text in a section"


def questionnaire_needs_options() -> str:
    return (
        "a scored questionnaire needs its answers, scored from 0; add a line like `options: "
        "[not at all, several days, more than half the days, nearly every day]`"
    )


def questionnaire_needs_items() -> str:
    return "a scored questionnaire needs `items:`, one `key: question` line each"


def item_key_not_lowercase(bad: object) -> str:
    return f"item key {bad!r} must be lowercase letters, digits and _, like sleep"


def questionnaire_needs_bands() -> str:
    return "add `bands:`, the lowest score of each band, like `{0: low, 5: high}`"


def safety_item_unknown(unknown: object) -> str:
    return f"safety names {unknown!r}, which is not one of the items"


def bands_start_at_zero() -> str:
    return "bands must start at 0 and go up, like `{0: minimal, 5: mild}`"


def band_above_highest(starts: object, highest: object) -> str:
    return f"the band from {starts} is above the highest score, {highest}"


def front_matter_never_ends() -> str:
    return "the front matter starts with --- but never ends; add a line with --- after it"


def front_matter_not_key_value() -> str:
    return "the front matter must be key: value lines (like `date: 2026-11-21`)"


def fix_the_yaml(problem: object) -> str:
    return f"{problem}; fix the YAML between the --- lines"


def not_valid_yaml(problem: object) -> str:
    return f"not valid YAML ({problem})"


def fix_the_value(reason: object) -> str:
    return f"{reason}; fix the value between the --- lines"


def no_editor_found() -> str:
    return "no editor found; set $EDITOR (for example `export EDITOR=nano`)"


def editor_stopped_by(signal_name: object) -> str:
    """How an editor ended, after ``the editor``: stopped by a signal ..."""
    return f"was stopped by {signal_name}"


def editor_exited(code: object) -> str:
    """... or exited with a status other than 0."""
    return f"exited with status {code}"


def not_saved(problem: object, draft: object | None) -> str:
    """Saving failed at the prompt: where the words are (``draft`` None: nowhere)."""
    if draft is None:
        return (
            f"{problem}; nothing was saved and no draft could be kept: your words are only on "
            "the screen above, so copy them before closing this window"
        )
    return f"{problem}; your words are kept in {draft}"


def enter_keeps(current: object | None) -> str:
    """What Enter does at a question: keeps the answer so far, or skips."""
    return f"Enter keeps {current}" if current is not None else "Enter to skip"


def front_matter_too_deep() -> str:
    return (
        "the front matter nests too deeply or refers to itself (YAML & and * aliases); write "
        "the values out plainly"
    )


def date_out_of_range(day: object) -> str:
    return f"the date {day}; correct the date line (it is shown, but left out of the figures)"


def private_key_twice() -> str:
    return "the private key is given more than once"


def dated_by_file_name() -> str:
    return "no front matter; the entry's date is taken from its file name"


def not_a_value() -> str:
    return "not a value"


def date_not_a_date(raw: object) -> str:
    return f"date {raw!r} is not a date; use YYYY-MM-DD"


def front_matter_without_date() -> str:
    return "the front matter has no date; add a line like `date: 2026-11-21`"


def not_valid_yaml_plain() -> str:
    return "not valid YAML"


def no_active_intentions() -> str:
    return "none (add one with `kapdiary intention add`)"


def accepts_a_scale() -> str:
    return "a whole number between min and max (default 0 to 10)"


def accepts_whole_number(low: object, high: object) -> str:
    return f"a whole number from {low} to {high}"


def accepts_a_number() -> str:
    return "any number, optionally between min and max, with a unit"


def accepts_one_option() -> str:
    return "one of the options: its number, its words, or a word or start of it"


def accepts_one_of(options: object) -> str:
    return f"one of: {options}"


def accepts_any_options() -> str:
    return "any of the options, comma-separated, by words or numbers"


def accepts_any_of(options: object) -> str:
    return f"any of (comma-separated): {options}"


def accepts_yes_no() -> str:
    return "yes or no"


def accepts_yes_no_short() -> str:
    return "yes or no (y/n)"


def accepts_a_line() -> str:
    return "a short line of text"


def accepts_tags() -> str:
    return "words to find the entry by later, comma-separated"


def accepts_tags_by_commas() -> str:
    return "tags separated by commas or spaces, like family, insight"


def accepts_a_list() -> str:
    return "a few short lines, one per line"


def accepts_a_list_by_semicolons() -> str:
    return "a few short lines (separate them with ;)"


def accepts_a_questionnaire() -> str:
    return "a questionnaire: each item answered 0 to 3 (or its words), summed"


def accepts_each_question(options: object) -> str:
    return f"for each question: {options}"


def accepts_ratings() -> str:
    return "a whole number from 0 to 10 for each"


def accepts_intention_ratings() -> str:
    return "a 0–10 rating for each active intention, with a short note"


def accepts_area_ratings() -> str:
    return "a 0–10 rating for each life area (all, or those listed)"


def accepts_number_between(low: object, high: object, unit: object) -> str:
    return f"a number from {low} to {high}{unit}"


def accepts_number_at_least(low: object, unit: object) -> str:
    return f"a number of at least {low}{unit}"


def accepts_number_up_to(high: object, unit: object) -> str:
    return f"a number up to {high}{unit}"


def scale_min_not_below_max(low: object, high: object) -> str:
    return f"the scale's min ({low}) must be below its max ({high}); swap them"


def min_above_max(low: object, high: object) -> str:
    return f"min ({low}) is above max ({high}); swap them"


def choice_needs_options() -> str:
    return "a choice needs options; add a line like `options: [low, medium, high]`"


def options_not_distinct() -> str:
    return "two options have the same words; make each option different"
