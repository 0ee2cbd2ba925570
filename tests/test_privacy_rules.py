"""Private means private: every spelling of "private" that CommonMark or YAML allows stays
out of every export format, and the export fails closed where it cannot tell.

Each case writes an entry file by hand (as another editor or a sync tool would), exports it
in Markdown, HTML and JSON through the real CLI, and greps the files: the private marker is
in none of them, the public marker beside it is in all of them, and ``--include-private``
brings the private one back.
"""

from __future__ import annotations

import json
import os
import socket
import stat
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import one_error_line

Run = Callable[..., Result]
FORMATS = ("md", "html", "json")
PUBLIC, SECRET = "sunlitmeadow", "hiddenorchard"


def raw_entry(home: Path, day: str, text: str, name: str | None = None) -> Path:
    path = home / "entries" / day[:4] / day[5:7] / (name or f"{day}-evening.md")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def front(day: str = "2026-11-20", extra: str = "") -> str:
    return f"---\ndate: {day}\ntime: '21:00'\ntemplate: evening\n{extra}---\n\n"


def export_all(run: Run, out: Path, *extra: str) -> tuple[str, dict[str, str]]:
    """Export in every format; the preview and each file's text."""
    out.mkdir(exist_ok=True)
    texts: dict[str, str] = {}
    preview = ""
    for fmt in FORMATS:
        target = out / f"export.{fmt}"
        args = ("export", "--yes", "--force", "-s", "2026-11-01", "-o", str(target), *extra)
        result = run(*args)
        assert result.exit_code == 0, result.output
        preview = result.stdout
        texts[fmt] = target.read_text(encoding="utf-8")
    return preview, texts


def assert_withheld(run: Run, out: Path, secret: str = SECRET, public: str = PUBLIC) -> str:
    preview, texts = export_all(run, out)
    for fmt, text in texts.items():
        assert secret not in text, (fmt, text)
        assert public in text, (fmt, text)
    _, everything = export_all(run, out / "all", "--include-private")
    for fmt, text in everything.items():
        assert secret in text, (fmt, text)
    return preview


# --- private sections, spelled every way CommonMark allows -----------------------------------

SECTIONS = {
    "closing hashes": f"## Notes (private) ##\n{SECRET}\n\n## Open\n{PUBLIC}\n",
    "closing hashes, other case": f"## Notes (PRIVATE) #####   \n{SECRET}\n## Open\n{PUBLIC}\n",
    "a tab after the hashes": f"##\tNotes (private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    "one space of indent": f" ## Notes (private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    "three spaces of indent": f"   ## Notes (Private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    "setext, level 2": f"Open words {PUBLIC}\n\nNotes (private)\n---\n{SECRET}\n",
    "setext, level 1": f"{PUBLIC}\n\nAll of it (private)\n===\n{SECRET}\n\n## Later\n{SECRET}x\n",
    "a level-3 part in an open section": (
        f"## Open\n{PUBLIC}\n### Aside (private)\n{SECRET}\n#### deeper\n{SECRET}2\n"
    ),
    "a level-1 part runs over level-2 sections": (
        f"## Open\n{PUBLIC}\n\n# Night (private)\n{SECRET}\n## Still the night\n{SECRET}2\n"
    ),
    "a fence with a heading inside a private section": (
        f"## Notes (private)\n```\n## Not a heading\n{SECRET}\n```\n{SECRET}2\n"
        f"~~~\n# also text\n~~~\n{SECRET}3\n## Open\n{PUBLIC}\n"
    ),
    "emphasis in the heading": f"## Notes *(private)*\n{SECRET}\n## Open\n{PUBLIC}\n",
    "an entity in the heading": f"## Notes &#40;private&#41;\n{SECRET}\n## Open\n{PUBLIC}\n",
    "an escaped paren": f"## Notes \\(private\\)\n{SECRET}\n## Open\n{PUBLIC}\n",
    "an HTML heading": f"## Open\n{PUBLIC}\n\n<h2>Notes (private)</h2>\n\n{SECRET}\n",
    "a heading in a quote": f"## Open\n{PUBLIC}\n\n> ## Notes (private)\n> {SECRET}\n",
    "a private heading inside a code block": (
        f"## Open\n{PUBLIC}\n\n```\n## Notes (private)\n{SECRET}\n```\n"
    ),
    "an unclosed fence after a private heading": (
        f"## Open\n{PUBLIC}\n## Notes (private)\n```\n{SECRET}\n## Open again\n{SECRET}2\n"
    ),
    "the title itself": f"# My night {SECRET}title (private)\n\n{SECRET}\n",
    "a higher heading ends a private section": (
        f"## Notes (private)\n{SECRET}\n# Back to the day\n{PUBLIC}\n## More (private)\n{SECRET}2\n"
    ),
}


@pytest.mark.parametrize("body", SECTIONS.values(), ids=SECTIONS.keys())
def test_a_private_part_stays_out_of_every_format(
    run: Run, initialised: Path, tmp_path: Path, body: str
) -> None:
    if "the title itself" in body or body.startswith("# My night"):
        raw_entry(initialised, "2026-11-20", front() + body)
        raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Open\n{PUBLIC}\n")
    else:
        raw_entry(initialised, "2026-11-20", front() + body)

    preview = assert_withheld(run, tmp_path / "out")

    assert "withheld  2026-11-20" in preview  # the preview names the part


def test_an_inline_tag_in_a_private_section_is_private(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    raw_entry(
        initialised,
        "2026-11-20",
        front(extra="tags: [listed]\n")
        + f"## Open\n{PUBLIC} #opentag\n## Notes (private)\nabout #{SECRET}\n",
    )

    _, texts = export_all(run, tmp_path / "out")

    for text in texts.values():
        assert SECRET not in text
        assert "opentag" in text and "listed" in text
    [entry] = json.loads(texts["json"])["entries"]
    assert entry["tags"] == ["listed", "opentag"]


def test_a_tag_only_in_a_private_part_does_not_choose_the_entry(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    # Chosen by `--tag secret`, the entry would tell the coach that its private part holds
    # #secret, though neither the tag nor the part goes out.
    raw_entry(
        initialised,
        "2026-11-20",
        front() + f"## Open\n{PUBLIC}\n## Notes (private)\n{SECRET} #Secret\n",
    )
    raw_entry(
        initialised,
        "2026-11-21",
        front("2026-11-21") + "## Open\nplainly #secret here\n",
        name="2026-11-21-evening.md",
    )

    preview, texts = export_all(run, tmp_path / "out", "--tag", "#SECRET")

    for text in texts.values():
        assert SECRET not in text and PUBLIC not in text
        assert "plainly" in text
    assert [e["date"] for e in json.loads(texts["json"])["entries"]] == ["2026-11-21"]
    assert "#secret is only in a private part" in preview
    # --include-private asks for it, and then it is chosen.
    _, texts = export_all(run, tmp_path / "all", "--tag", "secret", "--include-private")
    assert len(json.loads(texts["json"])["entries"]) == 2


# --- the whole-entry flag, spelled every way YAML allows --------------------------------------

FLAGS = {
    "Private: true": "Private: true\n",
    "PRIVATE: true": "PRIVATE: true\n",
    'private: "on"': 'private: "on"\n',
    "private: on": "private: on\n",
    "private: 1.0": "private: 1.0\n",
    "private: 'yes'": "private: 'yes'\n",
    "private: Y": "private: Y\n",
    "private with no value": "private:\n",
    "private: []": "private: []\n",
    "a quoted key": "'private': true\n",
    "true then false": "private: true\nprivate: false\n",
    "false then true": "private: false\nprivate: true\n",
    "false, then another case true": "private: false\nPrivate: true\n",
    "a YAML merge": "<<: {private: true}\n",
}


@pytest.mark.parametrize("flag", FLAGS.values(), ids=FLAGS.keys())
def test_a_private_flag_in_any_spelling_withholds_the_entry(
    run: Run, initialised: Path, tmp_path: Path, flag: str
) -> None:
    note = f"intention_notes: {{be-present-with-my-kids: {SECRET}note}}\n"
    fields = f"tags: [{SECRET}tag]\nmood: 9\n{note}"
    raw_entry(initialised, "2026-11-20", front(extra=flag + fields) + f"## Today\n{SECRET}\n")
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    preview = assert_withheld(run, tmp_path / "out")  # tags and notes too: they hold SECRET
    _, texts = export_all(run, tmp_path / "again")
    assert json.loads(texts["json"])["summary"]["mood"]["days_rated"] == 0  # nor its mood

    assert "withheld  2026-11-20 2026/11/2026-11-20-evening.md: the whole entry" in preview


@pytest.mark.parametrize("value", ["false", "no", "off", "0", "False", "'no'", "OFF"])
def test_a_clear_false_shares_the_entry(
    run: Run, initialised: Path, tmp_path: Path, value: str
) -> None:
    raw_entry(initialised, "2026-11-20", front(extra=f"private: {value}\n") + f"## T\n{PUBLIC}\n")

    _, texts = export_all(run, tmp_path / "out")

    assert all(PUBLIC in text for text in texts.values())


@pytest.mark.parametrize(
    "before",
    ["\n", "\n\n  \n", "\ufeff", "\ufeff\n"],
    ids=["a blank line", "blanks", "BOM", "both"],
)
def test_front_matter_after_blank_lines_is_read_never_exported_as_text(
    run: Run, initialised: Path, tmp_path: Path, before: str
) -> None:
    raw_entry(initialised, "2026-11-20", before + front(extra="private: true\n") + SECRET)
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    assert_withheld(run, tmp_path / "out")
    _, texts = export_all(run, tmp_path / "out2")
    assert not any("private: true" in text for text in texts.values())


def test_a_flag_line_outside_any_front_matter_withholds_the_file(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    raw_entry(initialised, "2026-11-20", f"Some words first\n---\nprivate: true\n---\n{SECRET}\n")
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    preview = assert_withheld(run, tmp_path / "out")

    assert "reads like a private flag" in preview


@pytest.mark.parametrize("line", ["prİvate: true", "PRİVATE: yes", "prıvate: true", "PRIVATE: on"])
def test_a_flag_line_with_a_dotted_or_dotless_i_withholds_the_entry(
    run: Run, initialised: Path, tmp_path: Path, line: str
) -> None:
    """A Turkish keyboard's İ and ı are an i to the flag-line reader: "prİvate: true" in a
    body withholds the entry, by the general reading (an entry out of the house style) and
    by the build's one-pass reading alike."""
    raw_entry(initialised, "2026-11-20", front() + f"{line}\n\n## Today\n{SECRET}\n")
    raw_entry(initialised, "2026-11-18", f"---\ndate: 2026-11-18\n---\n{line}\n{SECRET}\n")
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    preview = assert_withheld(run, tmp_path / "out")

    assert preview.count("reads like a private flag") == 2


def test_front_matter_that_cannot_be_read_withholds_the_entry(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    raw_entry(initialised, "2026-11-20", f"---\ndate: 2026-11-20\nprivate: [true\n---\n{SECRET}\n")
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    preview, texts = export_all(run, tmp_path / "out")

    assert not any(SECRET in text for text in texts.values())
    assert "cannot be read" in preview


# --- only the diary's own files ---------------------------------------------------------------


def test_a_link_to_a_file_outside_the_diary_is_never_exported(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    outside = tmp_path / "elsewhere.md"
    outside.write_text(front() + f"## Today\n{SECRET}\n", encoding="utf-8")
    link = initialised / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    link.parent.mkdir(parents=True)
    link.symlink_to(outside)
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    preview, texts = export_all(run, tmp_path / "out")
    _, everything = export_all(run, tmp_path / "all", "--include-private")

    for text in [*texts.values(), *everything.values()]:
        assert SECRET not in text and PUBLIC in text
    assert "a link to" in preview and "2026-11-20-evening.md" in preview
    search = run("search", SECRET)
    assert search.stdout.startswith("Nothing matches")  # nor read into the index


def test_a_link_to_etc_passwd_is_not_read(run: Run, initialised: Path, tmp_path: Path) -> None:
    link = initialised / "entries" / "2026" / "11" / "2026-11-20-evening.md"
    link.parent.mkdir(parents=True)
    link.symlink_to("/etc/passwd")
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    _, texts = export_all(run, tmp_path / "out", "--include-private")

    assert not any("root:" in text for text in texts.values())
    assert "root:" not in run("review", "--all").stdout


def test_an_entries_folder_linked_out_of_the_diary_is_refused(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    raw_entry(elsewhere, "2026-11-20", front() + SECRET)
    (initialised / "entries").rmdir() if (initialised / "entries").exists() else None
    (initialised / "entries").symlink_to(elsewhere / "entries")

    result = run("export", "--yes", "-s", "2026-11-01", "-o", str(tmp_path / "x.md"))

    assert result.exit_code == 1
    assert "outside the diary" in one_error_line(result)
    assert not (tmp_path / "x.md").exists()


def test_doctor_names_links_unreadable_files_and_unclear_flags(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    folder = initialised / "entries" / "2026" / "11"
    raw_entry(initialised, "2026-11-20", front(extra="private: true\nprivate: false\n") + "x")
    raw_entry(initialised, "2026-11-18", front("2026-11-18", "Private: maybe\n") + "x")
    raw_entry(initialised, "2026-11-17", "---\ndate: 2026-11-17\nprivate: [\n---\nx\n")
    (folder / "2026-11-16-evening.md").symlink_to("/etc/passwd")
    (folder / "notes.txt").write_text("words in another format")
    (folder / ".hidden.md").write_text("hidden words")

    result = run("doctor", "--json")

    found = {(f["kind"], f["path"].rsplit("/", 1)[-1]) for f in json.loads(result.stdout)}
    assert ("private", "2026-11-20-evening.md") in found
    assert ("private", "2026-11-18-evening.md") in found
    assert ("front-matter", "2026-11-17-evening.md") in found
    assert ("symlink", "2026-11-16-evening.md") in found
    assert ("not-read", "notes.txt") in found
    assert ("not-read", ".hidden.md") in found


# --- safe destinations ------------------------------------------------------------------------


def _destination_result(run: Run, target: Path, *more: str) -> Result:
    return run("export", "--yes", "-s", "2026-11-01", "-o", str(target), *more)


@pytest.mark.parametrize("force", [False, True])
def test_export_refuses_devices_fifos_sockets_and_missing_folders(
    run: Run, initialised: Path, tmp_path: Path, force: bool
) -> None:
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    sock_path = tmp_path / "sock.md"
    sock = socket.socket(socket.AF_UNIX)
    sock.bind(str(sock_path))
    link = tmp_path / "link.md"
    link.symlink_to("/dev/null")
    extra = ("--force",) if force else ()
    try:
        cases = {
            Path("/dev/null"): "is a device",
            fifo: "is a FIFO",
            sock_path: "is a socket",
            link: "is a link",
            tmp_path / "missing" / "x.md": "does not exist",
        }
        for target, words in cases.items():
            result = _destination_result(run, target, *extra)
            assert result.exit_code == 1, (target, result.output)
            assert words in one_error_line(result)
    finally:
        sock.close()
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and os.path.islink(link)


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can replace a device node")
def test_as_root_export_to_dev_full_leaves_the_device_alone(run: Run, initialised: Path) -> None:
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    result = _destination_result(run, Path("/dev/full"), "--force", "-f", "md")

    assert result.exit_code == 2 or result.exit_code == 1
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


@pytest.mark.parametrize(
    ("name", "more", "words"),
    [
        ("out.docx", (), "does not make .docx files"),
        ("notes", (), "has no ending"),
        ("notes.md", ("-f", "html"), "does not match -o notes.md"),
        ("notes.txt", ("-f", "md"), "does not make .txt files"),
    ],
)
def test_the_ending_must_match_the_format(
    run: Run, initialised: Path, tmp_path: Path, name: str, more: tuple[str, ...], words: str
) -> None:
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    result = _destination_result(run, tmp_path / name, *more)

    assert result.exit_code == 2
    assert words in one_error_line(result)
    assert not (tmp_path / name).exists()


def test_the_format_follows_the_ending(run: Run, initialised: Path, tmp_path: Path) -> None:
    raw_entry(initialised, "2026-11-19", front("2026-11-19") + f"## Today\n{PUBLIC}\n")

    result = _destination_result(run, tmp_path / "notes.HTML")

    assert result.exit_code == 0, result.output
    assert (tmp_path / "notes.HTML").read_text().lstrip().lower().startswith("<!doctype html")


# --- the preview names what goes out that needs a thought -------------------------------------


def test_the_preview_names_questionnaires_and_the_answer_about_self_harm(
    run: Run, initialised: Path, tmp_path: Path
) -> None:
    answers = "phq9: {interest: 1, down: 1, sleep: 1, tired: 1, appetite: 0, failure: 0, "
    answers += "concentrating: 0, moving: 0, self_harm: 1}\nscore: 5\nseverity: mild\n"
    raw_entry(
        initialised,
        "2026-11-20",
        "---\ndate: 2026-11-20\ntemplate: phq9\n" + answers + "---\n\nok\n",
        name="2026-11-20-phq9.md",
    )

    preview, _ = export_all(run, tmp_path / "out")
    without, texts = export_all(run, tmp_path / "out2", "--without", "phq9.self_harm")

    assert "including the answer about thoughts of self-harm" in preview
    assert "--without phq9.self_harm leaves that answer out" in preview
    assert "self-harm" not in without and "self_harm" not in texts["json"]


# --- property tests ---------------------------------------------------------------------------


@dataclass
class Block:
    text: str
    markers: list[tuple[str, bool]]  # marker word, private?
    tags: list[tuple[str, bool]]


def _marker(n: int) -> str:
    return f"zq{n}q"


@st.composite
def bodies(draw: st.DrawFn) -> tuple[str, list[tuple[str, bool]], list[tuple[str, bool]]]:
    """A body of headings (every style and level, some private), paragraphs with inline
    tags, and fences; with, for each marker word, whether it must stay private."""
    stack: list[int] = []  # levels of the private parts now open
    blocks: list[str] = []
    markers: list[tuple[str, bool]] = []
    tags: list[tuple[str, bool]] = []
    count = 0
    for _ in range(draw(st.integers(1, 12))):
        kind = draw(st.sampled_from(["heading", "paragraph", "paragraph", "fence"]))
        count += 1
        word = _marker(count)
        if kind == "heading":
            level = draw(st.integers(1, 6))
            private = draw(st.booleans())
            while stack and stack[-1] >= level:
                stack.pop()
            inside = bool(stack)
            suffix = draw(st.sampled_from(["(private)", "(Private)", "(PRIVATE)", "( private )"]))
            words = f"{word} {suffix}" if private else word
            style = draw(st.sampled_from(["atx", "closing", "tab", "indent", "setext"]))
            hashes = "#" * level
            if style == "setext" and level <= 2:
                text = f"{words}\n{'=' if level == 1 else '-' * 3}"
            elif style == "closing":
                text = f"{hashes} {words} {'#' * draw(st.integers(1, 4))}"
            elif style == "tab":
                text = f"{hashes}\t{words}"
            elif style == "indent":
                text = f"{' ' * draw(st.integers(1, 3))}{hashes} {words}"
            else:
                text = f"{hashes} {words}"
            if private:
                stack.append(level)
            markers.append((word, private or inside))
            blocks.append(text)
        elif kind == "paragraph":
            count += 1
            tag = f"t{_marker(count)}"
            markers.append((word, bool(stack)))
            tags.append((tag, bool(stack)))
            blocks.append(f"{word} and #{tag}")
        else:
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            fake = draw(st.sampled_from(["## fake", "# fake", "## fake (private)"]))
            looks_private = "(private)" in fake
            markers.append((word, bool(stack) or looks_private))
            blocks.append(f"{fence}\n{fake}\n{word}\n{fence}")
    return "\n\n".join(blocks) + "\n", markers, tags


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(generated=bodies())
def test_no_private_marker_reaches_any_format_and_every_public_one_does(
    initialised: Path, generated: tuple[str, list[tuple[str, bool]], list[tuple[str, bool]]]
) -> None:
    from kapdiary import export
    from kapdiary.locations import Home

    body, markers, tags = generated
    raw_entry(initialised, "2026-11-20", front() + body)
    request = export.Request(since=date(2026, 11, 1), until=date(2026, 11, 21))
    document = export.build(Home(initialised, "test"), request)
    shared = {fmt: export.render(document, export.get_format(fmt)) for fmt in FORMATS}
    everything = export.build(
        Home(initialised, "test"),
        export.Request(since=request.since, until=request.until, include_private=True),
    )

    for fmt, text in shared.items():
        for word, private in markers:
            assert (word in text) is not private, (fmt, word, private, body)
        for tag, private in tags:
            assert (tag in text) is not private, (fmt, tag, private, body)
    [entry] = everything.entries
    whole = json.dumps([entry.intro, [(s.heading, s.text) for s in entry.sections]])
    assert all(word in whole or word in (entry.title or "") for word, _ in markers)


lines = st.sampled_from(
    ["## a", "# t", "### c", "text", "", "- item", "> quote", "1. one", "#tag", "##x", "#######",
     "####### x", "## é ü", "word ## not", "    ## code", "## trailing  ", "#", "# "]
)  # fmt: skip


@given(st.lists(lines, max_size=15).map("\n".join))
def test_the_fast_line_reading_agrees_with_commonmark(body: str) -> None:
    from kapdiary import privacy

    if privacy.needs_parser(body):
        return
    fast = [(h.start, h.level, h.text) for h in privacy._headings(body) if h.top]
    parsed = [(h.start, h.level, h.text) for h in privacy._headings(body, parser=True) if h.top]
    assert fast == parsed


values = st.one_of(
    st.booleans(),
    st.integers(-2, 3),
    st.floats(allow_nan=False, width=16),
    st.none(),
    st.text(max_size=6),
    st.sampled_from(["false", "no", "off", "0", "FALSE", " No ", "true", "yes", "on", "1"]),
)


@given(value=values, key=st.sampled_from(["private", "Private", "PRIVATE", " private"]))
def test_only_a_clear_false_makes_an_entry_shareable(value: object, key: str) -> None:
    from kapdiary.privacy import flag_reason

    clear = value is False or (type(value) is int and value == 0)
    clear = clear or (
        isinstance(value, str) and value.strip().lower() in {"false", "no", "off", "0"}
    )
    assert (flag_reason({key: value}) is None) is clear
