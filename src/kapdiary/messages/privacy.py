"""Why an entry or a part of it stays private (privacy.py decides; the export preview and
`kapdiary doctor` say these reasons)."""

from __future__ import annotations


def private_key_twice() -> str:
    return "the private key is given more than once"


def not_a_clear_false(key: object, shown: object) -> str:
    return f"{key}: {shown} is not a clear false, so the entry stays private"


def reads_like_a_private_flag(line: object, match: object) -> str:
    return f"line {line} of the text reads like a private flag ({match})"
