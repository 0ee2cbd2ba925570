"""The quick start (kapdiary.launch): the plain reading commands run without Typer, read
exactly as Typer reads them, and anything it is not sure of goes to Typer.

The whole suite drives both paths (tests/conftest.py's ``run`` starts the program as
``kapdiary`` does); here: the quick start's options are Typer's options, what it declines,
and, for command lines made up by hypothesis, the same output, errors and exit code with
the quick start and with Typer alone (``KAPDIARY_QUICK=0``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import typer.main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import put, subprocess_env
from kapdiary import launch
from kapdiary.cli import app

TYPER = {"KAPDIARY_QUICK": "0"}


def _typer_command(name: str) -> object:
    group = typer.main.get_command(app)
    return group.commands[name]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(launch.QUICK))
def test_the_quick_start_knows_exactly_the_options_typer_declares(name: str) -> None:
    spec = launch.QUICK[name]
    ours = {(n, opt.dest, opt.kind, opt.sets) for opt in spec.options for n in opt.names}
    theirs = set()
    arguments = []
    for param in _typer_command(name).params:  # type: ignore[attr-defined]
        if param.param_type_name == "argument":
            arguments.append((param.name, param.nargs, param.required))
            continue
        if param.name == "help":
            continue
        kind = (
            launch.PATH
            if param.type.name == "path"
            else launch.FLAG
            if param.is_flag
            else launch.MANY
            if param.multiple
            else launch.NUMBER
            if param.type.name == "int"
            else launch.VALUE
        )
        assert param.type.name in ("int", "str", "boolean", "path"), (name, param.type.name)
        theirs |= {(n, param.name, kind, True) for n in param.opts}
        theirs |= {(n, param.name, kind, False) for n in param.secondary_opts}
    assert ours == theirs
    expected = [] if spec.nargs == 0 else [(spec.argument, spec.nargs, True)]
    assert arguments == expected


def test_the_root_options_the_quick_start_reads_are_typers() -> None:
    group = typer.main.get_command(app)
    root = {param.name: param for param in group.params}
    assert root["home"].opts == ["--home"] and not root["home"].is_flag
    assert root["home"].type.name == "path" and not root["home"].type.exists
    assert root["debug"].opts == ["--debug"] and root["debug"].is_flag


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--version"],
        ["--help"],
        ["review", "--help"],
        ["review", "-h"],
        ["write"],
        ["export", "--since", "1y"],
        ["review", "--sinse", "1w"],
        ["review", "--last"],
        ["review", "--last", "x"],
        ["review", "--last", " 5"],
        ["review", "--last", "+5"],
        ["review", "--last", "5_0"],
        ["review", "-n5"],
        ["review", "-n=5"],
        ["review", "-rl"],
        ["review", "--json=1"],
        ["review", "--json", "--json"],
        ["review", "--pager", "--no-pager"],
        ["review", "--since", "1w", "--since", "2w"],
        ["review", "--since", ""],
        ["review", "--since=-3d"],
        ["review", "--since", "-3d"],
        ["review", "--"],
        ["review", "-"],
        ["review", "extra"],
        ["review", "--debug"],
        ["search"],
        ["search", "--", "-word"],
        ["show"],
        ["show", "today", "yesterday"],
        ["progress", "-s", "1w"],
        ["progress", "--intention", "a", "--intention", "b"],
        ["--home"],
        ["--home", ""],
        ["--home", "x", "--home", "y", "review"],
        ["--debug", "--debug", "review"],
        ["--verbose", "review"],
        ["export", "--since", "1y"],
        ["export", "--since", "1y", "-o", "x.md"],
        ["export", "--yes", "--yes"],
    ],
)
def test_what_the_quick_start_leaves_to_typer(args: list[str]) -> None:
    assert launch.plan(args, {}) is None


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["review"], ("review", {}, None, False)),
        (
            ["--debug", "--home=/d", "review", "-n", "30", "--tag", "a", "-t", "b", "--no-pager"],
            ("review", {"last": 30, "tag": ["a", "b"], "pager": False}, Path("/d"), True),
        ),
        (
            ["--home", "d", "search", "grief", "--since=1y", "loss", "--json"],
            (
                "search",
                {"words_": ["grief", "loss"], "since": "1y", "as_json": True},
                Path("d"),
                False,
            ),
        ),
        (
            ["show", "2026-11-20", "--json"],
            ("show", {"target": "2026-11-20", "as_json": True}, None, False),
        ),
        (
            ["progress", "--period", "8w", "-i", "kids"],
            ("progress", {"period": "8w", "intention": "kids"}, None, False),
        ),
    ],
)
def test_what_the_quick_start_runs(args: list[str], expected: tuple[object, ...]) -> None:
    assert tuple(launch.plan(args, {}) or ()) == expected


def test_a_path_that_cannot_be_read_goes_to_typer(tmp_path: Path) -> None:
    locked = tmp_path / "locked.md"
    locked.write_text("x", encoding="utf-8")
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("root reads every file, whatever its mode")
        assert launch.plan(["export", "--yes", "-o", str(locked)], {}) is None
        assert launch.plan(["--home", str(locked), "review"], {}) is None
        assert launch.plan(["export", "--yes", "-o", str(tmp_path / "new.md")], {}) is not None
    finally:
        locked.chmod(0o600)


def test_shell_completion_and_kapdiary_quick_0_go_to_typer() -> None:
    assert launch.plan(["review"], {"_KAPDIARY_COMPLETE": "complete_bash"}) is None
    assert launch.plan(["review"], {"KAPDIARY_QUICK": "0"}) is None
    assert launch.plan(["review"], {"KAPDIARY_QUICK": "1"}) is not None


def test_an_encrypted_diary_goes_to_typer(home: Path) -> None:
    (home / "encryption.toml").write_text('recipient = "age1x"\n', encoding="utf-8")
    assert launch.quick(["review"]) is None


def test_a_config_that_cannot_be_read_goes_to_typer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config" / "config.toml"
    config.parent.mkdir()
    config.write_text("home = [\n", encoding="utf-8")
    monkeypatch.delenv("KAPDIARY_HOME")
    assert launch.quick(["review"]) is None


# --- the same result either way ------------------------------------------------------------


@pytest.fixture
def diary(home: Path) -> Path:
    put(home, "2026-11-15", "Sunday at the lake, #family.", mood=6, intentions={"kids": 7})
    put(home, "2026-11-18", "A heavy day at work.", template="session", mood=3, session=4)
    put(home, "2026-11-20", "Integration feels possible. #insight", mood=8, intentions={"kids": 9})
    put(home, "2025-06-01", "Long ago, grief and the lake.", mood=4, tags=["grief"])
    return home


def _same(run: Callable[..., Result], args: list[str]) -> None:
    run(*args, env=TYPER)  # the first reading command builds the index, and says so
    quick, full = run(*args), run(*args, env=TYPER)
    assert (quick.exit_code, quick.stdout, quick.stderr) == (
        full.exit_code,
        full.stdout,
        full.stderr,
    ), args


@pytest.mark.parametrize(
    "args",
    [
        ["review"],
        ["review", "--all", "--list"],
        ["review", "-n", "2", "--reverse", "--json"],
        ["review", "--last", "0"],
        ["review", "--since", "2026-11-16", "--until", "2026-11-15"],
        ["review", "--on", "someday"],
        ["review", "--all", "--since", "1w"],
        ["review", "--tag", "family", "--intention", "kids", "--template", "evening"],
        ["review", "--text", '"the lake"', "--all"],
        ["search", "lake"],
        ["search", "lake", "--limit", "1", "--json"],
        ["search", "grief", "--since", "1m"],
        ["search", '"unclosed'],
        ["search", "nothing-like-it"],
        ["search", "heavy", "--everywhere", "--limit", "0"],
        ["show", "2026-11-20"],
        ["show", "2026-11-19"],
        ["show", "entries/2026/11/2026-11-20-evening.md", "--json"],
        ["show", "no/such/file.md"],
        ["show", "not-a-day"],
        ["progress"],
        ["progress", "--json"],
        ["progress", "--period", "8w", "--intention", "kids"],
        ["progress", "--intention", "nobody"],
        ["progress", "--field", "nothing"],
        ["progress", "--since", "1y", "--period", "2w"],
        ["progress", "--until", "2020-13-01"],
        ["--home", "/no/such/diary", "review"],
    ],
)
def test_the_same_output_errors_and_exit_code_as_typer(
    diary: Path, run: Callable[..., Result], args: list[str]
) -> None:
    assert launch.plan(args, {}) is not None  # these are the quick start's to run
    _same(run, args)


def test_no_diary_yet_is_said_the_same_way(home: Path, run: Callable[..., Result]) -> None:
    _same(run, ["review"])
    _same(run, ["progress"])


TOKENS = st.sampled_from(
    [
        "--since", "-s", "--until", "-u", "--on", "--last", "-n", "--all", "-a", "--template",
        "-T", "--tag", "-t", "--intention", "-i", "--text", "--list", "-l", "--reverse", "-r",
        "--pager", "--no-pager", "--json", "--limit", "--everywhere", "--period", "--field",
        "-f", "--help", "-h", "--", "-", "-n5", "-rl", "--json=1", "--last=0", "--since=",
        "--since=1w", "", "lake", "grief", "2026-11-20", "2026-11-15", "7d", "1y", "0", "3",
        "-3", "kids", "family", "evening", "session", '"the lake"', "lake*", "NOT", "OR",
        "yesterday", "friday", "99999-01-01", "entries/2026/11/2026-11-20-evening.md",
    ]
)  # fmt: skip


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    prefix=st.sampled_from([[], ["--debug"], ["--home", "."], ["--home=."]]),
    command=st.sampled_from(sorted(set(launch.QUICK) - {"export"})),  # export: below
    rest=st.lists(TOKENS, max_size=6),
)
def test_any_command_line_gives_what_typer_gives(
    diary: Path,
    run: Callable[..., Result],
    monkeypatch: pytest.MonkeyPatch,
    prefix: list[str],
    command: str,
    rest: list[str],
) -> None:
    monkeypatch.chdir(diary)
    args = [*prefix, command, *rest]
    if "--debug" in prefix:
        # --debug shows a traceback instead of a line: the same exception either way
        quick, full = _raised(run, args), _raised(run, args, env=TYPER)
        assert quick == full, args
        return
    _same(run, args)


def _raised(run: Callable[..., Result], args: list[str], **kwargs: object) -> object:
    try:
        done = run(*args, **kwargs)
    except Exception as exc:  # noqa: BLE001 (--debug lets it through: which one, what it says)
        return type(exc).__name__, str(exc)
    return done.exit_code, done.stdout, done.stderr


# --- the program itself ------------------------------------------------------------------


LOADED = """
import atexit, builtins, sys
typed = []  # annotations typing compiles (a NamedTuple's fields, written as strings)
def compiled(*args, _compile=builtins.compile, **kwargs):
    if sys._getframe(1).f_code.co_filename.endswith("typing.py"):
        typed.append(args[0])
    return _compile(*args, **kwargs)
builtins.compile = compiled
def tell():
    sys.stderr.write("\\nTYPED:" + ",".join(map(str, typed)))
    heavy = ("dataclasses", "inspect", "hashlib", "_hashlib", "kapdiary.progress", "yaml")
    sys.stderr.write("\\nHEAVY:" + ",".join(m for m in heavy if m in sys.modules))
    loaded = any(m == "typer" or m.startswith("typer.") for m in sys.modules)
    sys.stderr.write("\\nTYPER:" + str(loaded) + "\\n")
atexit.register(tell)
sys.argv = ["kapdiary", *sys.argv[1:]]
from kapdiary.launch import main
main()
"""


def loaded(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The real program run with ``args``; its last stderr lines tell what it loaded."""
    done = subprocess.run(
        [sys.executable, "-c", LOADED, *args],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.mark.parametrize(
    ("args", "typer_loaded"),
    [
        (["review", "--all"], False),
        (["search", "lake"], False),
        (["show", "2026-11-20"], False),
        (["progress", "--json"], False),
        (["review", "--help"], True),
        (["tags"], True),
    ],
)
def test_the_program_starts_without_typer_only_for_the_quick_commands(
    diary: Path, args: list[str], typer_loaded: bool
) -> None:
    done = loaded(args)
    assert done.stderr.splitlines()[-1] == f"TYPER:{typer_loaded}"
    assert done.stdout


@pytest.mark.parametrize(
    ("args", "allowed"),
    [
        (["review", "--all"], set()),
        (["review", "--last", "3", "--json"], set()),
        (["search", "lake"], set()),
        (["show", "2026-11-20"], set()),
        (["progress"], {"kapdiary.progress"}),
        (["progress", "--json"], {"kapdiary.progress"}),
    ],
)
def test_the_quick_commands_import_nothing_their_output_does_not_need(
    diary: Path, args: list[str], allowed: set[str]
) -> None:
    """No dataclasses (with inspect), no OpenSSL, no YAML, the figures module only for the
    figures, and no annotation compiled: each costs milliseconds on every command (issue
    19). Reading the files into the index (the first command) may import them all: the
    next one must not."""
    loaded(args)
    done = loaded(args)
    heavy = done.stderr.splitlines()[-2]
    assert heavy.startswith("HEAVY:"), done.stderr
    assert set(filter(None, heavy[6:].split(","))) == allowed
    # The first annotation typing compiles costs ~10 M instructions (the compiler's start):
    # modules with NamedTuples on these paths do without `from __future__ import annotations`.
    assert done.stderr.splitlines()[-3] == "TYPED:", done.stderr


def test_python_dash_m_and_the_installed_program_start_the_same_way(diary: Path) -> None:
    by_module = subprocess.run(
        [sys.executable, "-m", "kapdiary", "review", "--all", "--list"],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert by_module.returncode == 0, by_module.stderr
    assert "Sunday at the lake" in by_module.stdout or "2026-11-15" in by_module.stdout


# --- export, the one writing command the quick start runs (with --yes) --------------------


@pytest.mark.parametrize(
    "options",
    [
        ["--since", "2026-11-01", "-f", "md"],
        ["--since", "2026-11-01", "--format", "html", "--without", "mood"],
        ["-s", "2025-01-01", "-u", "2026-11-20", "-f", "json", "--tag", "family"],
        ["--since", "2026-11-01", "--include-private", "-T", "evening"],
        ["--since", "2026-11-19", "--until", "2026-11-18"],
        ["--since", "2026-11-01", "-f", "docx"],
        ["--since", "2026-11-01", "--without", "nonsense"],
        ["--since", "2026-11-01", "--encrypt-to", "not-a-key"],
        ["--since", "1900-01-01", "--until", "1900-01-02"],
    ],
)
def test_export_with_yes_writes_the_same_file_and_says_the_same_as_typer(
    diary: Path, run: Callable[..., Result], tmp_path: Path, options: list[str]
) -> None:
    args = ["export", "--yes", *options]
    assert launch.plan([*args, "-o", "x"], {}) is not None
    done = {}
    for way, env in (("quick", {}), ("typer", TYPER)):
        target = tmp_path / way
        target.mkdir()
        result = run(*args, "-o", str(target), env=env)
        files = {p.name: p.read_bytes() for p in target.iterdir()}
        shown = result.stdout.replace(str(target), "<out>")
        done[way] = (result.exit_code, shown, result.stderr.replace(str(target), "<out>"), files)
    assert done["quick"] == done["typer"]


def test_export_into_a_file_that_exists_needs_force_either_way(
    diary: Path, run: Callable[..., Result], tmp_path: Path
) -> None:
    target = tmp_path / "for-coach.md"
    target.write_text("the coach's copy\n", encoding="utf-8")
    args = ["export", "--yes", "--since", "2026-11-01", "-o", str(target)]
    quick, full = run(*args), run(*args, env=TYPER)
    assert (quick.exit_code, quick.stderr) == (full.exit_code, full.stderr)
    assert quick.exit_code != 0
    assert target.read_text(encoding="utf-8") == "the coach's copy\n"
    forced = run(*args, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "the coach's copy" not in target.read_text(encoding="utf-8")
