"""What kapdiary says about intentions."""

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
