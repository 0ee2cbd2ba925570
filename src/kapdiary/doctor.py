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
- folders looser than 0700 and files looser than 0600; symbolic links; empty and huge files.

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

from kapdiary import drafts, sessions
from kapdiary.conflicts import CONFLICT
from kapdiary.dates import in_range, out_of_range
from kapdiary.entry import Entry, FrontMatterError, parse, split_front_matter
from kapdiary.errors import KapdiaryError
from kapdiary.locations import Home
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
            text = self.path.read_text(encoding="utf-8").replace("\r\n", "\n")
        except (OSError, UnicodeDecodeError):
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
                "the diary folder does not exist",
                "run `kapdiary init` to start a diary here, or give your diary's folder "
                "with --home",
            )
            return
        except OSError as exc:
            self.add(
                "unreadable",
                PROBLEM,
                str(self.root),
                f"the diary folder cannot be read: {_reason(exc)}",
                f"check its owner and permissions (`ls -ld {self.root}`)",
            )
            return
        if not stat.S_ISDIR(st.st_mode):
            self.add(
                "home",
                PROBLEM,
                str(self.root),
                "the diary folder is not a folder",
                "move the file away, or give your diary's folder with --home",
            )
            return
        self.permissions(_Item(self.root, (), st))
        self.index()
        self.intentions()
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
                    f"kapdiary cannot look inside this folder: {_reason(exc)}",
                    f"check its owner and permissions (`ls -ld {folder}`); "
                    f"if it is yours, `chmod 700 {folder}`",
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
                        self.not_read(item, "a hidden folder")
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
                self.not_read(item, "a hidden file")
            return  # hidden files (.DS_Store, .stignore) are not kapdiary's
        if not (stat.S_ISDIR(mode) or stat.S_ISREG(mode)):
            if area == "entries":
                self.not_read(item, "not a regular file")
            return
        self.permissions(item)
        if not stat.S_ISREG(mode) or item.name[-3:].lower() != ".md":
            if area == "entries" and stat.S_ISREG(mode):
                self.not_read(item, f"not a Markdown file ({item.path.suffix or 'no ending'})")
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
        what = "the diary folder" if not item.parts else ("this folder" if folder else "this file")
        self.add(
            "permissions",
            PROBLEM,
            item.rel,
            f"{what} is open to other users ({mode:04o}); it should be {wanted:04o}",
            f"run `kapdiary doctor --fix` (it sets {mode & ~OTHERS:04o})",
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
                f"a link to {target}, which does not exist",
                f"remove the link (`rm {item.path}`) or put back what it points to",
            )
            return
        outside = not resolved.is_relative_to(self.root_resolved)
        where = " outside the diary folder" if outside else ""
        is_entry = item.parts[0] == "entries"
        reads = (
            "kapdiary does not read links among the entries, so it is in no review, "
            "search, figure or export"
            if is_entry
            else "kapdiary reads through it, but doctor does not look inside, --fix leaves "
            "it alone, and backups or sync tools may skip it"
        )
        self.add(
            "symlink",
            WARNING,
            item.rel,
            f"a link to {target}{where}; {reads}",
            "if it belongs to the diary, replace the link with the file or folder itself"
            + (f" (`cp --remove-destination {resolved} {item.path}`)" if is_entry else ""),
        )

    def not_read(self, item: _Item, what: str) -> None:
        self.add(
            "not-read",
            WARNING,
            item.rel,
            f"{what} among the entries; kapdiary does not read it",
            "if it holds words of yours, save them as an entry (a .md file with front "
            "matter); otherwise move it out of entries/",
        )

    def conflict(self, item: _Item) -> None:
        original = item.path.with_name(CONFLICT.sub("", item.name, count=1))
        shown = "/".join((*item.parts[:-1], original.name))
        is_entry = item.parts[0] == "entries" and item.name[-3:].lower() == ".md"
        reads = "; until then kapdiary reads it as one more entry" if is_entry else ""
        if original.exists():
            edit = f" (`kapdiary edit {shown}`)" if is_entry else ""
            fix = (
                f"compare it with {shown}, copy what you want to keep into that file{edit}, "
                "then delete the copy"
            )
        else:
            fix = f"compare it with your other copies, keep what you need as {shown}, "
            fix += "then delete the copy"
        self.add(
            "sync-conflict",
            PROBLEM,
            item.rel,
            f"a copy a sync tool made when the file changed in two places at once{reads}",
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
                "a save in progress, or one interrupted in the last few minutes",
                "nothing to do now; if it is still here in 10 minutes, run `kapdiary doctor` again",
            )
        elif _saved_elsewhere(st):
            self.add(
                "temp-file",
                WARNING,
                item.rel,
                "left by an interrupted save; "
                + ("it is empty" if st.st_size == 0 else "its text is in the saved file"),
                "run `kapdiary doctor --fix` to remove it",
                fixable=True,
                parts=item.parts,
                identity=item.identity,
            )
        else:
            self.add(
                "temp-file",
                WARNING,
                item.rel,
                f"left by an interrupted save; its {st.st_size} bytes may be text that was "
                "not saved anywhere else, so doctor keeps it",
                f"look inside (`less {item.path}`), copy any words you want into an entry "
                f"(`kapdiary write --editor`), then delete it (`rm {item.path}`)",
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
            "a lock left by an interrupted write; its draft is gone",
            "run `kapdiary doctor --fix` to remove it",
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
                f"an empty file: {empty}",
                f"delete it if you do not need it (`rm {item.path}`)",
            )
            return None
        if size > HUGE_BYTES:
            self.add(
                "huge",
                WARNING,
                item.rel,
                f"{size / 1024 / 1024:.0f} MB, far more than an entry; every command that reads "
                "it is slower, and doctor did not look inside",
                "check it belongs in the diary; move it out of the diary folder if not",
            )
            return None
        try:
            data = item.path.read_bytes()
        except OSError as exc:
            self.add(
                "unreadable",
                PROBLEM,
                item.rel,
                f"cannot be read: {_reason(exc)}",
                f"check its owner and permissions (`ls -l {item.path}`); "
                f"if it is yours, `chmod 600 {item.path}`",
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
                f"not UTF-8 text (byte {exc.start}); kapdiary shows it with that part garbled",
                f"open it in an editor that can re-save it as UTF-8 and check line {line}",
                line=line,
            )
            return None
        return text.replace("\r\n", "\n")

    # -- entries ----------------------------------------------------------------------------

    def entry(self, item: _Item) -> None:
        self.report.entries += 1
        text = self.read(item, empty="an entry with no words")
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
        edit = f"`kapdiary edit {item.rel}`"
        if entry.meta or _has_front_matter(text):
            self.written_front_matter(item, entry, text, edit)
        else:
            self.no_front_matter(item, entry, edit)

    def written_front_matter(self, item: _Item, entry: Entry, text: str, edit: str) -> None:
        """The problem of an entry with front matter: it does not read, or its date."""
        if not entry.meta and entry.body == text:  # the front matter did not parse
            line = entry.problem_line
            at = f" and fix line {line}" if line else ""
            self.add(
                "front-matter",
                PROBLEM,
                item.rel,
                f"the front matter does not read: {entry.problem}",
                f"open it with {edit}{at}",
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
                f"the date {out_of_range(day)}: the entry is shown, but left out of "
                "progress and exports' figures",
                f"open it with {edit} and correct the year" + (f" on line {line}" if line else ""),
                line=line,
            )
            return
        if "date" in entry.meta:
            wrong = f"date {_shown(entry.meta['date'])} is not a date"
        else:
            wrong = "the front matter has no date"
        self.add(
            "date",
            PROBLEM,
            item.rel,
            f"{wrong}{_dated(entry)}",
            f"open it with {edit} and write the day as `date: YYYY-MM-DD`"
            + (f" on line {line}" if line else ""),
            line=line,
        )

    def no_front_matter(self, item: _Item, entry: Entry, edit: str) -> None:
        """An entry without front matter: dated by its file name, or by when it changed."""
        if entry.date is None:
            self.add(
                "date",
                PROBLEM,
                item.rel,
                "no front matter and no date in the file name, so kapdiary dates it by when "
                "the file last changed",
                f"open it with {edit} and add three lines at the top: `---`, "
                "`date: YYYY-MM-DD`, `---`",
                line=1,
            )
            return
        self.add(
            "date",
            WARNING,
            item.rel,
            f"no front matter; its date ({entry.date.isoformat()}) is taken from the file name",
            f"fine as it is; to keep the date with the text, open it with {edit} and add "
            f"`---`, `date: {entry.date.isoformat()}`, `---` at the top",
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
            f"the private flag is unclear ({reason}); exports leave the entry out until "
            "it says plainly",
            f"open it with `kapdiary edit {item.rel}` and keep one line, `private: true` "
            "or `private: false`",
            line=line,
        )

    def ratings(self, item: _Item, entry: Entry, text: str) -> None:
        meta = entry.meta
        edit = f"`kapdiary edit {item.rel}`"
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
                    f"{key} should be `name: rating` lines, one per line under `{key}:`",
                    f"open it with {edit}" + (f" and fix line {line}" if line else ""),
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
        at = f" on line {line}" if line else ""
        if value is None or value == "":
            self.add(
                "rating",
                WARNING,
                item.rel,
                f"{name} is empty, so it counts as not rated",
                f"open it with {edit} and give a number from {low} to {high}{at}, "
                "or remove the line",
                line=line,
            )
            return
        self.add(
            "rating",
            PROBLEM,
            item.rel,
            f"{name} {_shown(value)} is not a number from {low} to {high}, so it is left out of "
            "your progress",
            f"open it with {edit} and give a number from {low} to {high}{at}",
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
                f"session {_shown(raw)} is not a number from 1, so the session is counted instead",
                f"open it with `kapdiary edit {item.rel}` and write a whole number, like "
                f"`session: 3`" + (f", on line {line}" if line else ""),
                line=line,
            )
            return
        self.numbers[number].append(_Rated(item.path, item.rel, entry.date))

    # -- drafts, templates, intentions, config ---------------------------------------------

    def draft(self, item: _Item) -> None:
        self.report.drafts += 1
        if drafts._in_use(item.path):
            return  # being written right now
        text = self.read(item, empty="a draft with no words")
        if text is None:
            return
        kept = drafts.Draft(item.path, parse(text, item.path))
        what = f"{kept.template} " if kept.template else ""
        day = f" for {kept.day.isoformat()}" if kept.day else ""
        words = f"{kept.words} word{'s' if kept.words != 1 else ''}"
        broken = ""
        if kept.entry.problem and not kept.entry.meta and kept.entry.body == text:
            broken = f"; its front matter does not read ({kept.entry.problem})"
        resume = f"kapdiary write {kept.template} --resume" if kept.template else ""
        self.add(
            "draft",
            WARNING,
            item.rel,
            f"an unfinished {what}entry{day} ({words}), kept when writing stopped{broken}",
            f"run `{resume or 'kapdiary write --resume'}` to carry on with it "
            "(the newest draft comes first); doctor never deletes a draft",
            line=kept.entry.problem_line if broken else None,
        )

    def template(self, item: _Item) -> None:
        from kapdiary import templates

        self.report.templates += 1
        text = self.read(item, empty="a template with nothing in it")
        if text is None:
            return
        if not templates.NAME.match(item.path.stem):
            self.add(
                "template",
                WARNING,
                item.rel,
                f"not used: {item.path.stem!r} is not a template name",
                "rename it with lowercase letters, digits, - and _ (like `coach-weekly.md`)",
            )
            return
        try:
            problems = templates.check(item.path, text)
        except KapdiaryError as exc:
            problems = [templates.Problem(1, exc.message)]
        if not problems:
            return
        first = problems[0]
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        self.add(
            "template",
            PROBLEM,
            item.rel,
            f"the template does not load: {first.message}{more}",
            f"`kapdiary template check {item.path}` shows every problem with its fix",
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
            f"the index cannot be used ({problem.reason}), so every command reads your "
            "entry files directly, which is slower; your entries are not affected",
            problem.fix,
        )

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
                f"your intentions do not read: {exc.message}",
                "fix it in an editor; `kapdiary intention list` works again when it reads",
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
                f"your settings file is open to other users ({stat.S_IMODE(st.st_mode):04o}); "
                "it should be 0600",
                f"run `chmod 600 {path}` (it is outside the diary folder, so --fix leaves it)",
            )
        try:
            config.load(path)
        except KapdiaryError as exc:
            self.add(
                "config",
                PROBLEM,
                str(path),
                exc.message,
                "fix it in an editor, or delete it to go back to the defaults",
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
                    f"rates the intention {name!r}, which is not in intentions.toml"
                    + (f" (so do {count - 1} more entries)" if count > 1 else ""),
                    f'add it with `kapdiary intention add "…" --id {name}` (retire it if it is '
                    "done), or correct the id in the entry with "
                    f"`kapdiary edit {first.rel}`",
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
                f"session {number} is written in {len(places)} entries ({days})",
                "if that is not right, change the `session:` line in one of them with "
                f"`kapdiary edit {places[-1].rel}`",
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
        return f"; until then its date ({day.isoformat()}) is taken from the file name"
    return "; until then kapdiary dates it by when the file last changed"


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
            done.append(Repair(finding, False, f"could not: {_reason(exc)}"))
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
            raise _Changed("it changed since doctor looked; left as it is")
        if finding.kind == "permissions":
            return _tighten(name, folder, st, finding)
        if finding.kind == "temp-file":
            if now - st.st_mtime < STALE_SECONDS:
                raise _Changed("it was written to a moment ago; left as it is")
            if name.endswith(LOCK_SUFFIX):
                draft = root.joinpath(*finding.parts[:-1], name[1 : -len(LOCK_SUFFIX)])
                if draft.exists() or drafts._in_use(draft):
                    raise _Changed("its draft is in use again; left as it is")
            elif not _saved_elsewhere(st):
                raise _Changed("it holds text saved nowhere else; left as it is")
            os.unlink(name, dir_fd=folder)
            return "removed"
    raise _Changed("not something doctor fixes")


def _tighten(name: Path | str, folder: int | None, st: os.stat_result, finding: Finding) -> str:
    mode = stat.S_IMODE(st.st_mode)
    if finding.identity != (st.st_dev, st.st_ino):
        raise _Changed("it changed since doctor looked; left as it is")
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
