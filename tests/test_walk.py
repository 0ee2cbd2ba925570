"""The walk of ``entries/`` before every command: a diary of many year folders is walked in
two parts at once (every other folder each: one part by a forked process and one here, or
both by forked processes while this one does the caller's ``meanwhile``) and finds exactly
what one walk finds, in the same order each time; a folder it cannot read is named the same
way, and when no process can be had the walk is done in one piece; when a walking process
dies, the walk is done here."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from kapdiary.errors import KapdiaryError
from kapdiary.index import sync
from kapdiary.index.model import Scan

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the walk is split on Linux only"
)


def diary(tmp_path: Path, years: int) -> Path:
    """Entries over ``years`` year folders, with what the walk must skip or keep: a loose
    file at the top, hidden files and folders, other files, a link, an age file."""
    entries = tmp_path / "entries"
    for year in range(2000, 2000 + years):
        for month in (1, 7):
            folder = entries / str(year) / f"{month:02d}"
            folder.mkdir(parents=True)
            for day in (1, 15):
                (folder / f"{year}-{month:02d}-{day:02d}-evening.md").write_text(f"{year} {day}")
            (folder / f"{year}-{month:02d}-02-evening.MD").write_text("capitals")
            (folder / "notes.txt").write_text("not an entry")
            (folder / ".hidden.md").write_text("hidden")
        (entries / str(year) / f"{year}-12-31-x.md.age").write_bytes(b"age")
    (entries / ".trash" / "2001").mkdir(parents=True)
    (entries / ".trash" / "2001" / "2001-01-01-evening.md").write_text("hidden folder")
    (entries / "loose-note.md").write_text("at the top")
    (entries / "2000" / "link.md").symlink_to(tmp_path / "nowhere.md")
    return entries


def counted_forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The processes forked from here on (their pids), os.fork itself unchanged."""
    forks: list[int] = []
    real_fork = os.fork

    def counted() -> int:
        pid = real_fork()
        if pid:
            forks.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", counted)
    return forks


def one_walk(entries: Path) -> dict[str, tuple[int, ...]]:
    found = Scan()
    sync._walk(found, [(str(entries), "")])
    return dict(found.items())


def test_a_diary_of_many_years_is_walked_in_two_parts_and_finds_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 3)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    scan = sync.scan_entries(entries)
    assert len(forks) == 1
    assert dict(scan.items()) == one_walk(entries)
    assert "loose-note.md" in scan and "2000/link.md" in scan and "2003/2003-12-31-x.md.age" in scan
    assert not any(".trash" in path or "notes" in path or ".hidden" in path for path in scan)
    assert len(scan) == (sync.WALK_SPLIT_FROM + 3) * 7 + 2
    assert sync.scan_entries(entries).paths == scan.paths  # the same order each time


@pytest.mark.parametrize("years", [sync.WALK_SPLIT_FROM - 1, sync.WALK_SPLIT_FROM + 2])
def test_meanwhile_runs_once_here_and_leaves_the_listing_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, years: int
) -> None:
    """The caller's work meanwhile (the index's imports) runs once, in this process, while
    both parts are walked by processes of their own (none for a small diary); the listing,
    and its order, are those without it."""
    entries = diary(tmp_path, years)
    forks = counted_forks(monkeypatch)
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    ran: list[tuple[int, int]] = []
    without = sync.scan_entries(entries)
    before = len(forks)
    scan = sync.scan_entries(entries, meanwhile=lambda: ran.append((os.getpid(), len(forks))))
    split = years >= sync.WALK_SPLIT_FROM
    assert ran == [(os.getpid(), before + 2 if split else 0)]  # the walkers were started
    assert len(forks) - before == (2 if split else 0)
    assert scan.paths == without.paths and dict(scan.items()) == one_walk(entries)


def test_opening_the_index_imports_meanwhile_once_per_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``open_index`` gives the walk its imports to do meanwhile only while they are not
    done (both parts to walking processes); a second index opened in the same process
    has one part walked here."""
    from kapdiary.index import open_index, queries
    from kapdiary.locations import Home

    home = Home(tmp_path, "test")
    diary(tmp_path, sync.WALK_SPLIT_FROM + 1)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    with open_index(home):
        pass  # sqlite3 and platformdirs are imported from here on, in this process
    assert queries._ready() is None
    forks = counted_forks(monkeypatch)
    with open_index(home) as index:
        assert len(index.records()) == len(one_walk(tmp_path / "entries"))
    assert len(forks) == 1
    for module in ("sqlite3", "platformdirs"):
        monkeypatch.delitem(sys.modules, module)
    assert queries._ready() is not None


def test_an_error_meanwhile_leaves_no_walking_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 1)
    monkeypatch.setattr(sync, "_cores", lambda: 2)

    def failing() -> None:
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        sync.scan_entries(entries, meanwhile=failing)
    with pytest.raises(ChildProcessError):
        os.waitpid(-1, os.WNOHANG)  # no child left, running or unreaped


def test_a_small_diary_is_walked_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM - 1)

    def no_fork() -> int:
        raise AssertionError("no process for a small diary")

    monkeypatch.setattr(os, "fork", no_fork)
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    assert dict(sync.scan_entries(entries).items()) == one_walk(entries)


def test_without_a_process_to_be_had_the_walk_is_done_in_one_piece(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 1)
    expected = one_walk(entries)

    def refused() -> int:
        raise BlockingIOError(11, "Resource temporarily unavailable")  # RLIMIT_NPROC

    monkeypatch.setattr(sync, "_cores", lambda: 2)
    monkeypatch.setattr(os, "fork", refused)
    assert dict(sync.scan_entries(entries).items()) == expected


@pytest.mark.parametrize("meanwhile", [None, lambda: None])
@pytest.mark.parametrize("dies", ["first", "last", "both"])
def test_a_walking_process_that_dies_leaves_the_walk_to_this_one(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    meanwhile: Callable[[], None] | None,
    dies: str,
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 1)
    expected = one_walk(entries)
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    split = sync.scan_entries(entries).paths
    real = sync._walked

    def killed(folders: list[tuple[str, str]]) -> tuple[list[str], bytes]:
        first = folders[0][1] == "2000/"
        if dies == "both" or (dies == "first") == first:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(folders)

    monkeypatch.setattr(sync, "_walked", killed)
    scan = sync.scan_entries(entries, meanwhile)
    assert dict(scan.items()) == expected
    assert scan.paths == split  # walked here, in the same order


@pytest.mark.parametrize("year", [2000, 2001])  # one in each part (every other year each)
def test_a_folder_that_cannot_be_read_is_named_as_one_walk_names_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, year: int
) -> None:
    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 1)
    locked = str(entries / str(year) / "07")
    real_open = os.open

    def refusing(path: str, *args: object, **kwargs: object) -> int:
        if path == locked:
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing)
    with pytest.raises(KapdiaryError) as one:
        one_walk(entries)
    monkeypatch.setattr(sync, "_cores", lambda: 2)
    with pytest.raises(KapdiaryError) as split:
        sync.scan_entries(entries)
    assert str(split.value) == str(one.value) and locked in str(one.value)


def test_no_process_is_forked_while_a_thread_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    entries = diary(tmp_path, sync.WALK_SPLIT_FROM + 1)

    def no_fork() -> int:
        raise AssertionError("forked beside a thread")

    monkeypatch.setattr(sync, "_cores", lambda: 2)
    monkeypatch.setattr(os, "fork", no_fork)
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        assert dict(sync.scan_entries(entries).items()) == one_walk(entries)
    finally:
        stop.set()
        waiting.join()


class _HighInode:
    """A directory entry whose file system gives inodes with the top bit set (NFS file ids,
    overlayfs's ``xino``): ``stat()`` as the real one, with such an inode."""

    def __init__(self, entry: os.DirEntry[str], top: int) -> None:
        self._entry, self.name, self._top = entry, entry.name, top

    def stat(self, *, follow_symlinks: bool = True) -> os.stat_result:
        st = self._entry.stat(follow_symlinks=follow_symlinks)
        values = [*st, st.st_atime, st.st_mtime, st.st_ctime]
        values += [st.st_atime_ns, st.st_mtime_ns, st.st_ctime_ns]
        values[1] = self._top + st.st_ino
        return os.stat_result(values)

    def is_dir(self, *, follow_symlinks: bool = True) -> bool:
        return self._entry.is_dir(follow_symlinks=follow_symlinks)


def test_an_inode_with_the_top_bit_set_is_kept_not_an_error(
    run: Callable[..., object], home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The OS gives inodes unsigned, up to 2**64 - 1; the listing and SQLite keep signed
    64-bit numbers. Such an inode is kept as the same 64 bits, and a change still shows."""
    from conftest import put

    put(home, "2026-11-10", "Before the move.")
    put(home, "2026-11-11", "Another evening.")
    top = 1 << 63
    real_scandir = os.scandir

    class Listing:
        def __init__(self, where: object) -> None:
            self._listing = real_scandir(where)  # type: ignore[call-overload]

        def __enter__(self) -> Listing:
            return self

        def __exit__(self, *exc: object) -> None:
            self._listing.close()

        def __iter__(self) -> object:
            return (_HighInode(entry, top) for entry in self._listing)

    monkeypatch.setattr(os, "scandir", Listing)
    found = one_walk(home / "entries")
    real = {
        p.relative_to(home / "entries").as_posix(): p.stat().st_ino
        for p in (home / "entries").rglob("*.md")
    }
    assert {path: stat[3] for path, stat in found.items()} == {
        path: ino + top - (1 << 64) for path, ino in real.items()
    }
    result = run("review", "--all", "--json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "Before the move." in result.stdout  # type: ignore[attr-defined]
    path = home / "entries/2026/11/2026-11-10-evening.md"
    path.write_text(path.read_text(encoding="utf-8").replace("Before", "After"), encoding="utf-8")
    result = run("review", "--all", "--json")
    assert "After the move." in result.stdout and "Before" not in result.stdout  # type: ignore[attr-defined]
