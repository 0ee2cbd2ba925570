"""What `kapdiary --help` says besides each command's own help (render/help.py draws it)."""

from __future__ import annotations

USAGE = "kapdiary [OPTIONS] COMMAND [ARGS]..."
USAGE_HEADING = "Usage:"
OPTIONS_HEADING = "Options:"
COMMANDS_HEADING = "Commands:"
# Typer's own options, worded as Typer words them in a command's help
INSTALL_COMPLETION = "Install completion for the current shell."
SHOW_COMPLETION = "Show completion for the current shell."
HELP_OPTION = "Show this message and exit."
