"""The one door to the user's words on disk: plain, or encrypted in the age format.

A diary is encrypted when its home holds ``encryption.toml`` (plain, naming the public
recipient; see docs/encryption.md). Whether one file is encrypted is told by its name
alone: ``…md.age`` (or ``intentions.toml.age``) is an age file, anything else is plain.
So reading never guesses, and a diary half-way through `kapdiary encrypt` reads fine.

Writers ask :func:`name` for the name of a new file (``.age`` added inside an encrypted
diary) and hand text to :func:`save` / :func:`create_new`, which encrypt an ``.age`` name to
the recipient of the diary around it. Readers use :func:`read_bytes` / :func:`read_text`.
pyrage is imported only when an age file is read or written.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary import storage
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.plain import Frozen

if TYPE_CHECKING:
    from kapdiary.locations import Home

MARKER = "encryption.toml"
SUFFIX = ".age"
AGE_HEADER = b"age-encryption.org/v1\n"

_recipients: dict[Path, str | None] = {}  # a folder -> the recipient of the diary around it


class Undecryptable(KapdiaryError):
    """An ``.age`` file that does not open with the diary's key (damaged or not ours)."""


class Lock(Frozen):
    """What ``encryption.toml`` says: whom the diary is encrypted to, and whether a
    migration (``encrypt`` or ``decrypt``) was interrupted."""

    recipient: str
    unfinished: str | None

    _fields = ("recipient", "unfinished")

    def __init__(self, recipient: str, unfinished: str | None = None) -> None:
        object.__setattr__(self, "recipient", recipient)
        object.__setattr__(self, "unfinished", unfinished)


def _unreadable(path: Path, exc: Exception) -> KapdiaryError:
    from kapdiary.messages import crypto

    return KapdiaryError(crypto.marker_unreadable(path, str(exc)))


def lock(home: Path) -> Lock | None:
    """The home's encryption, or None for a plain diary."""
    path = home / MARKER
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise _unreadable(path, exc) from None
    from kapdiary import toml_read

    try:
        data = toml_read.loads(text)
    except ValueError as exc:  # tomllib's TOMLDecodeError
        raise _unreadable(path, exc) from None
    recipient = data.get("recipient")
    if not isinstance(recipient, str) or not recipient.startswith("age1"):
        from kapdiary.messages import crypto

        raise KapdiaryError(crypto.marker_unreadable(path, crypto.NO_RECIPIENT_LINE))
    unfinished = data.get("unfinished")
    return Lock(recipient, unfinished if isinstance(unfinished, str) else None)


def write_lock(home: Path, value: Lock | None) -> None:
    """Write (or with None remove) ``encryption.toml``; always plain, so every reader knows."""
    forget()
    path = home / MARKER
    if value is None:
        path.unlink(missing_ok=True)
        storage.fsync_dir(home)
        return
    from kapdiary.messages import crypto

    lines = [*crypto.MARKER_HEADER, 'format = "age-encryption.org/v1"']
    lines.append(f'recipient = "{value.recipient}"')
    if value.unfinished:
        lines.append(f'unfinished = "{value.unfinished}"')
    storage.atomic_write(path, "\n".join(lines) + "\n")


def encrypted(home: Home | Path) -> bool:
    path = home if isinstance(home, Path) else home.path
    return (path / MARKER).is_file()


def recipient_for(path: Path) -> str | None:
    """The recipient of the encrypted diary ``path`` lies in, or None (a plain diary)."""
    folder = path.parent
    if folder in _recipients:
        return _recipients[folder]
    found: str | None = None
    for candidate in (folder, *folder.parents):
        if (candidate / MARKER).is_file():
            held = lock(candidate)
            found = held.recipient if held else None
            break
    _recipients[folder] = found
    return found


def forget() -> None:
    """Clear what was learnt about folders (after ``encryption.toml`` changed)."""
    _recipients.clear()


def is_age(path: Path) -> bool:
    return path.name.endswith(SUFFIX)


def sealed(path: Path) -> Path:
    """``x.md`` -> ``x.md.age``."""
    return path if is_age(path) else path.with_name(path.name + SUFFIX)


def plain(path: Path) -> Path:
    """``x.md.age`` -> ``x.md`` (the name a person means)."""
    return path.with_name(path.name[: -len(SUFFIX)]) if is_age(path) else path


def name(path: Path) -> Path:
    """The name a new file at ``path`` gets: with ``.age`` inside an encrypted diary."""
    return sealed(path) if recipient_for(path) else plain(path)


def find(path: Path) -> Path:
    """The file that holds ``path``'s words now: its ``.age`` form if that exists."""
    if not path.name or is_age(path):  # `.`, `/`, an empty argument; or already age
        return path
    age = sealed(path)
    try:
        if age.exists() and (not path.exists() or recipient_for(path)):
            return age
    except OSError:  # a name too long to be a file: it is not one
        pass
    return path


# --- bytes in and out ---


def check_recipient(recipient: str) -> None:
    """A usage error unless ``recipient`` is an age X25519 recipient (``age1…``)."""
    import pyrage

    try:
        pyrage.x25519.Recipient.from_str(recipient)
    except pyrage.RecipientError:
        from kapdiary.messages import crypto

        raise UsageError(crypto.bad_recipient(recipient)) from None


def encrypt(data: bytes, recipient: str) -> bytes:
    import pyrage

    check_recipient(recipient)
    return bytes(pyrage.encrypt(data, [pyrage.x25519.Recipient.from_str(recipient)]))


def decrypt(data: bytes, path: Path, recipient: str | None = None) -> bytes:
    """An age file's plaintext; ``Undecryptable`` when the diary's key does not open it.

    ``recipient`` names the key for a file outside the home (the index in the cache)."""
    import pyrage

    from kapdiary import keys
    from kapdiary.messages import crypto

    recipient = recipient or recipient_for(path)
    if recipient is None:
        raise Undecryptable(crypto.no_marker(path))
    identity = keys.identity(recipient)
    try:
        return bytes(pyrage.decrypt(data, [identity]))
    except pyrage.DecryptError as exc:
        raise Undecryptable(crypto.undecryptable(path, str(exc))) from None


def read_bytes(path: Path) -> bytes:
    """A file's words as bytes, decrypted if it is an age file."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise storage.os_error(exc, f"cannot read {path}") from exc
    return decrypt(data, path) if is_age(path) else data


def read_text(path: Path) -> str:
    data = read_bytes(path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        from kapdiary.messages import setup

        raise KapdiaryError(setup.file_not_utf8(path, exc.start)) from exc


def _sealed_data(path: Path, text: str | bytes) -> bytes:
    data = text if isinstance(text, bytes) else storage.utf8(text, f"could not save {path}")
    if not is_age(path):
        return data
    recipient = recipient_for(path)
    if recipient is None:
        from kapdiary.messages import crypto

        raise KapdiaryError(crypto.no_marker(path))
    return encrypt(data, recipient)


def save(path: Path, text: str | bytes) -> Path:
    """Replace ``path`` atomically (encrypted if it is an age file); its other form goes."""
    storage.atomic_write(path, _sealed_data(path, text))
    twin = plain(path) if is_age(path) else sealed(path)
    if twin.exists() and not twin.is_symlink():
        twin.unlink()  # the same file in its old form: words never stay twice, or in clear
    return path


def create_new(candidates: Iterator[Path], text: str | bytes) -> Path:
    """``storage.create_new`` with each name as :func:`name` gives it; a name whose other
    form exists (``x.md`` beside ``x.md.age``) is taken too, so one entry is never two."""
    first = next(candidates)
    named = (name(p) for p in _chain(first, candidates))
    free = (p for p in named if not (plain(p) if is_age(p) else sealed(p)).exists())
    first_free = next(free, None)
    if first_free is None:
        from kapdiary.messages import setup

        raise KapdiaryError(setup.too_many_same_names(first.parent))
    return storage.create_new(_chain(first_free, free), _sealed_data(first_free, text))


def _chain(first: Path, rest: Iterator[Path]) -> Iterator[Path]:
    yield first
    yield from rest


def editor_warning(home: Home) -> str | None:
    """The first time an encrypted diary is written in an editor: the editor's own swap
    and backup files may hold the words in clear (said once; remembered with the key)."""
    if not encrypted(home):
        return None
    from kapdiary import keys
    from kapdiary.messages import crypto

    return crypto.EDITOR_SWAP_WARNING if keys.first_time("editor-warning") else None


def kept(home: Home) -> list[Path]:
    """Every file that holds the user's words in ``home`` (what encrypt and decrypt move),
    links and kapdiary's own temporary and lock files left out."""
    found: list[Path] = []
    root = home.path
    for top in ("entries", "drafts", "templates", ".history"):
        folder = root / top
        if folder.is_dir() and not folder.is_symlink():
            found.extend(_walk(folder))
    for single in ("intentions.toml", "export.toml"):
        for path in (root / single, sealed(root / single)):
            if path.is_file() and not path.is_symlink():
                found.append(path)
    return sorted(found)


def _walk(folder: Path) -> Iterator[Path]:
    for item in sorted(folder.iterdir()):
        if item.is_symlink():
            continue
        if item.is_dir():
            yield from _walk(item)
        elif item.is_file() and not _ours(item.name):
            yield item


def _ours(file_name: str) -> bool:
    """kapdiary's temporary and lock files, which hold no words of their own."""
    return file_name.startswith(storage.TMP_PREFIX) or (
        file_name.startswith(".") and file_name.endswith(".lock")
    )
