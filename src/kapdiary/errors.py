"""The one error type the library raises, and the exit codes the CLI uses."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILURE = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


class KapdiaryError(Exception):
    """A problem the user can act on. The message is one line that says what to do.

    ``exit_code`` is EXIT_FAILURE for things that went wrong and EXIT_USAGE for input
    the user can correct (a bad date, an unknown field, a value out of range).
    """

    def __init__(self, message: str, *, exit_code: int = EXIT_FAILURE) -> None:
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code

    def __str__(self) -> str:
        return self.message


class UsageError(KapdiaryError):
    """Input the user can correct: exits 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=EXIT_USAGE)
