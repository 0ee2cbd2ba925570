"""What kapdiary says about setup."""

from __future__ import annotations


def welcome() -> str:
    return "[bold]Welcome to kapdiary.[/bold] A few minutes each evening, kept just for you."


def diary_lives_in(path: object, source: object) -> str:
    return f"Your diary lives in [cyan]{path}[/cyan] ({source})."


def ready_each_evening() -> str:
    return "You are ready. Each evening, run [bold]kapdiary write[/bold]."


def settings_saved(path: object) -> str:
    return f"Settings saved in {path}."


def ask_for_intentions() -> str:
    return (
        "\nWhat would you like to move toward? Write one to three intentions in your own\nwords, "
        'as a direction rather than a demand ("Be gentler with myself").\nPress Enter on an '
        "empty line when you are done."
    )


def setting_saved(key: object, value: object, path: object) -> str:
    return f"{key} = {value}  (saved in {path})"


def one_to_three_intentions() -> str:
    return "start with one to three intentions; add more later with `kapdiary intention add`"


def intentions_kept() -> str:
    return "Your intentions are kept as they are:"


def your_intentions() -> str:
    return "Your intentions:"


def no_intentions_yet() -> str:
    return 'No intentions yet; add them when you are ready with `kapdiary intention add "..."`.'


def settings_kept(path: object) -> str:
    return f"Your settings are kept as they are in {path}."


def unknown_setting(key: object, settings: object) -> str:
    return f"unknown setting {key!r}; settings are: {settings}"


def to_add_more_intentions() -> str:
    return 'To add more, use `kapdiary intention add "..."`.'


def ask_for_areas() -> str:
    return "Press Enter to keep them, or type your own, comma-separated: "


def now_outside_years(pinned: object, first: object, last: object) -> str:
    return f"KAPDIARY_NOW={pinned!r} is outside the years {first}–{last}"


def now_not_a_date_time(pinned: object) -> str:
    return f"KAPDIARY_NOW={pinned!r} is not an ISO date-time"


def home_source(source: str) -> str:
    """Where the diary home came from, as `init` says it."""
    return {
        "--home": "from --home",
        "KAPDIARY_HOME": "from KAPDIARY_HOME",
        "config": "from your config",
        "default": "the usual place on this computer",
    }[source]


def areas_offered(areas: object) -> str:
    return f"\nkapdiary tracks how each area of your life is doing. The usual areas are:\n  {areas}"
