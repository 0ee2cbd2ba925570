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

    def confirm_or_none(self, question: str, *, default: bool = True) -> bool | None:
        return self.confirm(question, default=default)

    def say_page(self, text: str, *, err: bool = False) -> None:
        self.said.append((text, err))


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


# --- after saving: every question and line through the Asker, the follow-ups' prompt
# through the Composer (kapdiary.use_cases.after_saving) --------------------------------


class EndOfInput(Recorder):
    """An Asker whose input ends at the first yes/no question that may be left unanswered."""

    def confirm_or_none(self, question: str, *, default: bool = True) -> bool | None:
        self.asked.append(question)
        return None


class Answering(NoPerson):
    """A Composer whose prompt saves each follow-up with the values it is given."""

    def __init__(self, values: dict[str, Any]) -> None:
        self.values = values
        self.pages: list[Page] = []

    def guided(self, home: Any, page: Page) -> Path | None:
        from kapdiary import writing

        self.pages.append(page)
        page.answers.values.update(self.values)
        page.answers.sections = {"Anything I want to add?": "Asked after the weekly review."}
        return writing.save(home, page.answers, page.values)


def _intention_texts(home: Path) -> list[str]:
    from kapdiary import intentions

    return [i.text for i in intentions.load(home / "intentions.toml")]


def test_new_intentions_are_offered_one_by_one_and_only_a_yes_is_added(initialised: Path) -> None:
    asker = Recorder([True, False])
    _, path = write(
        _write_request(template_name="preparation", guided=True, terminal=True),
        asker,
        Answering({"new_intentions": ["Rest without guilt", "Call my sister"], "mood": 5}),
    )
    assert path is not None
    assert asker.asked == [
        "Add 'Rest without guilt' as an intention?",
        "Add 'Call my sister' as an intention?",
    ]
    assert _intention_texts(initialised)[-1] == "Rest without guilt"
    assert "Call my sister" not in _intention_texts(initialised)
    assert (
        "Added the intention 'Rest without guilt' (id rest-without-guilt).",
        False,
    ) in asker.said


def test_without_a_person_new_intentions_are_named_on_stderr_and_not_added(
    initialised: Path,
) -> None:
    asker = Recorder(terminal=False)
    sets = ("new_intentions=Rest without guilt", "mood=5")
    write(_write_request(template_name="preparation", sets=sets, text="Ready."), asker, NoPerson())
    assert asker.asked == [] and "Rest without guilt" not in _intention_texts(initialised)
    [(line, err)] = asker.said
    assert err and "not added to your intentions without asking: 'Rest without guilt'" in line


def test_the_end_of_input_stops_the_offers_and_says_the_rest_stay_in_the_entry(
    initialised: Path,
) -> None:
    asker = EndOfInput()
    before = _intention_texts(initialised)
    write(
        _write_request(template_name="preparation", guided=True, terminal=True),
        asker,
        Answering({"new_intentions": ["Rest without guilt", "Call my sister"], "mood": 5}),
    )
    assert len(asker.asked) == 1 and _intention_texts(initialised) == before
    assert any("Stopped asking; those stay in your entry only" in line for line, _ in asker.said)


def test_the_weekly_review_offers_its_check_ins_and_a_no_names_the_commands(
    initialised: Path,
) -> None:
    asker = Recorder([False])
    composer = Answering({})
    write(_write_request(template_name="weekly", guided=True, terminal=True), asker, composer)
    assert asker.asked == ["Would you like to do your check-ins now (PHQ-9, GAD-7)?"]
    assert len(composer.pages) == 1  # the weekly review itself, no check-in
    assert ("Any time: kapdiary write phq9, kapdiary write gad7.", False) in asker.said


def test_a_yes_runs_each_check_in_through_the_prompt_and_says_where_help_is(
    initialised: Path,
) -> None:
    asker = Recorder([True])
    answers = {"phq9": dict.fromkeys(PHQ9_ITEMS, 1), "gad7": dict.fromkeys(GAD7_ITEMS, 0)}
    composer = Answering(answers)
    write(_write_request(template_name="weekly", guided=True, terminal=True), asker, composer)
    names = [page.answers.template.name for page in composer.pages]
    assert names == ["weekly", "phq9", "gad7"]
    saved_lines = [line for line, _ in asker.said if line.startswith("Saved ")]
    assert [Path(line.removeprefix("Saved ")).name for line in saved_lines] == [
        "2026-11-21-phq9.md",
        "2026-11-21-gad7.md",
    ]
    # the ninth PHQ-9 answer is above 0: the help-now words follow its saving
    from kapdiary.safety import safety_message

    assert (safety_message(None), False) in asker.said


def test_a_check_in_written_without_the_prompt_says_its_score(initialised: Path) -> None:
    asker = Recorder(terminal=False)
    sets = tuple(f"phq9.{key}=0" for key in PHQ9_ITEMS)
    write(_write_request(template_name="phq9", sets=sets, text="Fine."), asker, NoPerson())
    assert asker.said == [("PHQ-9 score: 0 (minimal).", False)]


def test_on_saved_hears_of_the_entry_before_anything_is_asked(initialised: Path) -> None:
    heard: list[str] = []

    class Order(Recorder):
        def confirm(self, question: str, *, default: bool = True) -> bool:
            heard.append("asked")
            return super().confirm(question, default=default)

    write(
        _write_request(
            template_name="weekly",
            guided=True,
            terminal=True,
            on_saved=lambda path, answers: heard.append(path.name),
        ),
        Order([False]),
        Answering({}),
    )
    assert heard == ["2026-11-21-weekly.md", "asked"]


PHQ9_ITEMS = [
    "interest",
    "down",
    "sleep",
    "tired",
    "appetite",
    "failure",
    "concentrating",
    "moving",
    "self_harm",
]
GAD7_ITEMS = [
    "nervous",
    "worrying",
    "worrying_too_much",
    "relaxing",
    "restless",
    "irritable",
    "afraid",
]


# --- edit: the editor comes in as an Editor; the use case keeps every word ---------------


class FakeEditor:
    """An Editor that answers with ``typed`` (or stops, or fails) and can change the entry
    on disk while it is "open", as a sync tool would."""

    def __init__(self, typed: str, *, code: int = 0, stop: bool = False) -> None:
        self.typed, self.code, self.stop = typed, code, stop
        self.meanwhile: Callable[[], None] | None = None
        self.given: list[str] = []

    def session(self) -> contextlib.nullcontext[None]:
        return contextlib.nullcontext()

    def edit(self, command: list[str], text: str, name: str) -> tuple[str, int]:
        from kapdiary.editor import EditorInterrupted

        self.given.append(text)
        if self.meanwhile is not None:
            self.meanwhile()
        if self.stop:
            raise EditorInterrupted(self.typed)
        return self.typed, self.code

    def say(self, line: str = "") -> None:
        raise AssertionError(f"said {line!r}")


ENTRY = "---\ndate: 2026-11-20\ntemplate: evening\nmood: 5\n---\n\n## Today\n\nFirst words.\n"


def _entry(home: Path) -> Path:
    path = home / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ENTRY, encoding="utf-8")
    return path


def _edit(path: Path, editor: FakeEditor, **chosen: Any) -> Any:
    from kapdiary.use_cases.edit import EditRequest, edit

    return edit(EditRequest(resolve_home(None, None), path, "true", **chosen), editor)


def _kept(home: Path) -> list[str]:
    return sorted(p.read_text(encoding="utf-8") for p in (home / ".history").rglob("*.md"))


def test_an_edit_replaces_the_entry_and_keeps_the_version_it_replaced(initialised: Path) -> None:
    from kapdiary import editing

    path = _entry(initialised)
    editor = FakeEditor(ENTRY.replace("First words.", "Second words."))
    outcome = _edit(path, editor)
    assert outcome.kind == editing.SAVED and editor.given == [ENTRY]
    assert "Second words." in path.read_text(encoding="utf-8")
    assert _kept(initialised) == [ENTRY]
    undone = _edit(path, FakeEditor(""), undo=True)
    assert undone.kind == editing.UNDONE and path.read_text(encoding="utf-8") == ENTRY


def test_a_stopped_editor_keeps_the_typed_words_and_leaves_the_entry(initialised: Path) -> None:
    from kapdiary.use_cases.edit import Stopped

    path = _entry(initialised)
    typed = ENTRY.replace("First words.", "Words typed before the hang-up.")
    with pytest.raises(Stopped, match="your edited text is kept in"):
        _edit(path, FakeEditor(typed, stop=True))
    assert path.read_text(encoding="utf-8") == ENTRY and _kept(initialised) == [typed]
    with pytest.raises(Stopped) as nothing_typed:
        _edit(path, FakeEditor(ENTRY, stop=True))
    assert str(nothing_typed.value) == "" and _kept(initialised) == [typed]


def test_a_failed_editor_changes_nothing_and_says_so(initialised: Path) -> None:
    from kapdiary.errors import KapdiaryError

    path = _entry(initialised)
    with pytest.raises(KapdiaryError, match=r"the editor exited with status 3; .* is unchanged"):
        _edit(path, FakeEditor(ENTRY, code=3))
    assert path.read_text(encoding="utf-8") == ENTRY and _kept(initialised) == []


def test_an_entry_changed_while_editing_keeps_both_and_raises(initialised: Path) -> None:
    from kapdiary.errors import KapdiaryError

    path = _entry(initialised)
    elsewhere = ENTRY.replace("First words.", "Changed by a sync tool.")
    editor = FakeEditor(ENTRY.replace("First words.", "Mine."))
    editor.meanwhile = lambda: path.write_text(elsewhere, encoding="utf-8")
    with pytest.raises(KapdiaryError, match="changed by something else while you were editing"):
        _edit(path, editor)
    assert path.read_text(encoding="utf-8") == elsewhere
    [copy] = path.parent.glob("*.sync-conflict-*.md")
    assert "Mine." in copy.read_text(encoding="utf-8")


# --- init: the person comes in as a Welcome --------------------------------------------


class Typed:
    """A Welcome that answers each question from a list (None: the end of input) and
    writes down what it was shown."""

    def __init__(self, lines: list[str | None]) -> None:
        self.lines = list(lines)
        self.prompts: list[str] = []
        self.said: list[str] = []
        self.shown: list[tuple[str, Any]] = []

    def welcome(self, home: Any) -> None:
        self.shown.append(("welcome", home.path))

    def ask_line(self, prompt: str) -> str | None:
        self.prompts.append(prompt)
        return self.lines.pop(0) if self.lines else None

    def say(self, line: str) -> None:
        self.said.append(line)

    def intentions(self, kept: Any, added: Any, *, more_given: bool) -> None:
        self.shown.append(("intentions", (kept, [i.text for i in added], more_given)))

    def settings(self, path: Path, *, kept: bool) -> None:
        self.shown.append(("settings", kept))


def _init_request(home: Path, **chosen: Any) -> Any:
    from kapdiary.locations import Home
    from kapdiary.use_cases.init import InitRequest

    fields: dict[str, Any] = {"today": TODAY}
    fields.update(chosen)
    path = config_path()
    return InitRequest(Home(home, "--home"), path, config_file.load(path), **fields)


def test_init_asks_for_intentions_and_areas_and_saves_what_was_typed(tmp_path: Path) -> None:
    from kapdiary.use_cases.init import init

    home = tmp_path / "new-diary"
    typed = Typed(["Rest without guilt", "", "mind, body ,, work", None])
    init(_init_request(home, ask=True), typed)
    areas = "Press Enter to keep them, or type your own, comma-separated: "
    assert typed.prompts == ["Intention 1: ", "Intention 2: ", areas]
    assert [kind for kind, _ in typed.shown] == ["welcome", "intentions", "settings"]
    assert typed.shown[1][1] == (None, ["Rest without guilt"], False)
    assert (home / "intentions.toml").is_file() and (home / "entries").is_dir()
    assert config_file.load(config_path()).areas == ["mind", "body", "work"]
    assert oct((home / "entries").stat().st_mode & 0o777) == "0o700"


def test_init_says_why_areas_are_refused_and_asks_again(tmp_path: Path) -> None:
    from kapdiary.use_cases.init import init

    typed = Typed([None, "mind, B@dy", "mind"])
    init(_init_request(tmp_path / "d", ask=True), typed)
    assert len(typed.prompts) == 3 and config_file.load(config_path()).areas == ["mind"]
    assert any("areas" in line for line in typed.said[1:])


def test_init_again_keeps_intentions_and_settings_and_adds_nothing(tmp_path: Path) -> None:
    from kapdiary.use_cases.init import init

    home = tmp_path / "d"
    init(_init_request(home, intentions=("First",), areas="mind"), Typed([]))
    before = (home / "intentions.toml").read_bytes(), config_path().read_bytes()
    again = Typed(["never asked"])
    init(_init_request(home, intentions=("Second",), areas="body", ask=True), again)
    assert again.prompts == []
    assert again.shown[1][1][1:] == ([], True) and [i.text for i in again.shown[1][1][0]] == [
        "First"
    ]
    assert again.shown[2] == ("settings", True)
    assert ((home / "intentions.toml").read_bytes(), config_path().read_bytes()) == before


def test_init_refuses_four_intentions_before_creating_anything(tmp_path: Path) -> None:
    from kapdiary.use_cases.init import init

    typed = Typed([])
    with pytest.raises(UsageError, match="one to three intentions"):
        init(_init_request(tmp_path / "d", intentions=("a", "b", "c", "d")), typed)
    assert typed.shown == [] and not (tmp_path / "d").exists()
