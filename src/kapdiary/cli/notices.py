"""Notices on stderr that do not stop a command: said once, in one calm line (they live in
``kapdiary.commands.context``, free of Typer)."""

from kapdiary.commands.context import index_fallback, notice

__all__ = ["index_fallback", "notice"]
