"""`kapdiary doctor`: a health check of a diary home, and the few fixes that are always safe.

``check`` walks the home (hidden folders such as ``.git`` or ``.stversions`` are left out;
the home's own 0700 keeps them private) and returns findings, each with where it is, what
is wrong and what to do:

- files that cannot be read or are not UTF-8; broken front matter (file and line); a
  missing or invalid date; ratings out of range or not numbers (the ranges are
  ``progress.MOOD`` and ``progress.RATING``, as every figure uses them); intention ids
  that are not in ``intentions.toml`` (retired ones are known); session numbers used
  twice or not usable (``sessions.written_number``); templates that do not load;
- copies left by sync tools (Syncthing, Dropbox, Nextcloud/ownCloud) that kapdiary would
  read as extra entries;
- leftovers of interrupted saves (``storage.TMP_PREFIX`` files, orphaned draft locks) and
  drafts no process is writing (they wait for ``kapdiary write --resume``);
- folders looser than 0700 and files looser than 0600; symbolic links; empty and huge files;
- in an encrypted diary (``kapdiary.vault``): every age file that does not decrypt with the
  diary's key, every plain file that holds words, and an interrupted `encrypt`/`decrypt`.

``repair`` does only what cannot lose or expose anything: it removes group and other
permission bits (never adds any) and deletes leftovers whose text is saved elsewhere (a
temporary file still linked to its entry, an empty one, a lock whose draft is gone), once
no process has touched them for ``STALE_SECONDS``. Every change is made through folders
opened one by one from the home without following links, so nothing outside the home is
touched. Entries, drafts, conflict copies and templates are never changed.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kapdiary import drafts, sessions, vault
from kapdiary.conflicts import CONFLICT
from kapdiary.dates import in_range, out_of_range
from kapdiary.entry import Entry, FrontMatterError, parse, split_front_matter
from kapdiary.errors import KapdiaryError
from kapdiary.locations import Home
from kapdiary.messages import doctor as said
from kapdiary.progress import MOOD, NUMBER_TYPES, RATING
from kapdiary.storage import DIR_MODE, FILE_MODE, TMP_PREFIX

PROBLEM = "problem"
WARNING = "warning"
HUGE_BYTES = 5 * 1024 * 1024
STALE_SECONDS = 10 * 60  # a save takes milliseconds; a leftover this old is no one's
OTHERS = 0o077  # the group and other permission bits: a private file has none
LOCK_SUFFIX = ".lock"  # drafts hold `.NAME.md.lock` while they are written


@dataclass(frozen=True)
class Finding:
    """One thing doctor found: where, how serious, what is wrong, and what to do."""

    kind: str
    severity: str  # PROBLEM or WARNING
    path: str  # relative to the home ("." is the home itself); absolute outside it
    description: str
    fix: str
    line: int | None = None
    fixable: bool = False  # `kapdiary doctor --fix` does it
    also: tuple[str, ...] = ()  # further files with the same finding
    mode: int | None = None  # for permissions: the permission bits found, and those wanted
    wanted: int | None = None
    # For `repair`: the file as it was seen (its path parts under the home, device, inode).
    parts: tuple[str, ...] | None = field(default=None, compare=False, repr=False)
    identity: tuple[int, int] | None = field(default=None, compare=False, repr=False)

    @property
    def problem(self) -> bool:
        return self.severity == PROBLEM


@dataclass
class Report:
    home: Path
    findings: list[Finding] = field(default_factory=list)
    entries: int = 0
    drafts: int = 0
    templates: int = 0

    @property
    def problems(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == PROBLEM]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]


@dataclass(frozen=True)
class Repair:
    finding: Finding
    done: bool
    note: str  # what was done, or why it was not


# --- checking ----------------------------------------------------------------------------


def check(home: Home, *, config_path: Path | None = None, now: float | None = None) -> Report:
    """Everything doctor can find in ``home`` (and the config file, if given)."""
    checker = _Checker(home, time.time() if now is None else now)
    checker.run(config_path)
    order = {PROBLEM: 0, WARNING: 1}
    checker.report.findings.sort(key=lambda f: (order[f.severity], f.path, f.line or 0))
    return checker.report


@dataclass(frozen=True)
class _Item:
    path: Path
    parts: tuple[str, ...]  # under the home
    st: os.stat_result  # lstat: a link is seen as a link

    @property
    def rel(self) -> str:
        return "/".join(self.parts) or "."

    @property
    def name(self) -> str:
        return self.parts[-1] if self.parts else ""

    @property
    def identity(self) -> tuple[int, int]:
        return (self.st.st_dev, self.st.st_ino)


@dataclass
class _Rated:
    """Where an intention id or a session number occurs: the file and the entry's day.

    The line is looked up only for what is reported (composing YAML again for every
    rating would double the time doctor takes)."""

    path: Path
    rel: str
    day: date | None = None

    def line(self, keys: tuple[str, ...]) -> int | None:
        try:
            text = vault.read_text(self.path).replace("\r\n", "\n")
        except (OSError, KapdiaryError):
            return None
        return _key_line(text, keys)


class _Checker:
    def __init__(self, home: Home, now: float) -> None:
        self.home = home
        self.root = home.path
        self.root_resolved = home.path.resolve()
        self.now = now
        self.report = Report(home.path)
        self.known: set[str] | None = None  # None: intentions.toml does not read
        self.rated: dict[str, list[_Rated]] = defaultdict(list)
        self.numbers: dict[int, list[_Rated]] = defaultdict(list)

    def add(
        self, kind: str, severity: str, rel: str, description: str, fix: str, **more: Any
    ) -> None:
        self.report.findings.append(Finding(kind, severity, rel, description, fix, **more))

    def run(self, config_path: Path | None) -> None:
        if config_path is not None:
            self.config(config_path)
        try:
            st = self.root.stat()
        except FileNotFoundError:
            self.add(
                "home",
                PROBLEM,
                str(self.root),
                said.home_missing(),
                said.home_missing_fix(),
            )
            return
        except OSError as exc:
            self.add(
                "unreadable",
                PROBLEM,
                str(self.root),
                said.home_unreadable(_reason(exc)),
                said.check_home_permissions(self.root),
            )
            return
        if not stat.S_ISDIR(st.st_mode):
            self.add(
                "home",
                PROBLEM,
                str(self.root),
                said.home_not_a_folder(),
                said.home_not_a_folder_fix(),
            )
            return
        self.permissions(_Item(self.root, (), st))
        self.index()
        self.intentions()
        self.encryption()
        for item in self.walk():
            self.item(item)
        self.cross_checks()

    # -- the walk ---------------------------------------------------------------------------

    def walk(self) -> Iterator[_Item]:
        """Every file and folder under the home, links not followed, hidden folders skipped."""
        stack: list[tuple[Path, tuple[str, ...]]] = [(self.root, ())]
        while stack:
            folder, parts = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    items = sorted(listing, key=lambda e: e.name)
            except FileNotFoundError:
                continue
            except OSError as exc:
                rel = "/".join(parts) or "."
                self.add(
                    "unreadable",
                    PROBLEM,
                    rel,
                    said.folder_unreadable(_reason(exc)),
                    said.check_folder_permissions(folder),
                )
                continue
            later: list[tuple[Path, tuple[str, ...]]] = []
            for dir_entry in items:
                try:
                    st = dir_entry.stat(follow_symlinks=False)
                except OSError:
                    continue  # gone since the listing
                item = _Item(Path(dir_entry.path), (*parts, dir_entry.name), st)
                if stat.S_ISDIR(st.st_mode) and dir_entry.name.startswith("."):
                    if item.parts[0] == "entries":
                        self.not_read(item, said.a_hidden_folder())
                    continue  # .git, .stversions, .obsidian: not kapdiary's
                yield item
                if stat.S_ISDIR(st.st_mode):
                    later.append((item.path, item.parts))
            stack.extend(reversed(later))

    def item(self, item: _Item) -> None:
        mode = item.st.st_mode
        if stat.S_ISLNK(mode):
            self.symlink(item)
            return
        if CONFLICT.search(item.name):
            self.conflict(item)
        if item.name.startswith(TMP_PREFIX):
            self.leftover(item)
            return
        area, depth = item.parts[0], len(item.parts)
        if item.name.startswith("."):
            if item.parts[:1] == ("drafts",) and item.name.endswith(LOCK_SUFFIX):
                self.lock(item)
            elif area == "entries" and depth > 1:
                self.not_read(item, said.a_hidden_file())
            return  # hidden files (.DS_Store, .stignore) are not kapdiary's
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            if area == "entries":
                self.not_read(item, said.not_a_regular_file())
            return
        self.permissions(item)
        if not stat.S_ISREG(mode) or vault.plain(item.path).name[-3:].lower() != ".md":
            if area == "entries" and stat.S_ISREG(mode):
                self.not_read(item, said.not_a_markdown_file(item.path.suffix or "no ending"))
            return
        if area == "entries":
            self.entry(item)
        elif area == "drafts" and depth == 2:
            self.draft(item)
        elif area == "templates" and depth == 2:
            self.template(item)

    # -- files of every kind ----------------------------------------------------------------

    def permissions(self, item: _Item) -> None:
        mode = stat.S_IMODE(item.st.st_mode)
        if not mode & OTHERS:
            return
        folder = stat.S_ISDIR(item.st.st_mode)
        wanted = DIR_MODE if folder else FILE_MODE
        what = (
            said.the_diary_folder()
            if not item.parts
            else (said.this_folder() if folder else said.this_file())
        )
        self.add(
            "permissions",
            PROBLEM,
            item.rel,
            said.open_to_others(what, mode, wanted),
            said.fix_sets_mode(mode & ~OTHERS),
            fixable=True,
            mode=mode,
            wanted=wanted,
            parts=item.parts,
            identity=item.identity,
        )

    def symlink(self, item: _Item) -> None:
        try:
            target = os.readlink(item.path)
        except OSError:
            target = "?"
        try:
            resolved: Path | None = (item.path.parent / target).resolve()
        except (OSError, RuntimeError):  # a loop of links
            resolved = None
        if resolved is None or not resolved.exists():
            self.add(
                "symlink",
                WARNING,
                item.rel,
                said.dangling_link(target),
                said.dangling_link_fix(item.path),
            )
            return
        outside = not resolved.is_relative_to(self.root_resolved)
        where = said.outside_the_diary_folder() if outside else ""
        is_entry = item.parts[0] == "entries"
        reads = said.links_not_read() if is_entry else said.link_read_through()
        self.add(
            "symlink",
            WARNING,
            item.rel,
            said.a_link_to(target, where, reads),
            said.replace_the_link(resolved if is_entry else None, item.path),
        )

    def not_read(self, item: _Item, what: str) -> None:
        self.add(
            "not-read",
            WARNING,
            item.rel,
            said.not_an_entry(what),
            said.save_words_as_entry(),
        )

    def conflict(self, item: _Item) -> None:
        original = item.path.with_name(CONFLICT.sub("", item.name, count=1))
        shown = "/".join((*item.parts[:-1], original.name))
        is_entry = item.parts[0] == "entries" and vault.plain(item.path).suffix.lower() == ".md"
        reads = said.until_then_read_as_entry() if is_entry else ""
        if original.exists():
            edit = said.edit_it(shown) if is_entry else ""
            fix = said.compare_with_original(shown, edit)
        else:
            fix = said.compare_with_other_copies(shown)
        self.add(
            "sync-conflict",
            PROBLEM,
            item.rel,
            said.sync_conflict_copy(reads),
            fix,
        )

    def leftover(self, item: _Item) -> None:
        """A temporary file: a save in progress, or one a crash or kill interrupted."""
        st = item.st
        if not stat.S_ISREG(st.st_mode):
            return
        if self.now - st.st_mtime < STALE_SECONDS:
            self.add(
                "temp-file",
                WARNING,
                item.rel,
                said.save_in_progress(),
                said.save_in_progress_fix(),
            )
        elif _saved_elsewhere(st):
            self.add(
                "temp-file",
                WARNING,
                item.rel,
                said.interrupted_save_kept_elsewhere(empty=st.st_size == 0),
                said.fix_removes_it(),
                fixable=True,
                parts=item.parts,
                identity=item.identity,
            )
        else:
            self.add(
                "temp-file",
                WARNING,
                item.rel,
                said.interrupted_save(st.st_size),
                said.interrupted_save_fix(item.path),
            )

    def lock(self, item: _Item) -> None:
        """A draft's lock whose draft is gone: left by a writer that was killed."""
        draft = item.path.with_name(item.name[1 : -len(LOCK_SUFFIX)])
        if drafts._lock_path(draft) != item.path or draft.exists():
            return
        if self.now - item.st.st_mtime < STALE_SECONDS or drafts._in_use(draft):
            return
        self.add(
            "temp-file",
            WARNING,
            item.rel,
            said.stale_lock(),
            said.fix_removes_it(),
            fixable=True,
            parts=item.parts,
            identity=item.identity,
        )

    def read(self, item: _Item, *, empty: str) -> str | None:
        """The file's text, or None after reporting why it cannot be read."""
        size = item.st.st_size
        if size == 0:
            self.add(
                "empty",
                WARNING,
                item.rel,
                said.empty_file(empty),
                said.empty_file_fix(item.path),
            )
            return None
        if size > HUGE_BYTES:
            self.add(
                "huge",
                WARNING,
                item.rel,
                said.huge_file(size / 1024 / 1024),
                said.huge_file_fix(),
            )
            return None
        try:
            data = item.path.read_bytes()
            if vault.is_age(item.path):
                data = vault.decrypt(data, item.path)
        except vault.Undecryptable as exc:
            self.undecryptable(item.rel, exc.message)
            return None
        except OSError as exc:
            self.add(
                "unreadable",
                PROBLEM,
                item.rel,
                said.unreadable(_reason(exc)),
                said.check_file_permissions(item.path),
            )
            return None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            self.add(
                "not-utf8",
                PROBLEM,
                item.rel,
                said.not_utf8(exc.start),
                said.not_utf8_fix(line),
                line=line,
            )
            return None
        return text.replace("\r\n", "\n")

    # -- entries ----------------------------------------------------------------------------

    def entry(self, item: _Item) -> None:
        self.report.entries += 1
        text = self.read(item, empty=said.entry_without_words())
        if text is None:
            return
        entry = parse(text, item.path)
        self.front_matter(item, entry, text)
        self.private_flag(item, entry, text)
        if not entry.meta:
            return
        self.ratings(item, entry, text)
        if entry.template == sessions.TEMPLATE and not CONFLICT.search(item.name):
            self.session_number(item, entry, text)

    def front_matter(self, item: _Item, entry: Entry, text: str) -> None:
        if entry.problem is None:
            return
        edit = said.edit_command(item.rel)
        if entry.meta or _has_front_matter(text):
            self.written_front_matter(item, entry, text, edit)
        else:
            self.no_front_matter(item, entry, edit)

    def written_front_matter(self, item: _Item, entry: Entry, text: str, edit: str) -> None:
        """The problem of an entry with front matter: it does not read, or its date."""
        if not entry.meta and entry.body == text:  # the front matter did not parse
            line = entry.problem_line
            at = said.and_fix_line(line) if line else ""
            self.add(
                "front-matter",
                PROBLEM,
                item.rel,
                said.front_matter_unreadable(entry.problem),
                said.open_it_with(edit, at),
                line=line,
            )
            return
        line = _key_line(text, ("date",)) or entry.problem_line
        day = entry.meta.get("date")
        if isinstance(day, date) and not in_range(day):
            self.add(
                "date",
                PROBLEM,
                item.rel,
                said.date_out_of_range(out_of_range(day)),
                said.correct_the_year(edit, line),
                line=line,
            )
            return
        if "date" in entry.meta:
            wrong = said.date_is_not_a_date(_shown(entry.meta["date"]))
        else:
            wrong = said.front_matter_has_no_date()
        self.add(
            "date",
            PROBLEM,
            item.rel,
            f"{wrong}{_dated(entry)}",
            said.write_the_day(edit, line),
            line=line,
        )

    def no_front_matter(self, item: _Item, entry: Entry, edit: str) -> None:
        """An entry without front matter: dated by its file name, or by when it changed."""
        if entry.date is None:
            self.add(
                "date",
                PROBLEM,
                item.rel,
                said.undated_entry(),
                said.undated_entry_fix(edit),
                line=1,
            )
            return
        self.add(
            "date",
            WARNING,
            item.rel,
            said.dated_by_file_name(entry.date.isoformat()),
            said.date_into_front_matter(edit, entry.date.isoformat()),
            line=1,
        )

    def private_flag(self, item: _Item, entry: Entry, text: str) -> None:
        """A private flag that is not a plain ``private: true`` or ``false``: the entry is
        withheld from exports, and the user should say what they meant."""
        reason = entry.private_reason
        keys = [k for k in entry.meta if str(k).strip().lower() == "private"]
        clear = keys == ["private"] and entry.meta["private"] in (True, False)
        if reason is None or (clear and entry.withheld is None):
            return
        line = _key_line(text, tuple(keys)) if keys else None
        self.add(
            "private",
            WARNING,
            item.rel,
            said.private_flag_unclear(reason),
            said.private_flag_fix(item.rel),
            line=line,
        )

    def ratings(self, item: _Item, entry: Entry, text: str) -> None:
        meta = entry.meta
        edit = said.edit_command(item.rel)
        if "mood" in meta:
            self.rating(item, text, ("mood",), meta["mood"], MOOD, edit)
        for key in ("intentions", "areas"):
            block = meta.get(key)
            if block is None:
                continue
            if not isinstance(block, dict):
                line = _key_line(text, (key,))
                self.add(
                    "rating",
                    PROBLEM,
                    item.rel,
                    said.ratings_not_lines(key),
                    said.fix_the_line(edit, line),
                    line=line,
                )
                continue
            for name, value in block.items():
                self.rating(item, text, (key, str(name)), value, RATING, edit)
                if key == "intentions":
                    self.rated[str(name)].append(_Rated(item.path, item.rel))

    def rating(
        self,
        item: _Item,
        text: str,
        keys: tuple[str, ...],
        value: Any,
        bounds: tuple[int, int],
        edit: str,
    ) -> None:
        low, high = bounds
        if type(value) in NUMBER_TYPES and low <= value <= high:
            return
        name = ".".join(keys)
        line = _key_line(text, keys)
        at = said.on_line(line) if line else ""
        if value is None or value == "":
            self.add(
                "rating",
                WARNING,
                item.rel,
                said.rating_empty(name),
                said.give_a_rating_or_remove(edit, low, high, at),
                line=line,
            )
            return
        self.add(
            "rating",
            PROBLEM,
            item.rel,
            said.rating_out_of_range(name, _shown(value), low, high),
            said.give_a_rating(edit, low, high, at),
            line=line,
        )

    def session_number(self, item: _Item, entry: Entry, text: str) -> None:
        if sessions.KEY not in entry.meta:
            return  # counted, and shown as counted by `kapdiary sessions`
        raw = entry.meta[sessions.KEY]
        number = sessions.written_number(raw)
        if number is None:
            line = _key_line(text, (sessions.KEY,))
            self.add(
                "session-number",
                WARNING,
                item.rel,
                said.session_not_a_number(_shown(raw)),
                said.write_a_session_number(item.rel, line),
                line=line,
            )
            return
        self.numbers[number].append(_Rated(item.path, item.rel, entry.date))

    # -- drafts, templates, intentions, config ---------------------------------------------

    def draft(self, item: _Item) -> None:
        self.report.drafts += 1
        if drafts._in_use(item.path):
            return  # being written right now
        text = self.read(item, empty=said.draft_without_words())
        if text is None:
            return
        kept = drafts.Draft(item.path, parse(text, item.path))
        what = f"{kept.template} " if kept.template else ""
        day = f" for {kept.day.isoformat()}" if kept.day else ""
        words = f"{kept.words} word{'s' if kept.words != 1 else ''}"
        broken = ""
        if kept.entry.problem and not kept.entry.meta and kept.entry.body == text:
            broken = said.front_matter_unreadable_in_draft(kept.entry.problem)
        self.add(
            "draft",
            WARNING,
            item.rel,
            said.unfinished_entry(what, day, words, broken),
            said.carry_on_with_draft(kept.template),
            line=kept.entry.problem_line if broken else None,
        )

    def template(self, item: _Item) -> None:
        from kapdiary import templates

        self.report.templates += 1
        text = self.read(item, empty=said.template_without_words())
        if text is None:
            return
        stem = vault.plain(item.path).stem
        if not templates.NAME.match(stem):
            self.add(
                "template",
                WARNING,
                item.rel,
                said.not_a_template_name(stem),
                said.rename_template(),
            )
            return
        try:
            problems = templates.check(item.path, text)
        except KapdiaryError as exc:
            problems = [templates.Problem(1, exc.message)]
        if not problems:
            return
        first = problems[0]
        more = said.and_more(len(problems) - 1) if len(problems) > 1 else ""
        self.add(
            "template",
            PROBLEM,
            item.rel,
            said.template_does_not_load(first.message, more),
            said.template_check_shows_all(item.path),
            line=first.line,
        )

    def index(self) -> None:
        """The index cache outside the home: commands read the files directly while it
        cannot be used, so nothing is lost, but everything is slower."""
        from kapdiary.index import index_problem

        problem = index_problem(self.home)
        if problem is None:
            return
        self.add(
            "index",
            WARNING,
            str(self.home.index_file),
            said.index_unusable(problem.reason),
            problem.fix,
        )

    def encryption(self) -> None:
        """An encrypted diary: plain files in it, kept files that do not decrypt (the walk
        checks entries, drafts and templates), and a migration that was stopped."""
        from kapdiary.messages import crypto

        held = vault.lock(self.root)
        if held is None:
            return
        if held.unfinished:
            step = held.unfinished
            self.add(
                "encryption", PROBLEM, vault.MARKER, crypto.stopped(step), crypto.unfinished(step)
            )
        for path in vault.kept(self.home):
            rel = path.relative_to(self.root).as_posix()
            if not vault.is_age(path):
                self.add(
                    "plain-file",
                    PROBLEM,
                    rel,
                    crypto.plain_in_encrypted(path),
                    crypto.PLAIN_FILE_FIX,
                )
            elif rel.startswith(".history/") or "/" not in rel:
                try:
                    vault.read_bytes(path)
                except vault.Undecryptable as exc:
                    self.undecryptable(rel, exc.message)

    def undecryptable(self, rel: str, message: str) -> None:
        from kapdiary.messages import crypto

        self.add("undecryptable", PROBLEM, rel, message, crypto.UNDECRYPTABLE_FIX)

    def intentions(self) -> None:
        from kapdiary import intentions

        path = self.home.intentions_file
        try:
            self.known = {i.id for i in intentions.load(path)}
        except KapdiaryError as exc:
            match = re.search(r"line (\d+)", exc.message)
            self.add(
                "intentions",
                PROBLEM,
                "intentions.toml",
                said.intentions_unreadable(exc.message),
                said.intentions_unreadable_fix(),
                line=int(match[1]) if match else None,
            )

    def config(self, path: Path) -> None:
        from kapdiary import config

        try:
            st = path.lstat()
        except OSError:
            return  # no config: the defaults
        if stat.S_ISREG(st.st_mode) and stat.S_IMODE(st.st_mode) & OTHERS:
            self.add(
                "permissions",
                PROBLEM,
                str(path),
                said.config_open_to_others(stat.S_IMODE(st.st_mode)),
                said.config_chmod(path),
            )
        try:
            config.load(path)
        except KapdiaryError as exc:
            self.add(
                "config",
                PROBLEM,
                str(path),
                exc.message,
                said.config_unreadable_fix(),
            )

    # -- across entries ---------------------------------------------------------------------

    def cross_checks(self) -> None:
        if self.known is not None:
            for name, places in sorted(self.rated.items()):
                if name in self.known:
                    continue
                first = places[0]
                count = len(places)
                self.add(
                    "unknown-intention",
                    WARNING,
                    first.rel,
                    said.unknown_intention(name, count - 1),
                    said.unknown_intention_fix(name, first.rel),
                    line=first.line(("intentions", name)),
                    also=tuple(p.rel for p in places[1:]),
                )
        for number, places in sorted(self.numbers.items()):
            if len(places) < 2:
                continue
            days = ", ".join(p.day.isoformat() if p.day else p.rel for p in places)
            first = places[0]
            self.add(
                "duplicate-session",
                WARNING,
                first.rel,
                said.session_number_repeated(number, len(places), days),
                said.session_number_fix(places[-1].rel),
                line=first.line((sessions.KEY,)),
                also=tuple(p.rel for p in places[1:]),
            )


def _has_front_matter(text: str) -> bool:
    """Whether the file starts with front matter (broken or not)."""
    try:
        yaml_text, _, _ = split_front_matter(text)
    except FrontMatterError:
        return True
    return yaml_text is not None


def _dated(entry: Entry) -> str:
    """How kapdiary dates an entry whose front matter has no usable date."""
    day = entry.date  # from the file name, when the front matter's date is not one
    if day is not None:
        return said.until_then_dated_by_name(day.isoformat())
    return said.until_then_dated_by_change()


def _key_line(text: str, keys: tuple[str, ...]) -> int | None:
    """The file line of a front-matter key (``("intentions", "self-compassion")``)."""
    import yaml

    try:
        yaml_text, _, _ = split_front_matter(text)
        if yaml_text is None:
            return None
        node = yaml.compose(yaml_text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (FrontMatterError, yaml.YAMLError):
        return None
    mark = None
    for key in keys:
        if not isinstance(node, yaml.MappingNode):
            return None
        for key_node, value_node in node.value:
            if str(key_node.value) == key:
                mark, node = key_node.start_mark, value_node
                break
        else:
            return None
    # The front matter starts on the file's line 2, after the first `---`.
    return mark.line + 2 if mark is not None else None


def _shown(value: Any) -> str:
    """A front-matter value as it looks in the file: `true`, `'seven'`, `12`."""
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def _saved_elsewhere(st: os.stat_result) -> bool:
    """A leftover whose text is safe: empty, or still linked to the file it was saved as."""
    return st.st_size == 0 or st.st_nlink > 1


def _reason(exc: OSError) -> str:
    return (exc.strerror or str(exc)).lower()


# --- repairing ---------------------------------------------------------------------------


def repair(report: Report, *, now: float | None = None) -> list[Repair]:
    """Do the safe fixes among ``report``'s findings; every other finding is left as it is."""
    clock = time.time() if now is None else now
    done: list[Repair] = []
    for finding in report.findings:
        if not finding.fixable or finding.parts is None:
            continue
        try:
            note = _repair(report.home, finding, clock)
        except OSError as exc:
            done.append(Repair(finding, False, said.could_not(_reason(exc))))
        except _Changed as exc:
            done.append(Repair(finding, False, str(exc)))
        else:
            done.append(Repair(finding, True, note))
    return done


class _Changed(Exception):
    """The file is no longer the one doctor looked at; it is left alone."""


def _repair(root: Path, finding: Finding, now: float) -> str:
    assert finding.parts is not None
    if not finding.parts:  # the home itself
        st = os.stat(root)
        return _tighten(root, None, st, finding)
    with _parent(root, finding.parts) as folder:
        name = finding.parts[-1]
        st = os.stat(name, dir_fd=folder, follow_symlinks=False)
        if finding.identity != (st.st_dev, st.st_ino) or stat.S_ISLNK(st.st_mode):
            raise _Changed(said.changed_since_looked())
        if finding.kind == "permissions":
            return _tighten(name, folder, st, finding)
        if finding.kind == "temp-file":
            if now - st.st_mtime < STALE_SECONDS:
                raise _Changed(said.written_a_moment_ago())
            if name.endswith(LOCK_SUFFIX):
                draft = root.joinpath(*finding.parts[:-1], name[1 : -len(LOCK_SUFFIX)])
                if draft.exists() or drafts._in_use(draft):
                    raise _Changed(said.draft_in_use_again())
            elif not _saved_elsewhere(st):
                raise _Changed(said.holds_unsaved_text())
            os.unlink(name, dir_fd=folder)
            return "removed"
    raise _Changed(said.not_for_doctor())


def _tighten(name: Path | str, folder: int | None, st: os.stat_result, finding: Finding) -> str:
    mode = stat.S_IMODE(st.st_mode)
    if finding.identity != (st.st_dev, st.st_ino):
        raise _Changed(said.changed_since_looked())
    wanted = mode & ~OTHERS  # only ever take permissions away
    if wanted == mode:
        return f"already {mode:04o}"
    os.chmod(name, wanted, dir_fd=folder)
    return f"permissions {mode:04o} → {wanted:04o}"


@contextlib.contextmanager
def _parent(root: Path, parts: tuple[str, ...]) -> Iterator[int]:
    """The folder holding ``parts``, opened step by step from the home, never via a link."""
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    fd = os.open(root, flags)
    try:
        for part in parts[:-1]:
            step = os.open(part, flags | getattr(os, "O_NOFOLLOW", 0), dir_fd=fd)
            os.close(fd)
            fd = step
        yield fd
    finally:
        os.close(fd)
