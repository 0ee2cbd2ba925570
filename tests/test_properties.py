"""Properties over many generated inputs (hypothesis): any words and any valid values come
back unchanged, and nothing a file can hold makes kapdiary fail with anything but its own
one-line error.

What the format cannot hold, and so is left out of the generated text:

- lone surrogates (U+D800-U+DFFF): not encodable as UTF-8; `write` refuses them with one
  line (``test_text_that_is_not_utf8_is_refused_with_one_line``);
- carriage returns: files are read with universal newlines, so ``\\r`` and ``\\r\\n`` come
  back as ``\\n``;
- lines that start with ``#``: ``## `` starts a new section, by design, and a ``# `` line
  as the first line of the text is taken for the title and dropped (the template gives it);
- whitespace around the whole text, which is trimmed.

NUL, other control characters, Unicode line separators and every plane are kept.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import entry_file, one_error_line
from kapdiary import entry, templates
from kapdiary.errors import KapdiaryError
from kapdiary.index import jsonable, record_from_file

Run = Callable[..., Result]
KIDS, KIND = "be-present-with-my-kids", "self-compassion"
AREAS = ("mind", "body", "spirit", "relationships", "lifestyle", "nature")
SIDE_EFFECTS = ("none", "dissociation", "nausea", "dizziness", "headache", "blurred vision")
ROUTES = ("nasal spray", "lozenge/troche", "IM injection", "IV infusion", "other")

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

characters = st.characters(exclude_categories=["Cs"], exclude_characters="\r")


def _holdable(text: str) -> bool:
    trimmed = text.strip()
    return bool(trimmed) and not any(line.startswith("#") for line in trimmed.split("\n"))


# Any text, with the characters that stress a line-based format mixed in generously.
tricky = st.sampled_from(
    ["\n", "\n\n", " ", "\t", "\x00", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", "\u2029",
     "\ufeff", "---", "...", "<!-- ", " -->", "#tag", "é", "\U0001f600", ": ", "- ", "|"]
)  # fmt: skip
bodies = (
    st.lists(st.one_of(tricky, st.text(characters, max_size=12)), min_size=1, max_size=30)
    .map("".join)
    .filter(_holdable)
)
one_line = st.text(characters, min_size=1, max_size=40).filter(
    lambda t: "\n" not in t and bool(t.strip())
)
ratings = st.integers(0, 10)
tags = st.lists(st.from_regex(r"[a-z][a-z0-9-]{0,11}", fullmatch=True), max_size=4, unique=True)


def fresh(home: Path) -> None:
    """Each example writes the first entry of the day (an example is not a new test)."""
    shutil.rmtree(home / "entries", ignore_errors=True)
    (home / "export.toml").unlink(missing_ok=True)


def written(run: Run, tmp_path: Path, *args: str) -> tuple[entry.Entry, dict[str, Any], Any]:
    """Write, then read back three ways: the file, `show --json` and an export as JSON."""
    result = run("write", *args)
    assert result.exit_code == 0, result.output
    [path] = [Path(line[6:]) for line in result.stdout.splitlines() if line.startswith("Saved ")]
    saved = entry.parse(path.read_text(encoding="utf-8"), path)
    assert saved.problem is None, saved.problem
    shown = run("show", "today", "--json")
    assert shown.exit_code == 0, shown.output
    [shown_entry] = json.loads(shown.stdout)
    out = tmp_path / "export.json"
    exported = run("export", "--yes", "--force", "-f", "json", "-s", "2026-11-01", "-o", str(out))
    assert exported.exit_code == 0, exported.output
    [exported_entry] = json.loads(out.read_text(encoding="utf-8"))["entries"]
    return saved, shown_entry, exported_entry


@SETTINGS
@given(
    text=bodies,
    mood=st.integers(1, 10),
    intentions=st.dictionaries(st.sampled_from([KIDS, KIND]), ratings),
    areas=st.dictionaries(st.sampled_from(AREAS), ratings),
    note=one_line,
    tag_list=tags,
)
@example(text="a\x00b\x85c\u2028d", mood=1, intentions={}, areas={}, note="0\x850", tag_list=[])
@example(
    text="---\nnot: yaml\n---", mood=10, intentions={KIDS: 0}, areas={}, note="- x", tag_list=[]
)
def test_any_words_and_values_survive_write_show_and_export(
    run: Run,
    initialised: Path,
    tmp_path: Path,
    text: str,
    mood: int,
    intentions: dict[str, int],
    areas: dict[str, int],
    note: str,
    tag_list: list[str],
) -> None:
    fresh(initialised)
    sets = [f"mood={mood}", f"intention_notes.{KIDS}={note}"]
    sets += [f"intentions.{k}={v}" for k, v in intentions.items()]
    sets += [f"areas.{k}={v}" for k, v in areas.items()]
    if tag_list:
        sets.append(f"tags={','.join(tag_list)}")

    saved, shown, exported = written(
        run, tmp_path, "--text", text, *(arg for s in sets for arg in ("--set", s))
    )

    words = text.strip()
    fields = {"mood": mood, "intention_notes": {KIDS: note.strip()}}
    fields |= {"intentions": intentions} if intentions else {}
    fields |= {"areas": areas} if areas else {}
    fields |= {"tags": tag_list} if tag_list else {}
    assert {k: v for k, v in saved.meta.items() if k not in ("date", "time", "template")} == (
        fields
    )
    assert [(s.heading, s.text) for s in saved.sections()] == [
        ("What came up for me today?", words)
    ]
    assert [s.text for s in entry.split_sections(shown["body"])] == [words]
    assert shown["meta"] == {"date": "2026-11-21", "time": "21:34", "template": "evening", **fields}
    assert [s["text"] for s in exported["sections"]] == [words]
    assert exported["fields"] == fields


@SETTINGS
@given(
    text=bodies,
    route=st.sampled_from(ROUTES),
    dose=st.integers(0, 500) | st.floats(0, 500, allow_nan=False).map(lambda f: round(f, 2)),
    duration=st.integers(0, 600),
    where=one_line,
    effects=st.lists(st.sampled_from(SIDE_EFFECTS), min_size=1, max_size=3, unique=True),
)
@example(text="Warm.", route="other", dose=0.5, duration=0, where="2026-11-21", effects=["none"])
@example(text="Quiet.", route="other", dose=35, duration=60, where=" null ", effects=["nausea"])
def test_any_session_values_survive_write_show_and_export(
    run: Run,
    initialised: Path,
    tmp_path: Path,
    text: str,
    route: str,
    dose: float,
    duration: int,
    where: str,
    effects: list[str],
) -> None:
    fresh(initialised)
    sets = [
        f"route={route}",
        f"dose_mg={dose}",
        f"duration_min={duration}",
        f"setting={where}",
        f"side_effects={','.join(effects)}",
    ]

    saved, shown, exported = written(
        run, tmp_path, "session", "--text", text, *(arg for s in sets for arg in ("--set", s))
    )

    fields = {
        "route": route,
        "dose_mg": dose,
        "duration_min": duration,
        "setting": where.strip(),  # a one-line answer is trimmed, like every answer
        "side_effects": effects,
    }
    assert {k: saved.meta[k] for k in fields} == fields
    assert saved.meta["session"] == 1
    assert [s.text for s in saved.sections()] == [text.strip()]
    assert {k: shown["meta"][k] for k in fields} == fields
    assert [s.text for s in entry.split_sections(shown["body"])] == [text.strip()]
    assert {k: exported["fields"][k] for k in fields} == fields
    assert [s["text"] for s in exported["sections"]] == [text.strip()]


def test_a_line_starting_with_a_hash_after_the_first_words_is_kept(
    run: Run, initialised: Path
) -> None:
    result = run("write", "--text", "The first words.\n# not a title, a thought")

    assert result.exit_code == 0, result.output
    text = entry_file(initialised, "2026-11-21-evening").read_text(encoding="utf-8")
    assert "not a title, a thought" in text


@pytest.mark.parametrize("given_as", ["--text", "stdin"])
def test_text_that_is_not_utf8_is_refused_with_one_line(
    run: Run, initialised: Path, given_as: str
) -> None:
    latin1 = "Caf\xe9 au lait.".encode("latin-1")
    # A Latin-1 byte comes in on the command line as U+DCE9 (Python's surrogateescape).
    args = ["--text", latin1.decode("utf-8", "surrogateescape")] if given_as == "--text" else []

    result = run("write", *args, input=None if args else latin1)

    assert result.exit_code == 1
    line = one_error_line(result)
    assert "is not UTF-8 (it has byte 0xe9); convert it first" in line
    assert "iconv -f latin1 -t utf-8" in line and "Nothing was saved" in line
    assert list((initialised / "entries").rglob("*")) == []


# --- parsing whatever a file holds ---------------------------------------------------------------

# YAML with the constructs that build values: tags, anchors and aliases, odd scalars.
yaml_pieces = st.sampled_from(
    ["date: ", "date: 2026-11-21", "date: 2026-02-30", "mood: ", "tags: ", "private: ",
     "!!binary ", "!!timestamp ", "!!int ", "!!float ", "!!set ", "!!omap ", "!!python/name:x ",
     "&a ", "*a", "<<: *a", "[", "]", "{", "}", ", ", ": ", "- ", "? ", "|", ">", "'", '"',
     "\n", "\n  ", "#", "~", "null", "yes", "1e999", ".nan", "0x1F", "0o17", "12:30:45",
     "2026-11-21 25:61:00", "9" * 5000, "\t", "\x00", "\ufeff", "---", "..."]
)  # fmt: skip
front_matters = st.lists(st.one_of(yaml_pieces, st.text(characters, max_size=6)), max_size=40).map(
    lambda parts: "---\n" + "".join(parts) + "\n---\n\nSome words.\n"
)
any_text = st.one_of(front_matters, st.text(max_size=300))


@settings(max_examples=300, deadline=None)
@given(any_text)
@example("---\na: &a [*a]\n---\n")  # refers to itself
@example("---\nx: " + "[" * 50_000 + "]" * 50_000 + "\n---\n")  # libyaml would crash
@example("---\nx: " + "[" * 500 + "]" * 500 + "\n---\n")  # deeper than anyone writes
@example(  # an alias bomb: nine levels of nine
    "---\n"
    + "a0: &a0 [x,x,x,x,x,x,x,x,x]\n"
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9))
    + "---\n"
)
@example("---\ndate: 2026-02-30\n---\nA typo in the date.")
@example("---\ndate: 2026-11-21\nmood: 1" + "0" * 5000 + "\n---\n")
def test_parsing_any_text_as_an_entry_never_raises(text: str) -> None:
    parsed = entry.parse(text)

    assert isinstance(parsed.tags, list) and isinstance(parsed.sections(), list)
    assert parsed.date is None or isinstance(parsed.date, date)
    assert parsed.title is None or isinstance(parsed.title, str)
    json.dumps(jsonable(parsed.meta))  # a finite tree: every reader can walk it


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=400), front_matters.map(str.encode)))
@example(b"---\ndate: 2026-11-20\n---\n\nCaf\xe9.\n")
@example(b"\xff\xfe\x00\x00")
@example(b"---\ndate: 2026-02-30\n---\n")
def test_reading_any_bytes_as_an_entry_file_raises_only_kapdiarys_error(
    tmp_path_factory: pytest.TempPathFactory, data: bytes
) -> None:
    path = tmp_path_factory.getbasetemp() / "2026-11-21-evening.md"
    path.write_bytes(data)

    record = record_from_file(path)  # what `show PATH` reads; the index reads the same way

    assert isinstance(record.date, date)
    assert (record.problem is None) == (record.problem_line is None) or record.problem
    json.dumps(record.meta)


@settings(max_examples=150, deadline=None)
@given(any_text)
@example("---\nfields:\n  - key: mood\n    type: scale\n    min: 10\n    max: 1\n---\n## Hi\n")
@example("---\nfields: &a [*a]\n---\n")
@example("---\nfields:\n  - key: x\n    type: number\n    min: 2026-02-30\n---\n")
@example("---\ntitle: " + "[" * 50_000 + "\n---\n")
def test_any_text_as_a_template_gives_problems_or_kapdiarys_error(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    path = tmp_path_factory.getbasetemp() / "coach.md"
    path.write_text(text, encoding="utf-8")

    problems = templates.check(path, text)

    assert all(p.line >= 1 and p.message for p in problems)
    try:
        templates.load(path)
    except KapdiaryError:
        return
    assert not problems
