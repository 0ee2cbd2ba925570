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
    "Problem",
    "add",
    "Repair",
    "_Changed",
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


def test_the_sentence_check_sees_an_inline_sentence() -> None:
    """The check above is not vacuous: the shapes it must catch are caught."""
    caught = [
        'raise UsageError("no such day; use YYYY-MM-DD")',
        'typer.echo(f"Saved {path} just now")',
        'typer.confirm("Write " + "this file?")',
        'say("one line" if n else "two lines", style="dim")',
    ]
    passed = ["typer.echo(said.saved(path))", 'say("", style="bold cyan")', 'echo(f"{a}: {b}")']
    for source, expected in [*((s, True) for s in caught), *((s, False) for s in passed)]:
        calls = [n for n in ast.walk(ast.parse(source)) if isinstance(n, ast.Call)]
        assert bool(_sentences(calls[0], SAYING)) is expected, source
