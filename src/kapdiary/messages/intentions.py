"""What kapdiary says about intentions: `intentions.toml` not reading, ids, and
`kapdiary intention add/edit/retire`."""

from __future__ import annotations


def intention_retired(intention_id: object, day: object) -> str:
    return f"Retired {intention_id} on {day}. Its history stays in your entries."


def not_a_life_area(area: object, areas: object) -> str:
    return f"{area!r} is not one of your life areas: {areas}"


def intention_added(text: object, intention_id: object) -> str:
    return f"Added {text!r} with id {intention_id}."


def no_intentions_yet() -> str:
    return 'No intentions yet. Add one with `kapdiary intention add "..."`.'


def say_what_to_change() -> str:
    return "say what to change: --text 'new words' and/or --area AREA"


def no_such_intention(intention_id: object, known: object) -> str:
    return f"no intention with id {intention_id!r}; known ids: {known}"


def intentions_not_a_list(path: object) -> str:
    return f"{path}: `intentions` must be a list of [[intentions]] tables"


def intention_needs_words() -> str:
    return "an intention needs some words, like 'Be present with my kids'"


def already_retired(intention_id: object, day: object) -> str:
    return f"{intention_id!r} was already retired on {day}"


def intentions_not_toml(path: object, problem: object) -> str:
    return f"{path} is not valid TOML ({problem}); fix it in an editor"


def intention_needs_id_and_text(path: object, number: object) -> str:
    return f"{path}: intention {number} needs an `id` and a `text`; add them in an editor"


def intention_date_not_a_date(path: object, value: object) -> str:
    return f"{path}: {value!r} is not a date; use YYYY-MM-DD"


def not_a_usable_id(intention_id: object) -> str:
    return f"{intention_id!r} is not a usable id; use lowercase letters, digits and -"


def id_taken(intention_id: object) -> str:
    return f"the id {intention_id!r} is taken; choose another with --id"


def intention_needs_new_words() -> str:
    return "an intention needs some words; give --text 'new words'"


def no_intentions_known() -> str:
    return "none yet (add one with `kapdiary intention add`)"
