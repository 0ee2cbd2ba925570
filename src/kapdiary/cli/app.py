"""The Typer application and the one place where errors become a line on stderr."""

from __future__ import annotations

import os
import sys
from typing import Any

import typer
from typer.core import TyperGroup

from kapdiary.commands.context import error_line as _error_line
from kapdiary.commands.context import one_line
from kapdiary.errors import EXIT_FAILURE, EXIT_INTERRUPTED, KapdiaryError


class KapdiaryGroup(TyperGroup):
    """Turns library errors into one line on stderr and an exit code (the only exit point)."""

    def main(  # type: ignore[override]
        self,
        args: Any = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Click's own usage errors (an unknown option, a missing argument) become our one
        line with the fix and exit 2, not a box; everything else is as Click does it."""
        from typer._click import exceptions as click_errors

        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click_errors.NoArgsIsHelpError as exc:  # `kapdiary template`: its help
            if not standalone_mode:
                raise
            exc.show()  # Rich has drawn it already; otherwise this prints it
            sys.exit(exc.exit_code)
        except click_errors.ClickException as exc:
            if not standalone_mode:
                raise
            _error_line(usage_line(exc))
            sys.exit(exc.exit_code)
        except typer.Abort:  # Ctrl-C or the end of input at a question Click asked
            if not standalone_mode:
                raise
            from kapdiary.messages import INTERRUPTED

            _error_line(INTERRUPTED)
            sys.exit(EXIT_INTERRUPTED)
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:  # click's Context (typer vendors click)
        try:
            return super().invoke(ctx)
        except KapdiaryError as exc:
            if _debug(ctx):
                raise
            _error_line(exc.message)
            raise typer.Exit(exc.exit_code) from None
        except KeyboardInterrupt:
            if _debug(ctx):
                raise
            from kapdiary.messages import INTERRUPTED

            _error_line(INTERRUPTED)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except typer.Abort as exc:
            # A question (typer.confirm / prompt) turns Ctrl-C and end of input into Abort;
            # Ctrl-C is an interruption like any other, end of input stays click's "Aborted!".
            if _debug(ctx) or not isinstance(exc.__context__, KeyboardInterrupt):
                raise
            from kapdiary.messages import INTERRUPTED

            _error_line(INTERRUPTED)
            raise typer.Exit(EXIT_INTERRUPTED) from None
        except (typer.Exit, typer.BadParameter, BrokenPipeError):
            raise
        except Exception as exc:
            if _debug(ctx) or type(exc).__module__.startswith("typer"):
                raise
            from kapdiary.messages import UNEXPECTED

            _error_line(UNEXPECTED.format(error=f"{type(exc).__name__}: {one_line(exc)}"))
            raise typer.Exit(EXIT_FAILURE) from None


def usage_line(exc: Any) -> str:
    """``No such option: --sinse (did you mean --since?); see `kapdiary review --help```."""
    message = " ".join(exc.format_message().split())
    message = message.replace(" Did you mean", " (did you mean").rstrip(".")
    if "(did you mean" in message:
        message += ")"
    ctx = getattr(exc, "ctx", None)
    where = f"`{ctx.command_path} --help`" if ctx is not None else "`kapdiary --help`"
    return f"{message[:1].lower()}{message[1:]}; see {where}"


def _debug(ctx: typer.Context) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False)) or bool(os.environ.get("KAPDIARY_DEBUG"))


app = typer.Typer(
    name="kapdiary",
    cls=KapdiaryGroup,
    help=(
        "An integration diary for ketamine-assisted therapy: a few guided minutes each "
        "evening, kept as Markdown files that are yours.\n\n"
        "Start with `kapdiary init`, then `kapdiary write` each evening.\n\n"
        "Examples:\n\n"
        "    kapdiary init\n\n"
        "    kapdiary write\n\n"
        "    kapdiary write --date yesterday --editor"
    ),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
    context_settings={"help_option_names": ["-h", "--help"]},
)
