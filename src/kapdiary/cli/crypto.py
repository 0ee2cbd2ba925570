"""`kapdiary encrypt`, `decrypt` and `key …`: an opt-in encrypted diary in the age format."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app

if TYPE_CHECKING:
    from kapdiary.locations import Home

Passphrase = Annotated[
    bool,
    typer.Option(
        "--passphrase",
        help="Protect a new key with a passphrase (asked twice; age's own scrypt format).",
    ),
]

ENCRYPT_HELP = """Encrypt your diary in the age format, so its folder is safe wherever it syncs.

Entries become `…md.age`; intentions, your templates, drafts, the keep-for-a-while store
and the export notes are encrypted too, and the index is kept encrypted. A key is made
for the diary in your config folder (outside the diary); back it up with `kapdiary key
export`. Stopped halfway, run it again: it finishes the job. See docs/encryption.md.

Examples:

    kapdiary encrypt

    kapdiary encrypt --passphrase
"""


@app.command(help=ENCRYPT_HELP)
def encrypt(
    ctx: typer.Context,
    passphrase: Passphrase = False,
    recipient: Annotated[
        str | None,
        typer.Option(
            "--recipient",
            help="Use a key you already keep here (`kapdiary key show` on another diary).",
            show_default=False,
        ),
    ] = None,
) -> None:
    from kapdiary import migrate
    from kapdiary.messages import crypto
    from kapdiary.render.console import index_bar

    home = state.get(ctx).home
    key = start_key(home, recipient, passphrase=passphrase)
    with index_bar(crypto.ENCRYPTING) as progress:
        moved = migrate.encrypt_home(home, key, progress)
    from kapdiary.keys import key_path

    if not moved.converted and not moved.started:
        typer.echo(crypto.already_encrypted(home.path))
        return
    typer.echo(crypto.encrypted_done(moved.total, home.path, key_path(moved.recipient)))


def start_key(home: Home, recipient: str | None, *, passphrase: bool) -> str | None:
    """The recipient to encrypt ``home`` to: the one an unfinished run chose, the one
    given, or a new key (made here, with a passphrase if asked)."""
    from kapdiary import keys, vault

    held = vault.lock(home.path)
    if held is not None or recipient is not None:
        return recipient
    made = keys.generate(passphrase=ask_new_passphrase() if passphrase else None)
    from kapdiary.messages import crypto

    typer.echo(crypto.key_saved(made.path, made.recipient))
    return made.recipient


DECRYPT_HELP = """Turn an encrypted diary back into plain Markdown files, byte for byte.

Every file must open with your key before anything changes. Stopped halfway, run it
again: it finishes the job. Your key stays in the config folder.

Example:

    kapdiary decrypt
"""


@app.command(help=DECRYPT_HELP)
def decrypt(ctx: typer.Context) -> None:
    from kapdiary import migrate
    from kapdiary.messages import crypto
    from kapdiary.render.console import index_bar

    home = state.get(ctx).home
    with index_bar(crypto.DECRYPTING) as progress:
        moved = migrate.decrypt_home(home, progress)
    if moved is None:
        typer.echo(crypto.already_plain(home.path))
        return
    typer.echo(crypto.decrypted_done(moved.total, home.path))


key_app = typer.Typer(
    help="""Your encrypted diary's key: show the public part, back it up, bring it to another
machine.

Examples:

    kapdiary key show

    kapdiary key export ~/diary-key.txt

    kapdiary key import ~/diary-key.txt
""",
    no_args_is_help=True,
)
app.add_typer(key_app, name="key")


@key_app.command(
    "show",
    help="""The diary's public recipient (safe to share: it can only encrypt to you).

Examples:

    kapdiary key show

    kapdiary key show --json
""",
)
def key_show(
    ctx: typer.Context,
    as_json: Annotated[bool, typer.Option("--json", help="As JSON.")] = False,
) -> None:
    from kapdiary import keys, vault
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import crypto

    home = state.get(ctx).home
    held = vault.lock(home.path)
    if held is None:
        raise KapdiaryError(crypto.not_encrypted(home.path))
    path = keys.key_path(held.recipient)
    if as_json:
        here = {"recipient": held.recipient, "key_file": str(path), "key_here": path.is_file()}
        state.print_json(here)
        return
    typer.echo(held.recipient)


@key_app.command(
    "export",
    help="""Copy the diary's key to FILE for a backup (as it is: with its passphrase if any).

Losing the key loses the diary: keep the copy apart from the diary. `age -d -i FILE`
reads any of the diary's files with it.

Example:

    kapdiary key export ~/diary-key.txt
""",
)
def key_export(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="Where to write the copy (a new file).")],
) -> None:
    from kapdiary import keys, vault
    from kapdiary.errors import KapdiaryError
    from kapdiary.messages import crypto

    home = state.get(ctx).home
    held = vault.lock(home.path)
    if held is None:
        raise KapdiaryError(crypto.not_encrypted(home.path))
    written = keys.export(held.recipient, file.expanduser().absolute())
    typer.echo(crypto.key_exported(written))
    typer.echo(crypto.KEY_EXPORT_WARNING, err=True)


@key_app.command(
    "import",
    help="""Keep a key from FILE (made by `kapdiary key export` or `age-keygen`) on this
machine, so a diary synced here opens.

Example:

    kapdiary key import ~/diary-key.txt
""",
)
def key_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The key file.")],
) -> None:
    from kapdiary import keys, vault
    from kapdiary.messages import crypto

    made = keys.import_file(file.expanduser())
    home = state.get(ctx).named_home
    held = vault.lock(home.path) if home.path.is_dir() else None
    matches = None if held is None else held.recipient == made.recipient
    typer.echo(crypto.key_imported(made.path, made.recipient, matches))


def ask_passphrase(prompt: str, confirm: bool) -> str:
    """For ``kapdiary.keys.ask``: the passphrase, typed without echo (on stderr)."""
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm, err=True))


def new_key_passphrase(home: Home, *, asked: bool) -> str | None:
    """For `init --encrypt` in a terminal: a passphrase for the key it will make (none
    when the diary is encrypted already)."""
    from kapdiary import vault

    if not asked or (home.path.is_dir() and vault.encrypted(home)):
        return None
    return ask_new_passphrase() or None


def ask_new_passphrase() -> str:
    from kapdiary.messages import crypto

    while True:
        first = str(typer.prompt(crypto.PASSPHRASE_NEW, hide_input=True, err=True, default=""))
        if not first:
            return ""
        if str(typer.prompt(crypto.PASSPHRASE_AGAIN, hide_input=True, err=True)) == first:
            return first
        typer.echo(crypto.PASSPHRASES_DIFFER, err=True)
