"""`init`: a diary home with its folders, the first intentions and the first settings.

What exists is kept: intentions already written stay as they are (none is added), and a
config already saved is not touched. What needs the person (the two questions, and what
is shown between them) comes in as a ``Welcome`` the command line implements.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from kapdiary.messages import setup as said

if TYPE_CHECKING:
    from kapdiary.config import Config
    from kapdiary.intentions import Intention
    from kapdiary.locations import Home

MAX_FIRST_INTENTIONS = 3


@dataclass(frozen=True)
class InitRequest:
    """One `init`: the home to start (it may not exist yet), the config file, the current
    settings (their defaults go into a new config), and what the options gave."""

    home: Home
    config_path: Path
    config: Config
    today: date
    intentions: tuple[str, ...] = ()
    areas: str | None = None  # comma-separated, as --areas gives them
    ask: bool = False  # ask for what the options did not give
    encrypt: bool = False  # start encrypted (a new key unless the diary has one)
    passphrase: str | None = None  # for that new key


class Welcome(Protocol):
    """The person at `init`: shown where the diary lives, asked, and shown what was kept."""

    def welcome(self, home: Home) -> None:
        """Before anything is created: where the diary lives, and why there."""
        ...

    def ask_line(self, prompt: str) -> str | None:
        """One line typed after ``prompt``; None at the end of input."""
        ...

    def say(self, line: str) -> None: ...

    def intentions(
        self, kept: list[Intention] | None, added: list[Intention], *, more_given: bool
    ) -> None:
        """The active intentions kept as they were (None: there were none), or those just
        added; ``more_given``: --intention was given to a diary that has intentions."""
        ...

    def settings(self, path: Path, *, kept: bool) -> None:
        """The config kept as it was, or just saved."""
        ...


def init(request: InitRequest, welcome: Welcome) -> None:
    """Create the home's private folders, then the first intentions and settings."""
    from kapdiary.errors import UsageError
    from kapdiary.storage import ensure_private_dir

    if len(request.intentions) > MAX_FIRST_INTENTIONS:
        raise UsageError(said.one_to_three_intentions())
    home = request.home
    welcome.welcome(home)
    for folder in (home.path, home.entries, home.templates, home.drafts):
        ensure_private_dir(folder)
    if request.encrypt:
        _encrypted(request, welcome)
    _first_intentions(request, welcome)
    _first_settings(request, welcome)


def _encrypted(request: InitRequest, welcome: Welcome) -> None:
    """Encrypt the diary (docs/encryption.md) before any of its words are written."""
    from kapdiary import keys, migrate, vault
    from kapdiary.messages import crypto

    recipient = None
    if vault.lock(request.home.path) is None:
        made = keys.generate(passphrase=request.passphrase)
        welcome.say(crypto.key_saved(made.path, made.recipient))
        recipient = made.recipient
    moved = migrate.encrypt_home(request.home, recipient)
    welcome.say(crypto.init_encrypted(moved.recipient))


def _first_intentions(request: InitRequest, welcome: Welcome) -> None:
    """Keep the intentions there are; else add those given (or asked for)."""
    from kapdiary import intentions as intention_file

    path = request.home.intentions_file
    existing = intention_file.load(path)
    if existing:
        kept = [item for item in existing if item.active]
        welcome.intentions(kept, [], more_given=bool(request.intentions))
        return
    texts = list(request.intentions)
    if request.ask and not texts:
        texts = _ask_intentions(welcome)
    added = [intention_file.add(path, text, today=request.today) for text in texts]
    welcome.intentions(None, added, more_given=False)


def _ask_intentions(welcome: Welcome) -> list[str]:
    welcome.say(said.ask_for_intentions())
    texts: list[str] = []
    while len(texts) < MAX_FIRST_INTENTIONS:
        text = welcome.ask_line(said.intention_number(len(texts) + 1))
        if text is None or not text.strip():
            break
        texts.append(text.strip())
    return texts


def _first_settings(request: InitRequest, welcome: Welcome) -> None:
    """Keep a config there is; else save one with the life areas given (or asked for)."""
    from kapdiary import config as config_file

    path = request.config_path
    if path.exists():
        welcome.settings(path, kept=True)
        return
    given = request.areas
    areas = list(config_file.DEFAULT_AREAS) if given is None else config_file.parse_areas(given)
    if request.ask and given is None:
        areas = _ask_areas(welcome, areas)
    data: dict[str, object] = {
        "day_starts_at": request.config.day_starts_at,
        "default_template": request.config.default_template,
        "areas": areas,
    }
    if request.home.source == "--home":
        data["home"] = str(request.home.path)
    config_file.save_raw(path, data)
    welcome.settings(path, kept=False)


def _ask_areas(welcome: Welcome, default: list[str]) -> list[str]:
    from kapdiary import config as config_file
    from kapdiary.errors import UsageError

    welcome.say(said.areas_offered(", ".join(default)))
    while True:
        raw = welcome.ask_line(said.ask_for_areas())
        if raw is None or not raw.strip():
            return default
        try:
            return config_file.parse_areas(raw.strip())
        except UsageError as exc:
            welcome.say(exc.message)
