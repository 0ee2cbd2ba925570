"""`export`: a file for the coach, after a preview of what it will hold."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kapdiary.messages import export as said

if TYPE_CHECKING:
    from collections.abc import Callable

    from kapdiary.export import Format
    from kapdiary.index import Unusable
    from kapdiary.locations import Home
    from kapdiary.use_cases import Asker


class ExportRequest:
    """What the person asked for: ``since`` None means since the last export.

    (A plain class, as the export's own are: see ``kapdiary.export.Format``.)
    """

    __slots__ = (
        "client",
        "coach",
        "encrypt_to",
        "fmt",
        "force",
        "home",
        "include_private",
        "made",
        "on_fallback",
        "since",
        "tags",
        "target",
        "templates",
        "today",
        "until",
        "without",
        "yes",
    )

    def __init__(
        self,
        *,
        home: Home,
        today: date,
        made: datetime,
        fmt: Format,
        target: Path | None,
        until: date,
        since: date | None = None,
        templates: tuple[str, ...] = (),
        tags: tuple[str, ...] = (),
        include_private: bool = False,
        without: tuple[str, ...] = (),
        yes: bool = False,
        force: bool = False,
        client: str | None = None,
        coach: str | None = None,
        encrypt_to: str | None = None,
        on_fallback: Callable[[Unusable], None] | None = None,
    ) -> None:
        self.home = home
        self.today = today
        self.made = made
        self.fmt = fmt
        self.target = target
        self.until = until
        self.since = since
        self.templates = templates
        self.tags = tags
        self.include_private = include_private
        self.without = without
        self.yes = yes
        self.force = force
        self.client = client
        self.coach = coach
        self.encrypt_to = encrypt_to  # an age recipient (the coach's key)
        self.on_fallback = on_fallback


class ExportResult:
    """``path`` is None when the person said no; ``warning`` is said on stderr."""

    __slots__ = ("path", "shown", "warning")

    def __init__(self, path: Path | None, shown: str = "", warning: str | None = None) -> None:
        self.path = path
        self.shown = shown
        self.warning = warning


def shown(path: Path) -> str:
    """The path as the user would type it: relative to where they are, when it is below."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def export(request: ExportRequest, asker: Asker) -> ExportResult:
    """Preview, ask (unless --yes), write the file and remember the export."""
    from kapdiary import export as exporter
    from kapdiary import vault
    from kapdiary.dates import check_order, clamp
    from kapdiary.errors import KapdiaryError, UsageError
    from kapdiary.export import files, words

    fmt, target, end, start = request.fmt, request.target, request.until, request.since
    if request.encrypt_to is not None:
        vault.check_recipient(request.encrypt_to)
    note: str | None = None
    if start is None:
        start, note = files.default_since(request.home, end, request.today)
        start = clamp(start)  # the last export's dates come from a file one can edit
    check_order(start, end)
    document = exporter.build(
        request.home,
        exporter.Request(
            since=start,
            until=end,
            templates=request.templates,
            tags=request.tags,
            include_private=request.include_private,
            without=exporter.parse_without(request.without),
        ),
        client=request.client,
        coach=request.coach,
        made=request.made,
        on_fallback=request.on_fallback,
    )
    if not document.entries:
        raise KapdiaryError(words.nothing_to_export(document))
    chosen = target if target is not None else Path.cwd()
    path = chosen / files.default_name(start, end, fmt) if chosen.is_dir() else chosen
    path, recipient = sealing(path.absolute(), request.encrypt_to)
    files.check_destination(path, force=request.force)
    for line in words.preview(document, shown(path), fmt, since_note=note):
        asker.say(line)
    if not request.yes:
        if not asker.can_ask():
            raise UsageError(said.confirm_needs_terminal())
        if not asker.confirm(said.write_this_file(), default=True):
            return ExportResult(None)
    content = exporter.render(document, fmt)
    if recipient is not None:
        data = content.encode("utf-8") if isinstance(content, str) else content
        content = vault.encrypt(data, recipient)
    files.write(path, content, force=request.force)
    try:
        files.remember(request.home, document, path, request.today)
    except KapdiaryError as exc:
        warning = said.export_not_remembered(exc)
        return ExportResult(path, shown(path), warning)
    return ExportResult(path, shown(path))


def sealing(path: Path, encrypt_to: str | None) -> tuple[Path, str | None]:
    """The file's name and whom to encrypt it to: ``--encrypt-to``, or the diary's own key
    for a file kept inside an encrypted diary (no words in clear there); ``.age`` added."""
    from kapdiary import vault

    recipient = encrypt_to or vault.recipient_for(path)
    return (vault.sealed(path), recipient) if recipient else (path, None)


def choose_format(file_format: str | None, output: Path | None) -> tuple[Format, Path | None]:
    """The format (--format, else the -o file's ending, else Markdown) and the target;
    a format that needs a missing extra is refused here, before anything is read."""
    from kapdiary import export as exporter
    from kapdiary import vault
    from kapdiary.export import files

    fmt = exporter.get_format(file_format) if file_format else None
    target = output.expanduser() if output is not None else None
    if target is not None and not target.is_dir():
        fmt = files.format_for(vault.plain(target), fmt)  # `-o coach.html.age` is HTML
    fmt = fmt or exporter.get_format("md")
    exporter.ready(fmt)
    return fmt, target
