"""What kapdiary says about an encrypted diary, its key and the migration."""

from __future__ import annotations

from pathlib import Path

MARKER_HEADER = (
    "# This diary is encrypted with age (https://age-encryption.org). Its files open with",
    "# the identity kept outside this folder: `kapdiary key export FILE` makes a copy, and",
    "# `age -d -i FILE entry.md.age` reads an entry without kapdiary. Keep this file.",
)

NO_RECIPIENT_LINE = 'no `recipient = "age1…"` line'
ENCRYPTING = "Encrypting your diary"
DECRYPTING = "Decrypting your diary"
PASSPHRASE_PROMPT = "Passphrase for your diary's key"
PASSPHRASE_NEW = "A passphrase for the key (Enter for none)"
PASSPHRASE_AGAIN = "The same passphrase again"
PASSPHRASES_DIFFER = "The two passphrases differ; try again."

EDITOR_SWAP_WARNING = (
    "Your editor may keep its own copies of what you type (swap and backup files) in "
    "clear. In vim, `:set noswapfile nobackup noundofile` (or `vim -n`); in nano, "
    "leave out `-B` and `set backup` (nano keeps no swap file unless it is killed). "
    "kapdiary's own copy lives in a private folder and is removed."
)

KEY_EXPORT_WARNING = (
    "Keep this file somewhere safe and apart from the diary (a password manager, a USB "
    "stick in a drawer): without it, no one, not you and not kapdiary, can read the "
    "diary again."
)


def marker_unreadable(path: Path, why: str) -> str:
    return (
        f"{path} does not read ({why}); it should name the diary's key as "
        '`recipient = "age1…"`: restore it from a backup, or `kapdiary key show` on a '
        "machine where the diary opens"
    )


def bad_recipient(recipient: str) -> str:
    return f"{recipient!r} is not an age recipient; one looks like age1 followed by 58 letters"


def no_marker(path: Path) -> str:
    return (
        f"{path} is encrypted but not inside an encrypted diary (no encryption.toml above it); "
        "decrypt it with `age -d -i KEYFILE`"
    )


def undecryptable(path: Path, why: str) -> str:
    return (
        f"{path} cannot be decrypted with this diary's key ({why}): it is damaged or was "
        "encrypted to another key; restore it from a backup or move it out of the diary"
    )


def no_key(recipient: str, path: Path) -> str:
    return (
        f"this diary is encrypted and its key is not on this machine (looked for {path}); "
        "bring your key with `kapdiary key import FILE`; nothing was changed"
    )


def key_unreadable(path: Path, why: str) -> str:
    return f"cannot read the key {path}: {why}; check the file's permissions; nothing was changed"


def wrong_key(path: Path, recipient: str) -> str:
    return (
        f"the key {path} is not this diary's (the diary is encrypted to {recipient}); "
        "import the right one with `kapdiary key import FILE`; nothing was changed"
    )


def not_an_identity(path: Path) -> str:
    return (
        f"{path} is not an age identity (one line starting AGE-SECRET-KEY-1 was expected); "
        "give the file `kapdiary key export` made"
    )


def passphrase_needed(path: Path) -> str:
    return (
        f"the key {path} is protected by a passphrase and there is no terminal to ask it "
        "in; run the command in a terminal; nothing was changed"
    )


def wrong_passphrase(path: Path) -> str:
    return f"that passphrase does not open the key {path}; try again; nothing was changed"


def export_exists(path: Path) -> str:
    return f"{path} already exists; give another file name (an existing file is never replaced)"


def not_encrypted(home: Path) -> str:
    return (
        f"the diary at {home} is not encrypted; `kapdiary encrypt` encrypts it "
        "(`kapdiary init --encrypt` starts a new diary encrypted)"
    )


def already_encrypted(home: Path) -> str:
    return f"The diary at {home} is already encrypted; nothing to do."


def already_plain(home: Path) -> str:
    return f"The diary at {home} is not encrypted; nothing to do."


def other_recipient(home: Path, recipient: str) -> str:
    return (
        f"the diary at {home} is already being encrypted to {recipient}; run "
        "`kapdiary encrypt` without --to to finish that"
    )


def encrypted_done(count: int, home: Path, key: Path) -> str:
    return (
        f"Encrypted {_files(count)} in {home}. Your key is {key}: back it up now with "
        "`kapdiary key export FILE`, since without it the diary cannot be read."
    )


def decrypted_done(count: int, home: Path) -> str:
    return f"Decrypted {_files(count)} in {home}; the diary is plain Markdown again."


def key_saved(path: Path, recipient: str) -> str:
    return f"Your key is in {path} (public recipient {recipient})."


def key_exported(path: Path) -> str:
    return f"Saved a copy of your key in {path}."


def key_imported(path: Path, recipient: str, matches: bool | None) -> str:
    said = f"Kept the key {recipient} in {path}."
    if matches is False:
        return said + " It is not the key this diary is encrypted to."
    if matches:
        return said + " This diary opens with it."
    return said


def init_encrypted(recipient: str) -> str:
    return f"The diary is encrypted (age, to {recipient})."


PLAIN_FILE_FIX = "run `kapdiary encrypt` to encrypt it (and anything else left plain)"


def plain_in_encrypted(path: Path) -> str:
    return "a plain file in an encrypted diary: its words are readable by anyone who has the folder"


def stopped(step: str) -> str:
    return f"`kapdiary {step}` was stopped before it finished; some files are in each form"


UNDECRYPTABLE_FIX = (
    "restore the file from a backup, or move it out of the diary; reading commands skip it "
    "with a warning until then"
)


def unfinished(step: str) -> str:
    return f"run `kapdiary {step}` again to finish it"


def export_encrypted_to(recipient: str) -> str:
    return f"encrypted to {recipient}"


def _files(count: int) -> str:
    return f"{count} file{'' if count == 1 else 's'}"
