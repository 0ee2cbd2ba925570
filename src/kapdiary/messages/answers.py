"""What is said about answers to choice, multi and scored questions (kapdiary.choices)."""

from __future__ import annotations


def ambiguous(where: str, raw: str, candidates: list[str]) -> str:
    """``route: 'i' could be IM injection or IV infusion; ...`` (asked again when guided)."""
    listed = ", ".join(candidates[:-1]) + f" or {candidates[-1]}"
    return f"{where}: {raw.strip()!r} could be {listed}; type more of it, or its number"
