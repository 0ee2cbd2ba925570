"""What kapdiary says about doctor."""

from __future__ import annotations


def made_private(made: object) -> str:
    return f"  made private: {made}"


def not_fixed(path: object, note: object) -> str:
    return f"Not fixed: {path}: {note}"
