"""What `kapdiary init` and `kapdiary config` say, and the config file's and the home's
problems (storage, helplines)."""

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


def day_starts_at_not_a_time(value: object) -> str:
    return f"day_starts_at must be a time like 04:00, not {value!r}"


def not_a_template_name(value: object) -> str:
    return f"{value!r} is not a template name; use lowercase letters, digits, - or _"


def areas_not_a_list() -> str:
    return "areas must be a comma-separated list of names like mind,body,relationships"


def country_not_a_code(value: object) -> str:
    return f"country must be a two-letter code like US, GB or DE, not {value!r}"


def cannot_read_config(path: object, why: object) -> str:
    return f"cannot read the config {path}: {why}"


def config_not_toml(path: object, problem: object) -> str:
    return f"the config {path} is not valid TOML ({problem}); fix it or delete it to start over"


def too_many_same_names(folder: object) -> str:
    return f"too many entries with the same name in {folder}"


def exists_but_not_a_folder(path: object) -> str:
    return f"{path} exists but is not a folder; move it away or choose another"


def text_not_utf8(what: object, found: object) -> str:
    return (
        f"{what}: the text is not UTF-8 (it has {found}); convert it first, for example with "
        "`iconv -f latin1 -t utf-8`"
    )


def file_not_utf8(path: object, byte: object) -> str:
    return f"{path} is not UTF-8 text (byte {byte}); re-save it as UTF-8 in an editor"


def not_set() -> str:
    return "(not set)"


def config_not_created() -> str:
    return "  (not created yet: defaults apply)"


def index_encrypted() -> str:
    return "  (encrypted, like the diary)"


def could_not_save(path: object) -> str:
    return f"could not save {path}"


def could_not_save_entry(folder: object) -> str:
    return f"could not save the entry in {folder}"


def cannot_create_folder(path: object) -> str:
    return f"cannot create the folder {path}"


def cannot_write_in(folder: object) -> str:
    return f"cannot write in {folder}"


def cannot_read_file(path: object) -> str:
    return f"cannot read {path}"


def os_error(what: object, number: int | None, said_by_the_system: str) -> str:
    """``what`` failed: the reason in plain words for the errors people can act on, else
    as the operating system said it."""
    import errno

    reason = {
        errno.ENOSPC: "the disk is full; free some space and try again",
        errno.EDQUOT: "the disk quota is used up; free some space and try again",
        errno.EACCES: "permission denied; check the folder's owner and permissions",
        errno.EPERM: "permission denied; check the folder's owner and permissions",
        errno.EROFS: "the disk is read-only; choose a writable place with --home",
    }.get(number or 0, said_by_the_system)
    return f"{what}: {reason}"


def intention_number(number: int) -> str:
    """The prompt for each of the first intentions at `init`."""
    return f"Intention {number}: "


def home_missing(path: object, source: str, config: object, *, exists: bool) -> str:
    """A diary home named by --home, KAPDIARY_HOME or the config that is not a folder."""
    named = {
        "--home": "--home",
        "KAPDIARY_HOME": "the KAPDIARY_HOME variable",
        "config": f"`home` in {config}",
    }[source]
    check = {
        "--home": "check the path given to --home",
        "KAPDIARY_HOME": "check KAPDIARY_HOME for a typo",
        "config": "check it with `kapdiary config set home PATH`",
    }[source]
    if exists:
        return (
            f"the diary home {path} (named by {named}) is a file, not a folder; "
            f"{check}, or move it away"
        )
    init = "kapdiary --home PATH init" if source == "--home" else "kapdiary init"
    return (
        f"the diary home {path} (named by {named}) does not exist; {check}, "
        f"or run `{init}` to start a new diary there"
    )
