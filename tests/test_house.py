"""The house rules a newcomer relies on, checked by reading the source (issue 15).

- what kapdiary says to people lives in `kapdiary.messages`, not inline;
- no function in src/ is over 60 lines and no command body over 25;
- no import cycle between kapdiary's modules;
- Rich is imported only under `kapdiary.render`.

Each rule names the place that breaks it and how to fix it, so a failure reads as a to-do.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import kapdiary

SRC = Path(kapdiary.__file__).parent

# Calls whose string arguments are said to a person: errors, echoes, prompts, notices.
SAYING = {
    "KapdiaryError",
    "UsageError",
    "FrontMatterError",
    "BadParameter",
    "echo",
    "secho",
    "confirm",
    "prompt",
    "input",
    "say",
    "_notice",
    "notice",
    "Problem",  # a template's or the index's problem, with its fix
    "add",  # doctor's findings: self.add(kind, severity, path, description, fix)
    "Repair",  # what doctor --fix did
    "_Changed",  # why doctor --fix left something alone
}
# `print` is a picture under render/ (headings, rows); elsewhere it is a sentence.
SAYING_OUTSIDE_RENDER = {"print", "read"}
NOT_SAID = {"help", "style", "metavar", "end", "sep"}  # keywords that carry no sentence
WORD = re.compile(r"[A-Za-z]{2,}")  # a token with a word in it; `temp-file` is one
MARKUP = re.compile(r"\[/?[a-z ]+\]")  # Rich's [bold] … [/bold] are not words

# (module, the sentence's first words): inline on purpose, with the reason.
ALLOWED: dict[tuple[str, str], str] = {}


def _modules() -> Iterator[tuple[str, ast.Module]]:
    for path in sorted(SRC.rglob("*.py")):
        name = path.relative_to(SRC).as_posix()
        yield name, ast.parse(path.read_text(encoding="utf-8"), filename=name)


def _callee(call: ast.Call) -> str | None:
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _literal_words(node: ast.AST) -> str:
    """The literal text of a string expression (f-string parts, `+`, `a if c else b`)."""
    parts: list[str] = []
    for inner in ast.walk(node):
        if isinstance(inner, ast.JoinedStr):
            for value in inner.values:
                if isinstance(value, ast.FormattedValue) and value.format_spec is not None:
                    value.format_spec.values.clear()  # `:02x` is not words
        if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
            parts.append(inner.value)
    return MARKUP.sub("", " … ".join(parts))


def _sentences(call: ast.Call, watched: set[str]) -> list[str]:
    """The sentences (two words or more of literal text) a watched call is given inline."""
    if _callee(call) not in watched:
        return []
    arguments = [*call.args, *(k.value for k in call.keywords if k.arg not in NOT_SAID)]
    texts = [_literal_words(argument) for argument in arguments]
    return [text for text in texts if _word_count(text) >= 2]


def _word_count(text: str) -> int:
    return sum(1 for token in text.split() if WORD.search(token))


def inline_sentences() -> Iterator[tuple[str, int, str]]:
    for name, tree in _modules():
        if name.startswith("messages/"):
            continue
        watched = SAYING if name.startswith("render/") else SAYING | SAYING_OUTSIDE_RENDER
        for call in ast.walk(tree):
            if isinstance(call, ast.Call):
                for text in _sentences(call, watched):
                    if (name, text[:30]) not in ALLOWED:
                        yield name, call.lineno, text


def test_what_kapdiary_says_lives_in_messages() -> None:
    found = [f"{name}:{line}: {text[:70]!r}" for name, line, text in inline_sentences()]
    assert not found, (
        "user-facing sentences written inline; move each into a function in "
        "src/kapdiary/messages/<area>.py and call it:\n" + "\n".join(found)
    )


# These hold no sentence at all, wherever it is written (in a variable, a dict, a return):
# only help texts, docstrings, table headings and words matched against (Click's, a
# problem's start). The command line and the use cases, whatever is added to them; and
# the library modules that were cleared of sentences (issue 15). A module left out holds
# words that are not said to a person but drawn or written: SQL (index/), a picture's
# headings (render/), an export document's own words (export/ html, markdown, charts,
# words), file contents (the starter template, the editor's comments), helpline data.
STRICT = ("cli/", "use_cases/", "commands/")
STRICT_MODULES = {
    "config.py",
    "dates.py",
    "doctor.py",
    "drafts.py",
    "entry.py",
    "errors.py",
    "fields.py",
    "history.py",
    "intentions.py",
    "launch.py",
    "lookup.py",
    "locations.py",
    "privacy.py",
    "progress.py",
    "query.py",
    "sessions.py",
    "storage.py",
    "template_files.py",
    "writing.py",
    "export/__init__.py",
    "export/coach.py",
    "export/json.py",
    "index/__init__.py",
    "index/extract.py",
    "index/snippets.py",
    "render/data.py",
    "render/format.py",
    "render/plain.py",
    "render/tables.py",
    "render/views.py",
}
NOT_A_SENTENCE_CALLS = {"Column", "replace", "startswith", "endswith"}


def _strings_outside_help(tree: ast.Module) -> Iterator[tuple[int, str]]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        help_text = isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id.endswith("HELP") for t in node.targets
        )
        inside: list[ast.AST] = []
        if isinstance(node, ast.keyword) and node.arg in NOT_SAID:
            inside = [node.value]
        elif help_text:
            inside = [node.value]  # type: ignore[attr-defined]
        elif isinstance(node, ast.Call) and _callee(node) in NOT_A_SENTENCE_CALLS:
            inside = [*node.args]
        elif isinstance(node, ast.Compare):
            inside = [node]
        elif isinstance(node, ast.arg | ast.AnnAssign) and node.annotation is not None:
            inside = [node.annotation]  # a quoted annotation is a type, not words
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            inside = [node.returns]
        for part in inside:
            skip.update(id(inner) for inner in ast.walk(part))
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr) and id(node) not in skip:
            skip.update(id(value) for value in node.values)
            text = _literal_words(node)
        elif (
            isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
        ):
            text = node.value
        else:
            continue
        if _word_count(MARKUP.sub("", text)) >= 3:
            yield node.lineno, text


def test_the_command_line_use_cases_and_cleared_modules_hold_no_sentence() -> None:
    found = [
        f"{name}:{line}: {text[:70]!r}"
        for name, tree in _modules()
        if name.startswith(STRICT) or name in STRICT_MODULES
        for line, text in _strings_outside_help(tree)
    ]
    assert not found, "move these into src/kapdiary/messages/<area>.py:\n" + "\n".join(found)


def test_the_sentence_check_sees_an_inline_sentence() -> None:
    """The check above is not vacuous: the shapes it must catch are caught."""
    caught = [
        'raise UsageError("no such day; use YYYY-MM-DD")',
        'typer.echo(f"Saved {path} just now")',
        'typer.confirm("Write " + "this file?")',
        'say("one line" if n else "two lines", style="dim")',
        'raise KapdiaryError("cannot read {}; check it".format(path))',
        'typer.echo("%s is gone, sadly" % path, err=True)',
    ]
    passed = ["typer.echo(said.saved(path))", 'say("", style="bold cyan")', 'echo(f"{a}: {b}")']
    for source, expected in [*((s, True) for s in caught), *((s, False) for s in passed)]:
        calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
        assert bool(_sentences(calls[0], SAYING)) is expected, source
    module = ast.parse(
        'def f():\n    """A docstring is not said."""\n'
        '    question = f"Discard the unfinished {what}?"\n'
        '    return {"damaged": "the index was damaged", "ok": "fine"}\n'
        'HELP = "Help texts are documentation."\n'
        'Column("what it is for")\n'
    )
    assert [line for line, _ in _strings_outside_help(module)] == [3, 4]


# --- sizes -------------------------------------------------------------------------------

MAX_FUNCTION_LINES = 60
MAX_COMMAND_BODY_LINES = 25


def _functions() -> Iterator[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    for name, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                yield name, node


def _is_command(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """Registered with Typer: ``@app.command(...)``, ``@drafts_app.command("show")``, ..."""
    for decorator in function.decorator_list:
        called = decorator.func if isinstance(decorator, ast.Call) else decorator
        if isinstance(called, ast.Attribute) and called.attr in ("command", "callback"):
            return True
    return False


def _body_lines(function: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """The lines of the body after the docstring (the parameters are Typer's declarations)."""
    body = function.body
    if isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
        body = body[1:]
    if not body:
        return 0
    return (function.end_lineno or body[-1].lineno) - body[0].lineno + 1


def test_no_function_in_src_is_over_60_lines() -> None:
    long = [
        f"{name}:{f.lineno} {f.name}() is {(f.end_lineno or f.lineno) - f.lineno + 1} lines"
        for name, f in _functions()
        if (f.end_lineno or f.lineno) - f.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, "split these into named steps (ARCHITECTURE.md):\n" + "\n".join(long)


def test_no_command_body_is_over_25_lines() -> None:
    commands = [(name, f) for name, f in _functions() if _is_command(f)]
    assert len(commands) >= 25  # the check sees the commands at all
    long = [
        f"{name}:{f.lineno} {f.name}: a body of {_body_lines(f)} lines"
        for name, f in commands
        if _body_lines(f) > MAX_COMMAND_BODY_LINES
    ]
    assert not long, (
        "a command parses, calls one library function (a use case) and renders; move the "
        "work into the library:\n" + "\n".join(long)
    )


# --- imports -----------------------------------------------------------------------------


def _module_names() -> dict[str, str]:
    """kapdiary's modules by dotted name (a package by its own name), to their file."""
    found = {}
    for name, _ in _modules():
        parts = ["kapdiary", *name.removesuffix(".py").split("/")]
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = name
    return found


def _imports(module: str, file: str, tree: ast.Module, known: dict[str, str]) -> set[str]:
    """The kapdiary modules ``module`` imports when it runs, inside functions too (a lazy
    import is a cycle waiting for its first call); not those under TYPE_CHECKING."""

    def owner(dotted: str) -> str:
        while dotted and dotted not in known:
            dotted = dotted.rpartition(".")[0]
        return dotted

    found: set[str] = set()
    package = module if file.endswith("__init__.py") else module.rpartition(".")[0]
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            found |= {owner(alias.name) for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package
                for _ in range(node.level - 1):
                    anchor = anchor.rpartition(".")[0]
                base = f"{anchor}.{base}".rstrip(".")
            for alias in node.names:
                named = f"{base}.{alias.name}"
                found.add(named if named in known else owner(base))
        stack.extend(ast.iter_child_nodes(node))
    return {m for m in found if m.startswith("kapdiary") and m != module}


def import_graph() -> dict[str, set[str]]:
    known = _module_names()
    trees = dict(_modules())
    return {module: _imports(module, file, trees[file], known) for module, file in known.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each group of modules that import each other, round and round (Tarjan's SCCs)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph.get(node, ())):
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            group: list[str] = []
            while not group or group[-1] != node:
                group.append(stack.pop())
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return groups


def test_no_import_cycle_between_kapdiarys_modules() -> None:
    graph = import_graph()
    assert "kapdiary.use_cases.write" in graph["kapdiary.cli.write"]  # lazy imports count
    found = cycles(graph)
    assert not found, "modules that import each other (move the shared idea into a module " + (
        "both may import):\n" + "\n".join(" -> ".join(group) for group in found)
    )


def test_the_cycle_check_finds_a_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}, "e": set()}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_rich_is_imported_only_under_render() -> None:
    """ruff's TID251 says so too; this holds when ruff is not run."""
    outside = []
    for name, tree in _modules():
        if name.startswith("render/"):
            continue
        for node in ast.walk(tree):
            names = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            if any(n == "rich" or n.startswith("rich.") for n in names):
                outside.append(f"{name}:{node.lineno}")
    assert not outside, "Rich belongs to kapdiary.render:\n" + "\n".join(outside)


def test_the_quick_start_and_the_command_bodies_never_import_typer_or_cli() -> None:
    """kapdiary.launch runs commands/ without Typer (tests/test_launch.py): neither may
    import Typer, Click or kapdiary.cli, nor anything that does, lazily or not (but for
    launch.main's hand-over to kapdiary.cli.main)."""
    graph = import_graph()
    names = _module_names()
    assert "kapdiary.cli" in graph["kapdiary.launch"]  # the hand-over, seen
    graph["kapdiary.launch"] = graph["kapdiary.launch"] - {"kapdiary.cli"}
    start = ["kapdiary.launch", *(m for m in graph if m.startswith("kapdiary.commands"))]
    reached, todo = set(start), list(start)
    while todo:
        for other in graph.get(todo.pop(), ()):
            if other not in reached:
                reached.add(other)
                todo.append(other)
    assert not {m for m in reached if m.startswith("kapdiary.cli")}, sorted(reached)
    found = []
    for module in sorted(reached):
        tree = ast.parse(Path(SRC, names[module]).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            imported = (
                [a.name for a in node.names] if isinstance(node, ast.Import) else
                [node.module or ""] if isinstance(node, ast.ImportFrom) else []
            )  # fmt: skip
            if any(n.split(".")[0] in ("typer", "click") for n in imported):
                found.append(f"{module}:{node.lineno}")
    assert not found, found
