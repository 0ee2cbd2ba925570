"""The diary's age identity (an X25519 key): made, kept, unlocked, exported and imported.

An identity lives in the config folder, outside the synced home, as
``keys/<recipient>.txt`` (0600), in the format ``age-keygen`` writes, so ``age -d -i`` reads
it. With a passphrase the file is that text encrypted with age's own passphrase (scrypt)
recipient, which ``age -d -i`` also accepts (it asks for the passphrase).

A passphrase is asked through :data:`ask` (the command line sets it; the library never
prints). An unlocked identity is remembered for the process, and, when the ``keyring``
library and an OS keyring are there, for ``KEYRING_SECONDS`` in the keyring.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.errors import KapdiaryError, UsageError

if TYPE_CHECKING:
    from pyrage.x25519 import Identity

KEYRING_SERVICE = "kapdiary"
KEYRING_SECONDS = 15 * 60
SECRET_PREFIX = "AGE-SECRET-KEY-1"

# ask(prompt, confirm) -> the passphrase typed; set by the command line.
ask: Callable[[str, bool], str] | None = None

_unlocked: dict[str, Identity] = {}


@dataclass(frozen=True)
class Made:
    recipient: str
    path: Path
    protected: bool


def start(asker: Callable[[str, bool], str] | None) -> None:
    """A command begins: passphrases are asked with ``asker``; nothing is unlocked yet."""
    global ask
    ask = asker
    _unlocked.clear()


def folder() -> Path:
    from kapdiary.locations import config_path

    return config_path().parent / "keys"


def key_path(recipient: str) -> Path:
    return folder() / f"{recipient}.txt"


def _file_text(identity: Identity, recipient: str) -> str:
    made = datetime.now(UTC).replace(microsecond=0).isoformat()
    return f"# created: {made}\n# public key: {recipient}\n{identity}\n"


def generate(*, passphrase: str | None = None) -> Made:
    """A new identity, saved in the config folder (0600); its recipient names the file."""
    from pyrage import x25519

    identity = x25519.Identity.generate()
    recipient = str(identity.to_public())
    return _store(identity, recipient, passphrase)


def _store(identity: Identity, recipient: str, passphrase: str | None) -> Made:
    from kapdiary import storage

    text = _file_text(identity, recipient)
    data: str | bytes = text
    if passphrase:
        from pyrage import passphrase as scrypt

        data = bytes(scrypt.encrypt(text.encode("utf-8"), passphrase))
    path = key_path(recipient)
    storage.ensure_private_dir(folder())
    storage.atomic_write(path, data)
    _unlocked[recipient] = identity
    return Made(recipient, path, bool(passphrase))


def has_key(recipient: str) -> bool:
    return key_path(recipient).is_file()


def identity(recipient: str) -> Identity:
    """The identity that opens files encrypted to ``recipient``: one line and exit 1 when
    it is missing, locked with a passphrase not given, or not that recipient's."""
    if recipient in _unlocked:
        return _unlocked[recipient]
    from kapdiary.messages import crypto

    path = key_path(recipient)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise KapdiaryError(crypto.no_key(recipient, path)) from None
    except OSError as exc:
        raise KapdiaryError(crypto.key_unreadable(path, exc.strerror or str(exc))) from None
    text = _unlock(recipient, path, data) if data.startswith(b"age-encryption.org/v1") else None
    found = parse(text if text is not None else data.decode("utf-8", "replace"), path)
    if str(found.to_public()) != recipient:
        raise KapdiaryError(crypto.wrong_key(path, recipient))
    _unlocked[recipient] = found
    return found


def parse(text: str, path: Path) -> Identity:
    """The one ``AGE-SECRET-KEY-1…`` line of an identity file."""
    from pyrage import IdentityError, x25519

    from kapdiary.messages import crypto

    lines = [line.strip() for line in text.splitlines() if line.strip().startswith("AGE-SECRET")]
    if len(lines) != 1:
        raise KapdiaryError(crypto.not_an_identity(path))
    try:
        return x25519.Identity.from_str(lines[0])
    except IdentityError:
        raise KapdiaryError(crypto.not_an_identity(path)) from None


def _unlock(recipient: str, path: Path, data: bytes) -> str:
    """The identity text inside a passphrase-protected file (from the keyring if cached)."""
    from pyrage import DecryptError
    from pyrage import passphrase as scrypt

    from kapdiary.messages import crypto

    cached = _keyring_get(recipient)
    if cached is not None:
        return cached
    if ask is None:
        raise KapdiaryError(crypto.passphrase_needed(path))
    secret = ask(crypto.PASSPHRASE_PROMPT, False)
    try:
        text = bytes(scrypt.decrypt(data, secret)).decode("utf-8")
    except DecryptError:
        raise KapdiaryError(crypto.wrong_passphrase(path)) from None
    _keyring_put(recipient, text)
    return text


def _keyring() -> object | None:
    try:
        import keyring
    except ImportError:
        return None
    return keyring


def _keyring_get(recipient: str) -> str | None:
    """A cached identity that has not timed out; an expired one is removed."""
    keyring = _keyring()
    if keyring is None:
        return None
    try:
        stored = keyring.get_password(KEYRING_SERVICE, recipient)  # type: ignore[attr-defined]
        if not stored:
            return None
        until, _, text = stored.partition("\n")
        if float(until) > time.time():
            return str(text)
        keyring.delete_password(KEYRING_SERVICE, recipient)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no keyring, a locked one or a broken backend: ask
        return None
    return None


def _keyring_put(recipient: str, text: str) -> bool:
    keyring = _keyring()
    if keyring is None:
        return False
    value = f"{time.time() + KEYRING_SECONDS}\n{text}"
    try:
        keyring.set_password(KEYRING_SERVICE, recipient, value)  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no usable keyring: the passphrase is asked per command
        return False
    return True


def forget_cached(recipient: str) -> None:
    """Remove the identity from the keyring and from this process."""
    _unlocked.pop(recipient, None)
    keyring = _keyring()
    if keyring is not None:
        # Nothing cached, or no usable keyring at all: nothing to remove.
        with contextlib.suppress(Exception):
            keyring.delete_password(KEYRING_SERVICE, recipient)  # type: ignore[attr-defined]


def first_time(what: str) -> bool:
    """True the first time ``what`` is asked on this machine (a file in the keys folder)."""
    import os

    from kapdiary import storage

    try:
        storage.ensure_private_dir(folder())
        fd = os.open(folder() / f".{what}", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return False
    except (OSError, KapdiaryError):
        return True  # cannot remember it: better said again than never
    os.close(fd)
    return True


def export(recipient: str, target: Path) -> Path:
    """Copy the identity file as it is (passphrase-protected or not) to ``target``, 0600;
    never over an existing file."""
    from kapdiary import storage
    from kapdiary.messages import crypto

    source = key_path(recipient)
    if not source.is_file():
        raise KapdiaryError(crypto.no_key(recipient, source))
    if target.exists():
        raise UsageError(crypto.export_exists(target))
    return storage.create_new(iter([target]), source.read_bytes())


def import_file(path: Path, *, passphrase_asked: bool = True) -> Made:
    """Keep the identity in ``path`` (plain or passphrase-protected) in the config folder."""
    from kapdiary import storage
    from kapdiary.messages import crypto

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise UsageError(crypto.key_unreadable(path, exc.strerror or str(exc))) from None
    protected = data.startswith(b"age-encryption.org/v1")
    text = _ask_and_open(path, data) if protected else data.decode("utf-8", "replace")
    found = parse(text, path)
    recipient = str(found.to_public())
    target = key_path(recipient)
    storage.ensure_private_dir(folder())
    storage.atomic_write(target, data if protected else _file_text(found, recipient))
    _unlocked[recipient] = found
    return Made(recipient, target, protected)


def _ask_and_open(path: Path, data: bytes) -> str:
    from pyrage import DecryptError
    from pyrage import passphrase as scrypt

    from kapdiary.messages import crypto

    if ask is None:
        raise KapdiaryError(crypto.passphrase_needed(path))
    try:
        return bytes(scrypt.decrypt(data, ask(crypto.PASSPHRASE_PROMPT, False))).decode("utf-8")
    except DecryptError:
        raise KapdiaryError(crypto.wrong_passphrase(path)) from None
