"""The first index build reads every entry into exactly the rows the careful, file-by-file
way gives (issue 19, "first index build").

The build reads an entry in kapdiary's own style in one pass (``index.house``), on several
cores, and fills the full-text index while it reads; anything else goes the general way
(``entry.parse``). Held equal here:

- entry by entry, the one-pass reading and the general one, on generated entries with
  hostile front matter and bodies (every column of ``entries``, ``texts`` and ``facts``);
- a whole diary (a thousand generated entries, so the build runs on several cores, and
  hand-edited files: odd front matter, ``private`` in every spelling, setext and closed
  headings, fences, CRLF, a byte-order mark, bytes that are not UTF-8, links in and out,
  a conflict copy, an age file that will not open) built at once by the CLI, against the
  same files added a few hundred at a time (the sequential refresh, full-text rows by
  trigger), against each file's rows read the general way; the full-text index compared
  term by term, position by position.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from kapdiary import privacy
from kapdiary.entry import dump_front_matter
from kapdiary.index import extract, schema, stored, sync
from kapdiary.index.house import may_flag
from kapdiary.locations import Home

REPO = Path(__file__).resolve().parents[1]

# --- entry by entry -----------------------------------------------------------------------

words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz ABC-_.'#ıİﬁé—", max_size=12)
scalars = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.none(),
    st.dates(min_value=date(1800, 1, 1), max_value=date(2200, 12, 31)),
    words,
    st.sampled_from(["yes", "No", "private", "", "21:34", "2026-02-30", "true"]),
)
KEYS = "mood time template title tags intentions areas score severity session private"
keys = st.one_of(
    st.sampled_from([*KEYS.split(), "intention_notes", "Private", "date", "notes"]),
    st.from_regex(r"[a-z][a-z0-9_-]{0,8}", fullmatch=True),
)
metas = st.dictionaries(
    keys,
    st.one_of(
        scalars,
        st.lists(scalars, max_size=4),
        st.dictionaries(st.sampled_from(["kids", "body", "mind", "x-y", "1"]), scalars),
    ),
    max_size=7,
)
BODY_LINES = [
    "# Evening integration — Saturday 21 November 2026",
    "## What came up for me today?",
    "## Notes (private)",
    "## Notes ( Private! )",
    "### deeper (PRIVATE)",
    "Secret (private)",
    "=====",
    "-----",
    "## Closed heading ##",
    "   ## indented prompt",
    "#\tTabbed title",
    "##",
    "```",
    "~~~~",
    "## inside a fence?",
    "<h2>Hidden (private)</h2>",
    "private: true",
    "Private : yes",
    "- private: no",
    "prıvate: true",
    "prİvate: true",
    "ﬁne, PRIVATE: maybe",
    "Walked by the sea with #kids and #Sleep.",
    "A #tag-with-dash and a#not and &#35;entity",
    "\x1f a section mark typed by hand",
    "Plain words, then more plain words.",
    "> quoted private: true",
    "",
    "",
    "   ",
    "\u2028after a line separator",
    "x" * 260,
]
bodies = st.lists(st.sampled_from(BODY_LINES), max_size=12).map("\n".join)
FRONT_LINES = [
    "date: 2026-11-21",
    "date: '2026-11-21'",
    "date: 2026-11-21T21:34:00",
    "date: 1899-12-31",
    "date: 2026-02-30",
    "time: 21:34",
    "time: '21:34'",
    "template: evening",
    "template: imported",
    "mood: 6",
    "mood: 6.5",
    "Mood: 6",
    "private: false",
    "private: 'no'",
    "PRIVATE: true",
    "tags: [a, b]",
    "tags: walk",
    "intentions:",
    "  kids: 7",
    "  kids: 8",
    "  body: ''",
    "areas: {}",
    "# a comment",
    "title: 2026-01-01",
    "title: [2026-01-01, x]",
    "notes: &a [x]",
    "more: *a",
    "...",
    "--- ",
    "",
]
fronts = st.one_of(
    metas.map(lambda meta: dump_front_matter({"date": date(2026, 11, 21), **meta})),
    metas.map(dump_front_matter),
    st.lists(st.sampled_from(FRONT_LINES), max_size=8).map(lambda rows: "\n".join(rows) + "\n"),
)
openings = st.sampled_from(["---\n", "---\n", "---\n", "\ufeff---\n", "\n---\n", "--- \n", ""])
closings = st.sampled_from(["---\n", "---\n", "---\n\n", "...\n", "--- \n", "---", ""])
NAMES = [
    "2026/11/2026-11-21-evening.md",
    "2026/11/2026-11-21-evening-2.md",
    "2026/11/loose-note.md",
    "2026/13/2026-13-45-evening.md",
]


def rows_both_ways(raw: bytes, name: str) -> tuple[Any, Any]:
    where = f"/nowhere/entries/{name}"
    mtime = 1_763_760_000_000_000_000
    return extract._extract(raw, where, mtime), extract._extract(raw, where, mtime, house=False)


@settings(max_examples=500, deadline=None)
@given(openings, fronts, closings, bodies, st.sampled_from(NAMES), st.booleans())
@example("---\n", "date: 2026-11-21\nmood: 6\n", "---\n", "Words.", NAMES[0], False)
@example("---\n", "date: 2026-11-21\n", "---\n", "prİvate: true", NAMES[0], False)
@example("---\n", "date: 2026-11-21\n", "---\n", "ﬁ\nprivate: yes", NAMES[0], False)
@example("---\n", "date: 2026-11-21\nintentions:\n", "---\n", "", NAMES[0], False)
@example("---\n", "date: 2026-11-21\nintentions:\n  kids: 7\n", "---\n", "", NAMES[0], True)
@example("---\n", "date: 2026-11-21\ndate: 2026-11-22\n", "---\n", "", NAMES[0], False)
@example("---\n", "", "---\n", "Only a body.", NAMES[2], False)
@example("---\n", "date: 2026-11-21\nmood: 6\nprivate: true\n", "---\n", "A.", NAMES[0], False)
@example("---\n", "date: 2026-11-21\nprivate: false\n", "---\n", "private: 1", NAMES[0], False)
@example("---\n", "date: 2026-11-21\nprivate: maybe\n", "---\n", "B.", NAMES[0], False)
def test_an_entry_reads_the_same_in_one_pass_and_the_general_way(
    opening: str, front: str, closing: str, body: str, name: str, crlf: bool
) -> None:
    text = f"{opening}{front}{closing}{body}"
    if crlf:
        text = text.replace("\n", "\r\n")
    fast, general = rows_both_ways(text.encode("utf-8"), name)
    assert fast == general, text


@given(st.lists(st.text()))
def test_tags_are_stored_as_json_dumps_stores_them(tags: list[str]) -> None:
    assert stored.strings_json(tags) == json.dumps(tags, ensure_ascii=False)


def test_kapdiarys_own_entries_take_the_one_pass_way() -> None:
    """The equality above is not met by reading everything the general way."""
    from kapdiary.index.house import house_entry

    meta = {"date": date(2026, 11, 21), "time": "21:34", "template": "evening", "mood": 6}
    text = f"---\n{dump_front_matter(meta)}---\n\n# Title\n\n## Prompt\n\nWords.\n"
    assert house_entry(text, text.encode()) is not None
    assert house_entry(text.replace("mood", "private"), text.encode()) is not None
    assert house_entry(text.replace("mood", "Private"), text.encode()) is None


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="privateRIVATEıİﬁẗ:\n x\u00e9", max_size=30))
def test_the_quick_privacy_test_never_passes_over_a_flag_line(text: str) -> None:
    if privacy.flag_line(text) is not None:
        assert may_flag(text.encode("utf-8"))


def test_every_letter_that_can_spell_private_is_caught_by_the_quick_test() -> None:
    """``privacy.flag_line`` looks further when "rivate" is in the text or "RIVATE" in its
    upper case, and its pattern matches case-blind: every code point that could take part
    in either must make ``may_flag`` look further (checked against this Python's tables)."""
    letters = {letter: re.compile(letter, re.IGNORECASE) for letter in "private"}
    for code in range(0x80, sys.maxunicode + 1):
        char = chr(code)
        if 0xD800 <= code <= 0xDFFF:
            continue  # surrogates: not in any text read from UTF-8
        upper = set(char.upper())
        if upper & set("RIVATE") or any(p.fullmatch(char) for p in letters.values()):
            assert may_flag(f"x{char}x".encode()), hex(code)


# --- a whole diary ------------------------------------------------------------------------


def hostile_files(outside: Path) -> dict[str, bytes | Path | str]:
    """Hand-edited entries by path: bytes are written, a Path is linked to, a str is a
    dangling link's target."""

    def entry(front: str, body: str) -> bytes:
        return f"---\n{front}---\n\n{body}\n".encode()

    house = "date: 2026-11-{day}\ntime: '21:00'\ntemplate: evening\nmood: 6\n"
    files: dict[str, bytes | Path | str] = {
        "2026/11/2026-11-01-evening.md": entry(house.format(day="01"), "## Q?\n\nprivate: true"),
        "2026/11/2026-11-02-evening.md": entry(
            house.format(day="02"), "# T\n\nSecret (private)\n===\nhidden\n\n## Q?\n\nA"
        ),
        "2026/11/2026-11-03-evening.md": entry(
            house.format(day="03"), "```\n## not a prompt\n```\n## Q? ##\n\nprıvate: true"
        ),
        "2026/11/2026-11-04-evening.md": entry(
            house.format(day="04") + "Private: yes\n", "## Q?\n\nWords #kids"
        ),
        "2026/11/2026-11-05-evening.md": entry(
            "date: 2026-11-05\nprivate: no\nprivate: yes\n", "Twice."
        ),
        "2026/11/2026-11-06-evening.md": entry("date: '2026-11-06'\n# note\n", "Quoted date."),
        "2026/11/2026-11-07-evening.md": entry("date: 1800-01-01\n", "Out of range."),
        "2026/11/2026-11-08-evening.md": entry("date: [unclosed\n", "Bad YAML."),
        "2026/11/2026-11-09-evening.md": b"No front matter at all. #loose",
        "2026/11/2026-11-10-evening.md": entry(house.format(day="10"), "A\r\nB").replace(
            b"\n", b"\r\n"
        ),
        "2026/11/2026-11-11-evening.md": b"\xef\xbb\xbf" + entry(house.format(day="11"), "BOM"),
        "2026/11/2026-11-12-evening.md": entry(house.format(day="12"), "caf\xe9").replace(
            b"caf\xc3\xa9", b"caf\xe9"
        ),
        "2026/11/2026-11-13-evening.md": b"\n\n" + entry(house.format(day="13"), "Blank first"),
        "2026/11/2026-11-14-evening.md": entry(house.format(day="14"), "Ends at ...").replace(
            b"\n---\n\n", b"\n...\n\n"
        ),
        "2026/11/2026-11-15-evening.md": entry(
            house.format(day="15") + "intentions:\n  kids: 11\n  self: x\nareas: {}\n",
            "~~~\n# fenced\n~~~\n\x1f typed",
        ),
        "2026/11/2026-11-16-evening.md": entry(
            "date: 2026-11-16\ntemplate: imported\ntags: [a, A, '#b']\n", "# Mine\n## Mine too"
        ),
        "2026/11/2026-11-17-evening.md": b"",
        "2026/11/2026-11-18-evening (conflicted copy 2026-11-19).md": entry(
            house.format(day="18"), "A copy."
        ),
        "2026/11/2026-11-19-evening.md.age": b"age-encryption.org/v1\nnot really\n",
        "2026/11/loose-note.md": b"Dated by its time alone.\n",
        "2026/11/2026-11-20-evening.md": outside,
        "2026/11/2026-11-21-evening.md": "nowhere/at-all.md",
        "2026/11/2026-11-22-evening.md": Path("2026-11-01-evening.md"),
    }
    return files


def write_files(entries: Path, files: dict[str, bytes | Path | str]) -> None:
    for name, content in files.items():
        path = entries / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
            os.utime(path, ns=(1_700_000_000_000_000_000,) * 2)
        else:
            path.symlink_to(content)


SCHEMA_ROWS = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY name"


def dump(home: Path) -> dict[tuple[str, str], Any]:
    """Every row that says what the files hold, by entry path (ids, the times a file was
    checked and the listing's fingerprint depend on how and when it was built; a message
    naming a file names it in this home)."""
    conn = sqlite3.connect(Home(home, "test").index_file)
    conn.create_function("here", 1, lambda text: text and text.replace(str(home), "HOME"))
    try:
        paths = dict(conn.execute("SELECT id, path FROM entries"))
        out: dict[tuple[str, str], Any] = {}
        for path, *row in conn.execute("SELECT path, size, mtime_ns, hash FROM files"):
            out["files", path] = row
        columns = [c[1] for c in conn.execute("PRAGMA table_info(entries)")][2:]
        shown = ", ".join(f"here({c})" if c == "problem" else c for c in columns)
        for id_, *row in conn.execute(f"SELECT id, {shown} FROM entries"):
            out["entries", paths[id_]] = row
        for id_, *row in conn.execute("SELECT * FROM texts"):
            out["texts", paths[id_]] = row
        for id_, *row in conn.execute("SELECT * FROM facts ORDER BY id, seq"):
            out.setdefault(("facts", paths[id_]), []).append(row)
        for id_, size in conn.execute("SELECT id, sz FROM fts_docsize"):
            out["fts sizes", paths[id_]] = size
        conn.execute("CREATE VIRTUAL TABLE temp.v USING fts5vocab('main', 'fts', 'instance')")
        for term, id_, column, offset in conn.execute("SELECT * FROM temp.v"):
            out.setdefault(("fts", paths[id_]), []).append((term, column, offset))
        out["schema", ""] = conn.execute(SCHEMA_ROWS).fetchall()
        # Every index holds what its table holds, and facts lie in the order of their ids (a
        # query without ORDER BY meets them so), whichever process read them.
        out["integrity", ""] = conn.execute("PRAGMA integrity_check").fetchall()
        order = [tuple(row) for row in conn.execute("SELECT id, seq FROM facts ORDER BY rowid")]
        out["facts", "in order"] = order == sorted(order) and len(order) > 0
        out["info", "fts"] = conn.execute("SELECT value FROM info WHERE key = 'fts'").fetchone()
        out["info", "derived"] = conn.execute("SELECT count(*) FROM derived").fetchone()
        # Merging left off while the build filled it, and back to FTS5's default after.
        out["fts", "automerge"] = conn.execute(
            "SELECT v FROM fts_config WHERE k = 'automerge'"
        ).fetchall()
        out["fts", "integrity"] = conn.execute(
            "INSERT INTO fts(fts, rank) VALUES ('integrity-check', 1)"
        ).rowcount
        return out
    finally:
        conn.close()


def general_rows(entries: Path) -> dict[tuple[str, str], Any]:
    """Each plain file's rows read the general way, as ``dump`` shows them."""
    out: dict[tuple[str, str], Any] = {}
    for path in sorted(entries.rglob("*.md")):
        if path.is_symlink() or "conflict" in path.name:
            continue
        name = str(path.relative_to(entries))
        raw = path.read_bytes()
        row, text, facts = extract._extract(raw, path, path.stat().st_mtime_ns, house=False)
        problem = row[9].replace(str(entries.parent), "HOME") if row[9] else row[9]
        out["entries", name] = [name.removesuffix(".age")[:-3], *row[:9], problem, *row[10:]]
        out["texts", name] = list(text)
        if facts:
            out["facts", name] = [list(fact) for fact in facts]
    return out


@pytest.fixture
def generated(tmp_path: Path) -> Path:
    """A home of 1,100 generated entries (one a day, about 250 words; some private)."""
    home = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "generate.py"), "--entries", "1100",
         "--home", str(home), "--end", "2026-10-31"],
        check=True, capture_output=True,
    )  # fmt: skip
    return home


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the parallel build is Linux's")
def test_a_build_gives_the_rows_the_file_by_file_way_gives(
    run, generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    outside = tmp_path / "outside.md"
    outside.write_text("---\ndate: 2026-11-20\n---\n\nNot the diary's words.\n")
    write_files(generated / "entries", hostile_files(outside))
    assert len(sync.scan_entries(generated / "entries")) >= sync.PARALLEL_FROM

    monkeypatch.setenv("KAPDIARY_HOME", str(generated))
    assert run("review", "--last", "1").exit_code == 0  # the build, on every core
    built = dump(generated)

    # The same files, added a few hundred at a time (copies keep their times and links).
    piecemeal = tmp_path / "piecemeal"
    (piecemeal / "entries").mkdir(parents=True)
    shutil.copy(generated / "intentions.toml", piecemeal / "intentions.toml")
    monkeypatch.setenv("KAPDIARY_HOME", str(piecemeal))
    names = sorted(p.relative_to(generated / "entries") for p in (generated / "entries").rglob("*"))
    names = [n for n in names if not (generated / "entries" / n).is_dir()]
    for start in range(0, len(names), 400):
        for name in names[start : start + 400]:
            target = piecemeal / "entries" / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(generated / "entries" / name, target, follow_symlinks=False)
        assert run("review", "--last", "1").exit_code == 0
    refreshed = dump(piecemeal)

    assert built["integrity", ""] == [("ok",)] and built["facts", "in order"]
    assert built["fts", "automerge"] == [(sync.AUTOMERGE,)]
    assert built.keys() == refreshed.keys()
    for key in built:
        assert built[key] == refreshed[key], key
    written = sqlite3.connect(":memory:")
    written.executescript(schema.SCHEMA + schema.FTS_SCHEMA)
    assert built["schema", ""] == written.execute(SCHEMA_ROWS).fetchall()
    reference = general_rows(generated / "entries")
    assert len(reference) > 2000
    for key, rows in reference.items():
        assert built[key] == rows, key
    assert built["entries", "2026/11/2026-11-01-evening.md"][6] == 1  # a flag line: private
    assert built["entries", "2026/11/2026-11-20-evening.md"][10]  # a link out: named


def test_a_file_removed_after_the_scan_leaves_no_gap_in_the_ids(home: Path) -> None:
    """Ids are given in the order of the files found, as one by one: a file gone between
    the scan and its reading (here in the first batch of two) moves the rest down."""
    from datetime import timedelta

    from conftest import put

    first = date(2025, 1, 1)
    for n in range(sync.BATCH + 40):
        put(home, (first + timedelta(days=n)).isoformat(), f"Day {n}.", mood=n % 10 + 1)
    scan = sync.scan_entries(home / "entries")
    (home / "entries" / sorted(scan)[3]).unlink()
    conn = schema.connect(":memory:")
    sync.build(conn, Home(home, "test"), scan, None)
    count = sync.BATCH + 39
    for table in ("entries", "files", "texts"):
        ids = [row[0] for row in conn.execute(f"SELECT id FROM {table} ORDER BY id")]
        assert ids == list(range(1, count + 1)), table
    facts = conn.execute("SELECT DISTINCT id FROM facts ORDER BY id").fetchall()
    assert [row[0] for row in facts] == list(range(1, count + 1))
    paths = [row[0] for row in conn.execute("SELECT path FROM entries ORDER BY id")]
    assert paths == sorted(scan)[:3] + sorted(scan)[4:]
    words = conn.execute("SELECT rowid FROM fts WHERE fts MATCH 'day' ORDER BY rowid").fetchall()
    assert len(words) == count
    moods = dict(conn.execute("SELECT e.path, f.value FROM facts f JOIN entries e USING (id)"))
    assert moods[sorted(scan)[-1]] == (sync.BATCH + 39) % 10 + 1


@pytest.mark.parametrize("total", [0, 1, 63, 64, 65, 1000, 10_000])
def test_the_batches_cover_every_file_once_small_first(total: int) -> None:
    spans = list(sync._batches(total))
    assert [at for at, _ in spans] == [0, *(end for _, end in spans)][: len(spans)]  # in a row
    assert (spans[-1][1] if spans else 0) == total
    sizes = [end - at for at, end in spans]
    assert all(0 < size <= sync.BATCH for size in sizes)
    if total > sync.BATCH:
        assert sizes[0] == sync.BATCH // sync.FIRST_BATCHES_SMALLER < sizes[1] < sync.BATCH
        assert sizes[-2] == sync.BATCH
