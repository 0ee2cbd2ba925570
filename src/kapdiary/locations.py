"""Where things live. Every path is resolved when a command runs, never at import."""

from __future__ import annotations

import os
from pathlib import Path

from kapdiary.errors import EXIT_FAILURE, EXIT_USAGE, KapdiaryError
from kapdiary.plain import Frozen

APP = "kapdiary"


def config_path() -> Path:
    """The config file: ``KAPDIARY_CONFIG`` or the platform's config folder."""
    env = os.environ.get("KAPDIARY_CONFIG")
    if env:
        return Path(env).expanduser()
    import platformdirs

    return platformdirs.user_config_path(APP) / "config.toml"


def default_home() -> Path:
    import platformdirs

    return platformdirs.user_data_path(APP)


def cache_dir() -> Path:
    import platformdirs

    return platformdirs.user_cache_path(APP)


class Home(Frozen):
    """A diary home and where its path came from (for `kapdiary config`)."""

    path: Path
    source: str  # "--home", "KAPDIARY_HOME", "config", "default"

    _fields = ("path", "source")

    def __init__(self, path: Path, source: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "source", source)

    @property
    def entries(self) -> Path:
        return self.path / "entries"

    @property
    def drafts(self) -> Path:
        return self.path / "drafts"

    @property
    def templates(self) -> Path:
        return self.path / "templates"

    @property
    def intentions_file(self) -> Path:
        return self.path / "intentions.toml"

    @property
    def index_file(self) -> Path:
        """The index cache for this home: outside the home, one file per home."""
        from kapdiary.digest import sha256_hex

        digest = sha256_hex(str(self.path.resolve()).encode())[:16]
        return cache_dir() / f"index-{digest}.sqlite3"


def resolve_home(option: Path | None, config_home: str | None) -> Home:
    """The one answer to "where is the diary": option, env, config, then platformdirs."""
    if option is not None:
        return Home(option.expanduser().absolute(), "--home")
    env = os.environ.get("KAPDIARY_HOME")
    if env:
        return Home(Path(env).expanduser().absolute(), "KAPDIARY_HOME")
    if config_home:
        return Home(Path(config_home).expanduser().absolute(), "config")
    return Home(default_home(), "default")


def check_exists(home: Home, config: Path) -> None:
    """A home the user named must exist (DESIGN §7): a typo never starts a new diary.

    Only ``kapdiary init`` creates a named home; the default one is created on the first
    write. From --home the mistake is on this command line (exit 2), otherwise in the
    environment or the config (exit 1).
    """
    if home.source == "default" or home.path.is_dir():
        return
    from kapdiary.messages.setup import home_missing

    exists = home.path.exists()
    code = EXIT_USAGE if home.source == "--home" else EXIT_FAILURE
    raise KapdiaryError(home_missing(home.path, home.source, config, exists=exists), exit_code=code)
