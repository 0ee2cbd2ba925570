"""Hashes without ``hashlib``'s start-up cost.

``import hashlib`` loads OpenSSL (``_hashlib``) to offer every algorithm it knows: about
3 ms, on every command, for the two this program uses. CPython's own builtin modules
(``_blake2``, ``_sha256`` in 3.11, ``_sha2`` from 3.12) give the same digests for a
fraction of that; where a build lacks them, ``hashlib`` is used as before.
"""

from __future__ import annotations

from typing import Any

try:
    from _blake2 import blake2b as _blake2b
except ImportError:  # pragma: no cover - a Python built without its own BLAKE2
    from hashlib import blake2b as _blake2b


def blake2b(data: bytes = b"", *, digest_size: int = 64) -> Any:
    """A BLAKE2b hash object, as ``hashlib.blake2b(data, digest_size=…)``."""
    return _blake2b(data, digest_size=digest_size)


def sha256_hex(data: bytes) -> str:
    """The SHA-256 of ``data`` in hex, as ``hashlib.sha256(data).hexdigest()``."""
    try:
        from _sha256 import sha256 as made  # type: ignore[import-not-found,unused-ignore]  # 3.11
    except ImportError:
        try:
            from _sha2 import sha256 as made  # type: ignore[import-not-found,no-redef,unused-ignore]  # Python 3.12 on
        except ImportError:  # pragma: no cover - a Python built without its own SHA-2
            from hashlib import sha256 as made
    return str(made(data).hexdigest())
