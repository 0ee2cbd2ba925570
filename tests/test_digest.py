"""kapdiary.digest gives hashlib's digests without importing hashlib (issue 19)."""

from __future__ import annotations

import hashlib
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from kapdiary import digest


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=4096), st.integers(min_value=1, max_value=64))
def test_the_same_digests_as_hashlib(data: bytes, size: int) -> None:
    assert digest.sha256_hex(data) == hashlib.sha256(data).hexdigest()
    ours = digest.blake2b(data, digest_size=size)
    assert ours.digest() == hashlib.blake2b(data, digest_size=size).digest()
    fed = digest.blake2b(digest_size=size)
    fed.update(data[:7])
    fed.update(data[7:])
    assert fed.hexdigest() == ours.hexdigest()


def test_hashing_never_imports_openssl() -> None:
    code = (
        "import sys\n"
        "from kapdiary import digest\n"
        "digest.sha256_hex(b'x'); digest.blake2b(b'x', digest_size=16).digest()\n"
        "print(sorted(m for m in ('hashlib', '_hashlib') if m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
