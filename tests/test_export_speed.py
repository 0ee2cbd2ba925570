"""A faster export writes the same bytes (issue 19): every fast path is checked here.

``test_every_format_writes_the_reference_bytes`` exports one diary, a generated one
(``benchmarks/generate.py``) with hostile entries added by hand (private parts in every
spelling the privacy tests know, every spelling of the private flag, odd values, a link
out of the diary, a sync-conflict copy, unreadable front matter, a coach's template and
check-ins), in every text format and several ways (default, ``--include-private``,
``--without``, ``--tag``, ``--template``), and compares each file and each preview with
the reference files in ``tests/data/export-reference/``. Those were written by the
export as it was before it was made faster; after a change that means to alter the
output, write them again with ``KAPDIARY_WRITE_REFERENCE=1`` and read the diff.

The other tests hold each fast path against the slow one it replaces, on generated input.
"""

from __future__ import annotations

import gzip
import html
import json
import os
import subprocess
import sys
from collections import OrderedDict, UserString
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import Result

from conftest import put
from helpers import COACH_FIELDS

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parent.parent
REFERENCE = Path(__file__).parent / "data" / "export-reference"
WRITE = os.environ.get("KAPDIARY_WRITE_REFERENCE") == "1"
SECRET, PUBLIC = "hiddenorchard", "sunlitmeadow"

# From tests/test_privacy_rules.py: a private part in every spelling CommonMark allows.
SECTIONS = [
    f"## Notes (private) ##\n{SECRET}\n\n## Open\n{PUBLIC}\n",
    f"## Notes (PRIVATE) #####   \n{SECRET}\n## Open\n{PUBLIC}\n",
    f"##\tNotes (private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    f" ## Notes (private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    f"   ## Notes (Private)\n{SECRET}\n## Open\n{PUBLIC}\n",
    f"Open words {PUBLIC}\n\nNotes (private)\n---\n{SECRET}\n",
    f"{PUBLIC}\n\nAll of it (private)\n===\n{SECRET}\n\n## Later\n{SECRET}x\n",
    f"## Open\n{PUBLIC}\n### Aside (private)\n{SECRET}\n#### deeper\n{SECRET}2\n",
    f"## Open\n{PUBLIC}\n\n# Night (private)\n{SECRET}\n## Still the night\n{SECRET}2\n",
    f"## Notes (private)\n```\n## Not a heading\n{SECRET}\n```\n{SECRET}2\n"
    f"~~~\n# also text\n~~~\n{SECRET}3\n## Open\n{PUBLIC}\n",
    f"## Notes *(private)*\n{SECRET}\n## Open\n{PUBLIC}\n",
    f"## Notes &#40;private&#41;\n{SECRET}\n## Open\n{PUBLIC}\n",
    f"## Notes \\(private\\)\n{SECRET}\n## Open\n{PUBLIC}\n",
    f"## Open\n{PUBLIC}\n\n<h2>Notes (private)</h2>\n\n{SECRET}\n",
    f"## Open\n{PUBLIC}\n\n> ## Notes (private)\n> {SECRET}\n",
    f"## Open\n{PUBLIC}\n\n```\n## Notes (private)\n{SECRET}\n```\n",
    f"## Open\n{PUBLIC}\n## Notes (private)\n```\n{SECRET}\n## Open again\n{SECRET}2\n",
    f"# My night {SECRET}title (private)\n\n{SECRET}\n",
    f"## Notes (private)\n{SECRET}\n# Back to the day\n{PUBLIC}\n## More (private)\n{SECRET}2\n",
    f"## Open #{PUBLIC}tag {PUBLIC}\n## Notes (private)\nabout #{SECRET}tag\n",
    f"# Title\n\n## Open\n{PUBLIC}\n\n## Private thoughts\nnot private at all\n",
    "# Only a title\n",
    "",
    "\n\n   \n",
    f"Text before any heading {PUBLIC}\n\n## A\n\n\n## B\nlast\n\n",
    f"# T\n## A\n#### deep #tag-in\n### (private) not at the end {PUBLIC}\n",
]

# From tests/test_privacy_rules.py: the whole-entry flag in every spelling YAML allows.
FLAGS = [
    "Private: true\n",
    "PRIVATE: true\n",
    'private: "on"\n',
    "private: on\n",
    "private: 1.0\n",
    "private: 'yes'\n",
    "private: Y\n",
    "private:\n",
    "private: []\n",
    "'private': true\n",
    "private: true\nprivate: false\n",
    "private: false\nprivate: true\n",
    "private: false\nPrivate: true\n",
    "<<: {private: true}\n",
]
CLEAR_FALSE = ["private: false\n", "private: 'no'\n", "private: OFF\n", "private: 0\n"]

# Front matter a person or another tool may leave: every value kind an entry can hold.
ODD_FIELDS = [
    "mood: 6.5\n",
    "mood: high\n",
    "mood: 0\nareas: {health: 11, work: -1, 'family-life': 7.25}\n",
    "intentions: {present-with-kids: 8, unknown-one: 3, self-compassion: x}\n"
    "intention_notes: {present-with-kids: '  a note  ', self-compassion: ''}\n",
    "title: My own | title *with* marks\ntags: [Zwölf, 'a b', '#x', 3]\n",
    "tags: solo\nsleep_quality: 4\nweird_list: [1, 2.5, true, null, {a: b}]\n",
    "dose_mg: 1e3\nroute: 2\nduration_min: 90\nside_effects: [nausea, 'dizzy | tired']\n",
    "session: 3\ntemplate_note: \"line one\\nline two\"\nflag: false\nempty: ''\n",
    "mood: 7\nbig: 1234567890123456789\nsmall: 0.000001\nneg: -0.5\n",
    "notes: {a: 1, b: [x, y]}\nnothing:\nzero: 0.0\n",
]

COACH = (
    "---\ntitle: Coach check-in — {long_date}\ndescription: My coach's daily questions.\n"
    "fields:\n" + COACH_FIELDS + "---\n\n## Anything else?\n"
)

PHQ9 = ("interest", "down", "sleep", "tired", "appetite", "failure", "concentrating")
PHQ9 += ("moving", "self_harm")

# Each export: its name and options; every one is made in md, html and json.
WAYS = {
    "default": (),
    "include-private": ("--include-private",),
    "without": ("--without", "mood,intentions.self-compassion", "--without", "tags"),
    "without-title-time": ("--without", "title", "--without", "time,areas.work"),
    "tag": ("--tag", "family"),
    "template": ("--template", "session", "--template", "coach"),
}
FORMATS = ("md", "html", "json")


def raw(home: Path, day: str, name: str, text: str) -> Path:
    path = home / "entries" / day[:4] / day[5:7] / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def front(day: str, extra: str = "", template: str = "evening") -> str:
    return f"---\ndate: {day}\ntime: '21:00'\ntemplate: {template}\n{extra}---\n\n"


def hostile_diary(home: Path, outside: Path) -> None:
    """A generated diary of 14 days, then the hostile entries, one or two a day."""
    options = ["--entries", "16", "--days", "14", "--end", "2026-11-20", "--seed", "19"]
    made = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), *options, "--home", str(home)],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    days = [date(2026, 10, 1).toordinal() + n for n in range(60)]
    day = iter(date.fromordinal(d).isoformat() for d in days * 4)
    for n, body in enumerate(SECTIONS):
        raw(home, (d := next(day)), f"{d}-part-{n}.md", front(d, f"mood: {n % 10 + 1}\n") + body)
    for n, flag in enumerate(FLAGS + CLEAR_FALSE):
        word = SECRET if flag in FLAGS else PUBLIC
        fields = f"tags: [{word}tag, family]\nmood: 9\n"
        fields += f"intention_notes: {{present-with-kids: {word}note}}\n"
        text = front((d := next(day)), flag + fields) + f"## Today\n{word} #family\n"
        raw(home, d, f"{d}-flag-{n}.md", text)
    for n, fields in enumerate(ODD_FIELDS):
        template = "session" if "dose_mg" in fields else "evening"
        body = f"# Evening — odd {n}\n\n## What came up?\n\n{PUBLIC} #family words\n"
        raw(home, (d := next(day)), f"{d}-odd-{n}.md", front(d, fields, template) + body)
    raw(home, "2026-11-03", "2026-11-03-flagline.md", f"Words\n---\nprivate: true\n---\n{SECRET}\n")
    raw(
        home,
        "2026-11-04",
        "2026-11-04-broken.md",
        f"---\ndate: 2026-11-04\nprivate: [\n---\n{SECRET}",
    )
    raw(home, "2026-11-05", "2026-11-05-bom.md", "\ufeff\n" + front("2026-11-05") + f"{PUBLIC}\n")
    raw(home, "2026-11-06", "2026-11-06-nofront.md", f"Just words, no front matter {PUBLIC}.\n")
    raw(
        home,
        "2026-11-07",
        "2026-11-07-evening.sync-conflict-20261107-101010-ABC.md",
        front("2026-11-07") + SECRET,
    )
    outside.write_text(front("2026-11-08") + f"## Today\n{SECRET}\n", encoding="utf-8")
    link = home / "entries" / "2026" / "11" / "2026-11-08-link.md"
    link.symlink_to(os.path.relpath(outside, link.parent))
    (home / "templates").mkdir(exist_ok=True)
    (home / "templates" / "coach.md").write_text(COACH, encoding="utf-8")
    for n, (ground, sleep, meds, energy) in enumerate(
        [
            (2, 6, True, "low"),
            (4, 8.5, False, "steady"),
            (9, 30, "maybe", "loud"),
            (3, None, True, "high"),
        ]
    ):
        meta = {"groundedness": ground, "took_meds": meds, "energy": energy}
        if sleep is not None:
            meta["sleep_hours"] = sleep
        put(home, f"2026-11-{10 + n:02d}", f"Coach {n} #family", template="coach", **meta)
    for n, answers in enumerate([(3, 3, 2, 2, 2, 1, 1, 1, 0), (1, 0, 1, 1, 0, 1, 0, 0, 1)]):
        phq9 = dict(zip(PHQ9, answers, strict=True))
        put(home, f"2026-10-{20 + n:02d}", "Check-in.", template="phq9", phq9=phq9,
            score=sum(answers), severity="moderate" if n == 0 else "minimal")  # fmt: skip


def exports(run: Run, folder: Path) -> dict[str, str]:
    """Every way in every format: the name of the file, its text (and each preview)."""
    made: dict[str, str] = {}
    for way, options in WAYS.items():
        for fmt in FORMATS:
            name = f"{way}.{fmt}"
            args = ["export", "--yes", "--force", "-s", "2026-09-20", "-u", "2026-11-21"]
            result = run(*args, "-o", name, *options)
            assert result.exit_code == 0, result.output
            made[name] = (folder / name).read_text(encoding="utf-8")
            if fmt == "md":  # the preview: only its first line names the format
                made[f"{way}.preview"] = result.stdout
    return made


def test_every_format_writes_the_reference_bytes(
    run: Run, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    hostile_diary(home, tmp_path / "outside.md")
    assert run("config", "set", "name", "Sam <b>&</b> | *you*").exit_code == 0
    assert run("config", "set", "coach", "Dr Rivera").exit_code == 0
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)

    made = exports(run, out)

    assert SECRET not in made["default.md"] and PUBLIC in made["default.md"]
    if WRITE:
        REFERENCE.mkdir(parents=True, exist_ok=True)
        for name, text in made.items():
            (REFERENCE / f"{name}.gz").write_bytes(gzip.compress(text.encode(), mtime=0))
    for name, text in made.items():
        want = gzip.decompress((REFERENCE / f"{name}.gz").read_bytes()).decode()
        if text != want:
            (tmp_path / "differs").mkdir(exist_ok=True)
            (tmp_path / "differs" / name).write_text(text, encoding="utf-8")
        assert text == want, f"{name} differs from the reference; see {tmp_path / 'differs'}"
    assert {p.name for p in REFERENCE.iterdir()} == {f"{name}.gz" for name in made}


def test_odd_ratings_and_notes_read_as_they_did(run: Run, home: Path, tmp_path: Path) -> None:
    """Written by hand: a note that is a number, false, empty or a list, ratings that are
    not numbers or too long for a float; each format shows them as the export always has
    (a rating's text is made once and shared by the formats)."""
    notes = "{present-with-kids: 0, self-compassion: false, move-my-body: '', calm: [a, b]}"
    ratings = "{present-with-kids: 7, self-compassion: 7.0, move-my-body: true, calm: high}"
    fields = f"intentions: {ratings}\nintention_notes: {notes}\n"
    fields += "areas: {body: 123456789012345678901234567890, mind: -0.0, spirit: 1e400}\n"
    raw(home, "2026-11-20", "2026-11-20-odd.md", front("2026-11-20", fields) + "## Today\nx\n")
    got = {}
    for fmt in ("md", "html"):
        out = tmp_path / f"odd.{fmt}"
        result = run("export", "--yes", "-s", "2026-11-20", "-u", "2026-11-20", "-o", str(out))
        assert result.exit_code == 0, result.output
        got[fmt] = out.read_text(encoding="utf-8")

    for line in [
        "  - present-with-kids: 7/10 — “0”",
        "  - self-compassion: 7/10 — “False”",
        "  - move-my-body: True",
        "  - calm: high — “['a', 'b']”",
        "  - body: 123456789012345677877719597056/10",
        "  - mind: 0/10",
        "  - spirit: 1e400",
    ]:  # fmt: skip  (as main's export wrote them)
        assert line in got["md"].splitlines(), line
    assert "move-my-body: True —" not in got["md"]  # an empty note is none
    assert "present-with-kids <strong>7/10</strong> <span" in got["html"]
    assert "move-my-body <strong>True</strong></li>" in got["html"]


def test_a_rating_of_one_true_and_one_point_oh_each_read_their_own_way() -> None:
    from kapdiary.export import rating

    for _ in range(2):  # the second time from what the first one kept
        assert [rating(1, "mood"), rating(True, "mood"), rating(1.0, "mood")] == [
            "1/10",
            "True",
            "1/10",
        ]
        assert [rating(True), rating(1), rating(False), rating(0)] == [
            "True",
            "1/10",
            "False",
            "0/10",
        ]


# --- each fast path against the slow one it replaces -----------------------------------------

json_keys = st.one_of(
    st.text(max_size=4),
    st.integers(-3, 3),
    st.floats(allow_nan=True),
    st.booleans(),
    st.none(),
)
json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(),
    st.sampled_from(["", "\x00", '"\\/', "\u2028", "é ü", "\ud800"[:0] + "😀"]),
)
json_values = st.recursive(
    json_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.dictionaries(st.text(max_size=5), inner, max_size=4),
        st.dictionaries(json_keys, inner, max_size=3),
    ),
    max_leaves=25,
)


def stdlib_json(value: object) -> str:
    try:
        return json.dumps(value, indent=2, ensure_ascii=False)
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    except RecursionError:
        return "RecursionError"


def our_json(value: object) -> str:
    from kapdiary.export.json import dumps

    try:
        return dumps(value)
    except (TypeError, ValueError) as exc:
        return f"{type(exc).__name__}: {exc}"
    except RecursionError:
        return "RecursionError"


@settings(max_examples=400, deadline=None)
@given(json_values)
def test_the_json_writer_gives_json_dumps_text(value: object) -> None:
    assert our_json(value) == stdlib_json(value)


class Mood(int):
    """An int of another type: json.dumps writes it as the int it is."""


def test_the_json_writer_gives_json_dumps_text_for_odd_values() -> None:
    cycle: list[object] = []
    cycle.append(cycle)
    deep: list[object] = []
    for _ in range(3000):
        deep = [deep]
    odd = [
        {"day": date(2026, 11, 20)},  # not JSON: the same TypeError
        {"a": {1, 2}},
        cycle,  # the same ValueError
        {"n": float("nan"), "i": float("-inf"), 1.5: "key", None: 0, True: 1},
        [Mood(3), True, 2**70, -0.0, 1e300, 5e-324],
        OrderedDict([("b", 1), ("a", [])]),  # a dict of another type
        {"s": UserString("x")},
        deep,  # too deep for the standard library too
    ]
    for value in odd:
        assert our_json(value) == stdlib_json(value), value


segments = st.text(
    st.characters(blacklist_characters="/\x00", blacklist_categories=("Cs",)), min_size=1
).filter(lambda s: s not in (".", ".."))


@settings(max_examples=200, deadline=None)
@given(st.lists(segments, min_size=1, max_size=4), st.lists(segments, max_size=3))
def test_an_entrys_place_is_what_relative_to_gives(inside: list[str], home: list[str]) -> None:
    from kapdiary.export import _relative
    from kapdiary.locations import Home

    root = Home(Path("/", *home) if home else Path("/"), "test")
    for path in (root.entries.joinpath(*inside), Path("/elsewhere", *inside)):
        try:
            slow = path.relative_to(root.entries).as_posix()
        except ValueError:
            slow = path.name
        assert _relative(path, root) == slow


texts = st.text(
    st.one_of(
        st.sampled_from(" \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2028\u2029\u3000"),
        st.characters(blacklist_categories=("Cs",)),
    ),
    max_size=30,
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(texts, st.text(st.sampled_from("a b\t"), max_size=8)))
@example("a  b")
@example(" a")
@example("a ")
@example("a\u00a0b")
@example("a\u2028b")
def test_markdown_puts_a_value_on_one_line_as_split_and_join_do(text: str) -> None:
    from kapdiary.export.markdown import _inline

    assert _inline(text) == " ".join(text.split())


def old_html_text(text: str) -> str:
    """export.html._text before it escaped the text once, whole."""
    from kapdiary.export.html import _paragraphs

    blocks = []
    for block in _paragraphs(text):
        lines = block.split("\n")
        if all(line.lstrip().startswith(("- ", "* ", "+ ")) for line in lines):
            items = "".join(f"<li>{html.escape(line.lstrip()[2:].strip())}</li>" for line in lines)
            blocks.append(f"<ul>{items}</ul>")
        else:
            blocks.append("<p>" + "<br>\n".join(html.escape(line) for line in lines) + "</p>")
    return '<div class="text">' + "\n".join(blocks) + "</div>"


html_lines = st.lists(
    st.one_of(
        texts,
        st.sampled_from(["", "  ", "- a", "* <b>", "+ & x", " - 'q'", "-no", '"x" > y', "\t"]),
    ),
    max_size=8,
).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(html_lines)
def test_html_text_is_what_escaping_line_by_line_gave(text: str) -> None:
    from kapdiary.export.html import _e, _text

    assert _text(text) == old_html_text(text)
    assert _e(text) == html.escape(text, quote=True)


def old_needs_parser(body: str) -> bool:
    """privacy.needs_parser before it read the headings in the same pass."""
    from kapdiary.privacy import _CLOSED_HEADING, _LINE_STARTS, _ODD_LINE

    if "&#" in body or "\\" in body or "private" in body.lower():
        return True
    for line in body.split("\n"):
        if line[:1] in _LINE_STARTS and (
            _ODD_LINE.match(line) or (line[:1] == "#" and _CLOSED_HEADING.match(line))
        ):
            return True
    return False


def old_line_headings(body: str) -> list[tuple[int, int, int, str]]:
    found = []
    for number, line in enumerate(body.split("\n")):
        if line.startswith("#"):
            hashes = len(line) - len(line.lstrip("#"))
            if hashes <= 6 and line[hashes : hashes + 1] == " ":
                found.append((number, number + 1, hashes, line[hashes + 1 :].strip()))
    return found


ODD_LINES = ["## a", "# t", "### c #", "text", "", "- item", "> q", "#tag", "##x", "####### x",
             "## é", "    ## code", " ## one", "#\tx", "##", "```", "~~~", "<h2>x</h2>", "===",
             "---", "Private", "pr&#105;vate", "a\\b", "## Notes (private)", "#", "# "]  # fmt: skip
body_lines = st.lists(st.one_of(st.sampled_from(ODD_LINES), texts), max_size=12).map("\n".join)


@settings(max_examples=400, deadline=None)
@given(body_lines)
def test_one_pass_over_the_lines_finds_what_two_passes_found(body: str) -> None:
    from kapdiary import privacy

    assert privacy.needs_parser(body) == old_needs_parser(body)
    if not old_needs_parser(body):
        found = [(h.start, h.end, h.level, h.text) for h in privacy._headings(body)]
        assert found == old_line_headings(body)
        assert all(h.top and not h.private and h.atx for h in privacy._headings(body))


@given(
    st.one_of(json_leaves, st.integers(-(2**60), 2**60)), st.sampled_from(["mood", "x", "areas"])
)
def test_a_rating_reads_as_it_did(value: object, key: str) -> None:
    from kapdiary.export import SCALES, number, rating

    scale = SCALES.get(key, 10.0)
    if isinstance(value, int | float) and not isinstance(value, bool):
        assert rating(value, key) == f"{number(float(value))}/{number(scale)}"
    else:
        assert rating(value, key) == str(value)


# Letters that read as one of "private"'s in some case (İ and ı for FLAG_LINE, İ lowering
# to "i" and a dot), others that case-map to ASCII (ſ, K, ﬁ), a combining dot, surrogates.
PRIVATE_LETTERS = "privatePRIVATE\u0130\u0131\u017f\u212a\ufb01\u0307\u2014 :\n\ud800\udc80"
private_texts = st.one_of(
    st.text(st.sampled_from(PRIVATE_LETTERS), max_size=20),
    st.lists(
        st.sampled_from(
            [
                "private",
                "PrIvAtE",
                "prİvate",
                "prıvate",
                "rivate",
                "PRIVAT",
                "private: true",
                "private: no",
                "\u2014",
                "é",
                "x",
            ]
        )
    ).map("".join),
    st.text(max_size=20),
)


@settings(max_examples=500, deadline=None)
@given(private_texts)
@example("PRİVATE")
@example("pr\u0130vate")
@example("pr\u0131vate: yes")
def test_the_word_private_is_found_in_utf8_as_lowering_the_text_finds_it(text: str) -> None:
    from kapdiary.privacy import ascii_lowered

    assert (b"private" in ascii_lowered(text)) == ("private" in text.lower())


@settings(max_examples=500, deadline=None)
@given(st.lists(st.one_of(private_texts, st.sampled_from(["\n", "> ", "- ", "'", '"'])))
       .map("".join))  # fmt: skip
@example("pr\u0131vate: yes")
@example("  PRİVATE: true")
@example("x\n'PrIvAtE' : maybe")
def test_the_flag_lines_quick_look_never_misses_a_flag_line(text: str) -> None:
    from kapdiary import privacy

    everywhere = list(privacy.FLAG_LINE.finditer(text))  # no quick look first
    found = privacy.flag_line(text)
    if everywhere and any(
        m[1].strip().strip("'\"").strip().lower() not in privacy.CLEAR_FALSE for m in everywhere
    ):
        assert found is not None
    else:
        assert found is None


def test_a_months_weeks_are_those_the_calendar_module_gives() -> None:
    import calendar

    from kapdiary.export.charts import month_weeks

    grid = calendar.Calendar(firstweekday=0)
    for year in range(1900, 2101):  # every month kapdiary takes a date in
        for month in range(1, 13):
            assert month_weeks(year, month) == grid.monthdatescalendar(year, month), (year, month)


@settings(max_examples=300, deadline=None)
@given(st.text())
@example("<a href='x'>&amp;\"</a>")
def test_the_charts_escape_text_as_html_escape_does(text: str) -> None:
    from kapdiary.export.charts import escape

    assert escape(text) == html.escape(text, quote=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(segments, max_size=4), st.sampled_from(["/", "//", "", "./", "../"]))
def test_an_entrys_folder_is_its_paths_parent(parts: list[str], start: str) -> None:
    import os

    path = Path(start + "/".join(parts)) if start or parts else Path()
    assert (os.path.dirname(os.fspath(path)) or ".") == str(path.parent)
