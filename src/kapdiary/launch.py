"""The program's entry point: the plain forms of the reading commands start without Typer.

Importing Typer and building its command costs as much as a whole `review` of a
10,000-entry diary (about 60 ms of some 150 here). So `kapdiary review`, `show`, `search`,
`progress` and `export --yes`, when their command line is one this module reads with certainty, run
their bodies (``kapdiary.commands``) directly. Anything else goes to the Typer application
(``kapdiary.cli``), which reads it in full and says what is wrong with it:

- an option that is not in ``QUICK`` (`--help` among them), a short option written with
  its value (`-n5`), flags run together (`-rl`), `--`, `-`, an option given twice, a value
  that is empty or starts with `-`, a number that is not plain digits;
- a positional argument a command does not take, or a missing one;
- a root option other than `--home X`, `--home=X` and `--debug`; `--version`; a path
  that exists but cannot be read (Typer's path type refuses it);
- `export` without `--yes` (it asks before writing, through Typer's prompts);
- shell completion (``_KAPDIARY_COMPLETE``), ``KAPDIARY_QUICK=0``, Windows (Click expands
  wildcards there);
- an encrypted diary (its passphrase is asked through Typer's prompts), or a home or
  config that cannot be read before the command starts (Typer's path says why).

So the quick start never accepts a line Typer would refuse, and never reads one
differently: ``QUICK`` is compared with the Typer commands' own parameters by the tests
(tests/test_launch.py), and the whole test suite drives both paths.

Errors end as ``kapdiary.cli.app.KapdiaryGroup`` ends them: one line on stderr and the
same exit codes (2 usage, 1 failure, 130 Ctrl-C, 141 a closed pipe); ``--debug`` or
``KAPDIARY_DEBUG`` shows the traceback.
"""

# No ``from __future__ import annotations`` in this module: typing.NamedTuple would compile
# each field's annotation string at import, and a process's first compile costs ~10 M
# instructions (tests/test_launch.py checks none happens). Names that exist only for the
# type checker, and forward references, are written in quotes.
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from kapdiary.commands.context import State

FLAG, VALUE, NUMBER, MANY, PATH = "flag", "value", "number", "many", "path"


class Opt(NamedTuple):
    """One option: its spellings, the body's keyword, how it is given, the value a flag sets."""

    names: tuple[str, ...]
    dest: str
    kind: str  # FLAG, VALUE (a string), NUMBER (an int), MANY (repeatable string), PATH
    sets: bool = True  # for a FLAG: `--no-pager` sets False


class Spec(NamedTuple):
    """A command the quick start runs: its options, and its positional arguments (the
    keyword and how many: 0, 1, or -1 for one or more)."""

    body: str  # "module:function" under kapdiary.commands
    options: tuple[Opt, ...]
    argument: str | None = None
    nargs: int = 0
    needs: str | None = None  # a flag without which Typer's path runs it (export's --yes)


_SINCE = Opt(("--since", "-s"), "since", VALUE)
_UNTIL = Opt(("--until", "-u"), "until", VALUE)
_ON = Opt(("--on",), "on", VALUE)
_TEMPLATE = Opt(("--template", "-T"), "template", MANY)
_TAG = Opt(("--tag", "-t"), "tag", MANY)
_INTENTIONS = Opt(("--intention", "-i"), "intention", MANY)
_TEXT = Opt(("--text",), "text", VALUE)
_PAGER = Opt(("--pager",), "pager", FLAG)
_NO_PAGER = Opt(("--no-pager",), "pager", FLAG, sets=False)
_JSON = Opt(("--json",), "as_json", FLAG)
# review's and search's filters (cli/read.py declares them once for both), and how the
# entries are shown (review, show, search)
_FILTERS = (_SINCE, _UNTIL, _ON, _TEMPLATE, _TAG, _INTENTIONS, _TEXT)
_SHOWN = (_PAGER, _NO_PAGER, _JSON)

QUICK: dict[str, Spec] = {
    "review": Spec(
        "reading:review",
        (
            *_FILTERS,
            Opt(("--last", "-n"), "last", NUMBER),
            Opt(("--all", "-a"), "every", FLAG),
            Opt(("--list", "-l"), "as_list", FLAG),
            Opt(("--reverse", "-r"), "reverse", FLAG),
            *_SHOWN,
        ),
    ),
    "show": Spec("reading:show", _SHOWN, "target", 1),
    "search": Spec(
        "reading:search",
        (
            *_FILTERS,
            Opt(("--limit",), "limit", NUMBER),
            Opt(("--everywhere",), "everywhere", FLAG),
            *_SHOWN,
        ),
        "words_",
        -1,
    ),
    "export": Spec(
        "exporting:export",
        (
            _SINCE,
            _UNTIL,
            _TEMPLATE,
            _TAG,
            Opt(("--format", "-f"), "file_format", VALUE),
            Opt(("--output", "-o"), "output", PATH),
            Opt(("--include-private",), "include_private", FLAG),
            Opt(("--without", "-w"), "without", MANY),
            Opt(("--yes", "-y"), "yes", FLAG),
            Opt(("--force",), "force", FLAG),
            Opt(("--encrypt-to",), "encrypt_to", VALUE),
        ),
        needs="yes",  # without --yes it asks, through Typer's prompts
    ),
    "progress": Spec(
        "progress:progress",
        (
            Opt(("--since",), "since", VALUE),
            Opt(("--until",), "until", VALUE),
            Opt(("--period",), "period", VALUE),
            Opt(("--intention", "-i"), "intention", VALUE),
            Opt(("--field", "-f"), "field", VALUE),
            _JSON,
        ),
    ),
}


class Plan(NamedTuple):
    """A command line the quick start runs: the command, its keywords, the root options."""

    command: str
    keywords: dict[str, Any]
    home: Path | None
    debug: bool


class _Decline(Exception):
    """Not a line the quick start reads with certainty: Typer's path takes it."""


def main() -> None:
    """``kapdiary``: the quick start when it applies, the Typer application otherwise."""
    import gc

    # A reading command is over in a moment and makes next to no reference cycles: the
    # collector would only walk, again and again, every object the imports made (about 3%
    # of `review`). The Typer application (writing, editing: long sessions) keeps it.
    gc.disable()
    code = quick(sys.argv[1:])
    if code is None:
        gc.enable()
        from kapdiary.cli import main as full

        full()
        return
    # Python's shutdown collects garbage once more, walking every object the imports made
    # (4% of `review`): nothing made by now needs collecting, so it is all set aside.
    gc.freeze()
    sys.exit(code)


def quick(args: Sequence[str], env: Mapping[str, str] = os.environ) -> int | None:
    """Run ``args`` without Typer and return the exit code, or None when Typer must."""
    found = plan(args, env)
    if found is None:
        return None
    from kapdiary.commands.context import State

    state = State(home_option=found.home, debug=found.debug)
    if not _plain_diary(state):
        return None
    return _run(found, state)


def plan(args: Sequence[str], env: Mapping[str, str] = os.environ) -> Plan | None:
    """What ``args`` ask for, if the quick start can run it (see the module's text)."""
    if env.get("KAPDIARY_QUICK") == "0" or sys.platform.startswith("win"):
        return None
    if any(key.startswith("_KAPDIARY_COMPLETE") for key in env):
        return None
    try:
        home, debug, rest = _root(list(args))
        if not rest or rest[0] not in QUICK:
            return None
        keywords = _command(QUICK[rest[0]], rest[1:])
    except _Decline:
        return None
    return Plan(rest[0], keywords, home, debug)


def _root(args: list[str]) -> tuple[Path | None, bool, list[str]]:
    """The root options before the command's name: `--home X`, `--home=X`, `--debug`."""
    home: Path | None = None
    debug = False
    while args and args[0].startswith("-"):
        word = args.pop(0)
        if word == "--debug" and not debug:
            debug = True
        elif word == "--home" and home is None and args:
            home = _path(args.pop(0))
        elif word.startswith("--home=") and home is None:
            home = _path(word.removeprefix("--home="))
        else:
            raise _Decline
    return home, debug, args


def _command(spec: Spec, args: list[str]) -> dict[str, Any]:
    """The body's keywords from the command's own arguments."""
    by_name = {name: opt for opt in spec.options for name in opt.names}
    keywords: dict[str, Any] = {}
    given: list[str] = []
    while args:
        word = args.pop(0)
        if not word.startswith("-"):
            given.append(word)
            continue
        name, equals, attached = word.partition("=")
        opt = by_name.get(name)
        if opt is None or (equals and (opt.kind == FLAG or not name.startswith("--"))):
            raise _Decline  # unknown, `-h`, `--`, `-`, `-n5`, `-rl`, `--json=1`, `-n=5`
        if opt.dest in keywords and opt.kind != MANY:
            raise _Decline  # given twice (or --pager with --no-pager)
        if opt.kind == FLAG:
            keywords[opt.dest] = opt.sets
            continue
        if not equals:
            if not args:
                raise _Decline
            attached = args.pop(0)
        _take(keywords, opt, _value(attached))
    _arguments(spec, given, keywords)
    if spec.needs is not None and not keywords.get(spec.needs):
        raise _Decline
    return keywords


def _take(keywords: dict[str, Any], opt: Opt, value: str) -> None:
    if opt.kind == MANY:
        keywords.setdefault(opt.dest, []).append(value)
    elif opt.kind == PATH:
        keywords[opt.dest] = _path(value)
    elif opt.kind == NUMBER:
        if not (value.isascii() and value.isdigit() and len(value) <= 18):
            raise _Decline  # Click reads " 5", "+5", "5_0" and says what is wrong with "x"
        keywords[opt.dest] = int(value)
    else:
        keywords[opt.dest] = value


def _value(word: str) -> str:
    if not word or word.startswith("-"):
        raise _Decline  # empty, or an option where a value should be
    return word


def _path(word: str) -> Path:
    """A path option's value as Typer's path type takes it: one that exists must be
    readable (Typer says so otherwise)."""
    value = _value(word)
    try:
        os.stat(value)
    except OSError:
        return Path(value)  # not there (yet): taken as it is
    except ValueError:
        raise _Decline from None
    if not os.access(value, os.R_OK):
        raise _Decline
    return Path(value)


def _arguments(spec: Spec, given: list[str], keywords: dict[str, Any]) -> None:
    if spec.nargs == 0:
        if given:
            raise _Decline
    elif spec.nargs == 1:
        if len(given) != 1:
            raise _Decline
        keywords[str(spec.argument)] = given[0]
    else:
        if not given:
            raise _Decline
        keywords[str(spec.argument)] = given


def _plain_diary(state: "State") -> bool:
    """Whether the home can be named now and is not encrypted (its passphrase would be
    asked through Typer's prompts)."""
    from kapdiary import vault
    from kapdiary.errors import KapdiaryError

    keys = sys.modules.get("kapdiary.keys")  # loaded by an earlier command in this process
    if keys is not None:
        keys.start(None)  # (a plain diary never asks for a passphrase)
    vault.forget()
    try:
        return not vault.encrypted(state.named_home)
    except (KapdiaryError, OSError, ValueError):
        return False


def _run(found: Plan, state: "State") -> int:
    """The body, with errors ended as the Typer application ends them."""
    import importlib

    from kapdiary.errors import EXIT_FAILURE, EXIT_INTERRUPTED, KapdiaryError

    module, _, name = QUICK[found.command].body.partition(":")
    body = getattr(importlib.import_module(f"kapdiary.commands.{module}"), name)
    debug = found.debug or bool(os.environ.get("KAPDIARY_DEBUG"))
    try:
        body(state, **found.keywords)
    except BrokenPipeError:
        return _pipe_closed()
    except KapdiaryError as exc:
        if debug:
            raise
        return _ended(exc.message, exc.exit_code)
    except KeyboardInterrupt:
        if debug:
            raise
        from kapdiary.messages import INTERRUPTED

        return _ended(INTERRUPTED, EXIT_INTERRUPTED)
    except Exception as exc:
        if debug:
            raise
        from kapdiary.commands.context import one_line
        from kapdiary.messages import UNEXPECTED

        return _ended(
            UNEXPECTED.format(error=f"{type(exc).__name__}: {one_line(exc)}"), EXIT_FAILURE
        )
    return 0


def _ended(message: str, code: int) -> int:
    from kapdiary.commands.context import error_line

    error_line(message)
    return code


def _pipe_closed() -> int:
    """The reader went away (`kapdiary review | head`): stop quietly, as `cat` does."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    return 141
