"""The use cases called as library functions: one request in, one result out, every word
for the person through the Asker (the library itself never prints)."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from kapdiary import config as config_file
from kapdiary import drafts
from kapdiary.errors import UsageError
from kapdiary.locations import config_path, resolve_home
from kapdiary.use_cases.export import ExportRequest, choose_format, export
from kapdiary.use_cases.write import Page, WriteRequest, write

TODAY = date(2026, 11, 21)
NOW = datetime(2026, 11, 21, 21, 30)


class Recorder:
    """An Asker that writes down what it is told and answers from a list."""

    def __init__(self, answers: list[bool] | None = None, *, terminal: bool = True) -> None:
        self.said: list[tuple[str, bool]] = []
        self.asked: list[str] = []
        self.answers = list(answers or [])
        self.terminal = terminal

    def can_ask(self) -> bool:
        return self.terminal

    def say(self, line: str = "", *, err: bool = False) -> None:
        self.said.append((line, err))

    def confirm(self, question: str, *, default: bool = True) -> bool:
        self.asked.append(question)
        return self.answers.pop(0) if self.answers else default

    def confirm_or_no(self, question: str, *, default: bool = True) -> bool:
        return self.confirm(question, default=default)


class NoPerson:
    """A Composer for requests that must never reach the prompt or the editor."""

    def guided(self, home: Any, page: Page) -> Path | None:
        raise AssertionError("the prompt was opened")

    def session(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        raise AssertionError("the editor was opened")

    def say(self, line: str = "") -> None:
        raise AssertionError(f"said {line!r}")


def _write_request(**chosen: Any) -> WriteRequest:
    home = resolve_home(None, None)
    settings_ = config_file.load(config_path())
    fields: dict[str, Any] = {"day": TODAY, "now": lambda: NOW}
    fields.update(chosen)
    return WriteRequest(home=home, config=settings_, today=TODAY, **fields)


def _export_request(**chosen: Any) -> ExportRequest:
    fmt, target = choose_format(chosen.pop("file_format", None), chosen.pop("output", None))
    fields: dict[str, Any] = {"until": TODAY, "since": date(2026, 11, 1)}
    fields.update(chosen)
    home = resolve_home(None, None)
    return ExportRequest(home=home, today=TODAY, made=NOW, fmt=fmt, target=target, **fields)


def test_a_batch_write_saves_without_a_person_and_prints_nothing(
    initialised: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    asker = Recorder(terminal=False)
    writing, path = write(_write_request(sets=("mood=6",), text="A calm day."), asker, NoPerson())
    assert path is not None and path.read_text(encoding="utf-8").count("A calm day.") == 1
    assert writing.answers.values["mood"] == 6
    assert asker.said == [] and asker.asked == []
    assert capsys.readouterr() == ("", "")  # the library never prints


def test_text_from_the_reader_is_read_only_without_a_terminal(initialised: Path) -> None:
    read: list[bool] = []

    def reader() -> str:
        read.append(True)
        return "Piped in."

    _, path = write(_write_request(sets=("mood=5",), read_input=reader), Recorder(), NoPerson())
    assert read == [True] and path is not None and "Piped in." in path.read_text()
    _, path = write(
        _write_request(sets=("mood=5",), read_input=reader, terminal=True),
        Recorder(),
        NoPerson(),
    )
    assert read == [True] and path is not None and "Piped in." not in path.read_text()


def test_options_and_the_prompt_together_are_refused_before_anything_is_asked(
    initialised: Path,
) -> None:
    asker = Recorder()
    with pytest.raises(UsageError, match="--set and --text write without prompting"):
        write(_write_request(sets=("mood=6",), guided=True), asker, NoPerson())
    assert asker.asked == []


class Prompt(NoPerson):
    """A Composer whose prompt writes one answer and keeps the page it was given."""

    def __init__(self) -> None:
        self.pages: list[Page] = []

    def guided(self, home: Any, page: Page) -> Path | None:
        from kapdiary import writing

        self.pages.append(page)
        page.answers.values["mood"] = 7
        return writing.save(home, page.answers, page.values)

    def session(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        raise AssertionError("the editor was opened")

    def say(self, line: str = "") -> None:
        raise AssertionError(f"said {line!r}")


def test_a_draft_for_the_day_is_offered_and_carried_on(initialised: Path) -> None:
    home = resolve_home(None, None)
    kept = drafts.new_path(home, TODAY, "evening")
    drafts.save(kept, "---\ndate: 2026-11-21\ntemplate: evening\n---\n\n## Today\n\nKept words.\n")
    asker, prompt = Recorder([True]), Prompt()
    _, path = write(_write_request(guided=True, terminal=True), asker, prompt)
    assert len(asker.asked) == 1 and prompt.pages[0].draft is not None
    assert prompt.pages[0].draft_path(home) == kept
    assert path is not None and "Kept words." in path.read_text(encoding="utf-8")


def test_a_draft_declined_stays_and_the_page_starts_empty(initialised: Path) -> None:
    home = resolve_home(None, None)
    kept = drafts.new_path(home, TODAY, "evening")
    drafts.save(kept, "---\ndate: 2026-11-21\ntemplate: evening\n---\n\nKept words.\n")
    asker, prompt = Recorder([False]), Prompt()
    write(_write_request(guided=True, terminal=True), asker, prompt)
    assert prompt.pages[0].draft is None and prompt.pages[0].answers.sections == {}
    assert kept.exists() and any("It stays in your drafts" in line for line, _ in asker.said)


def test_export_asks_after_the_preview_and_a_no_writes_nothing(
    initialised: Path, run: Callable[..., Any], tmp_path: Path
) -> None:
    assert run("write", "--date", "2026-11-20", "--set", "mood=6", input="Steady.").exit_code == 0
    asker = Recorder([False])
    target = tmp_path / "out.md"
    result = export(_export_request(output=target), asker)
    assert result.path is None and not target.exists()
    assert asker.asked == ["Write this file?"] and asker.said  # the preview came first
    result = export(_export_request(output=target, yes=True), Recorder(terminal=False))
    assert result.path == target and "Steady." in target.read_text(encoding="utf-8")


def test_export_without_a_terminal_needs_yes(initialised: Path, run: Callable[..., Any]) -> None:
    assert run("write", "--date", "2026-11-20", "--set", "mood=6", input="Steady.").exit_code == 0
    with pytest.raises(UsageError, match="add --yes"):
        export(_export_request(), Recorder(terminal=False))


class Typist(NoPerson):
    """An editor that adds a line to the file, or stops as SIGTERM would."""

    def __init__(self, *, stop: bool = False) -> None:
        self.stop = stop
        self.said: list[str] = []

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        from kapdiary.editor import EditorInterrupted

        if self.stop:
            raise EditorInterrupted(text + "\nHalf a thought")
        return text + "\nWritten in the editor.\n", 0

    def say(self, line: str = "") -> None:
        self.said.append(line)


def test_the_editor_is_run_by_the_use_case_and_its_text_saved(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "true")
    typist = Typist()
    _, path = write(_write_request(editor=True), Recorder(terminal=False), typist)
    assert path is not None and "Written in the editor." in path.read_text(encoding="utf-8")
    assert drafts.pending(resolve_home(None, None)) == [] and typist.said == []


def test_an_editor_stopped_leaves_a_draft_and_stops_the_use_case(
    initialised: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from kapdiary.use_cases.write import Stopped

    monkeypatch.setenv("EDITOR", "true")
    typist = Typist(stop=True)
    with pytest.raises(Stopped):
        write(_write_request(editor=True), Recorder(terminal=False), typist)
    kept = drafts.pending(resolve_home(None, None))
    assert len(kept) == 1 and "Half a thought" in kept[0].raw
    assert len(typist.said) == 1 and str(kept[0].path) in typist.said[0]
