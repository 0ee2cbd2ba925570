"""`kapdiary encrypt` and `decrypt`: a whole diary from plain to age and back, crash-safe.

Files are converted a folder at a time, in batches of up to ``BATCH``: each file's new
form is written to a temporary file, flushed and renamed into place; then the folder is
flushed once (which makes those renames durable); only then are the batch's old forms
removed. So no old form is ever removed before its new form is on disk, which is all the
crash-safety needs (a power cut included: the folder flush comes before any removal).
Killed at any moment, every file exists in one form or the other (and, for up to a batch
of files, both: the same words, which the index counts once, ``index.sync.one_form``, and
the next run removes the old form of). ``encryption.toml`` says
``unfinished = "encrypt"`` (or ``"decrypt"``) until the last file is done, so running the
command again finishes the job and `doctor` tells that it was stopped.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kapdiary import keys, storage, vault
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.locations import Home
from kapdiary.messages import crypto

Progress = Callable[[int, int], None]
BATCH = 256  # files converted between two flushes of their folder


@dataclass(frozen=True)
class Moved:
    converted: int  # files converted by this run
    total: int  # files now in the new form (a re-run counts the earlier ones too)
    recipient: str
    started: bool = True  # False: there was nothing to do


def encrypt_home(home: Home, recipient: str | None, progress: Progress | None = None) -> Moved:
    """Encrypt every file that holds the user's words to ``recipient`` (the diary's key)."""
    held = vault.lock(home.path)
    if held is not None and held.unfinished is None:
        return Moved(0, len(vault.kept(home)), held.recipient, started=False)
    if held is not None and recipient is not None and recipient != held.recipient:
        raise UsageError(crypto.other_recipient(home.path, held.recipient))
    target = held.recipient if held is not None else recipient
    if target is None:
        raise KapdiaryError(crypto.no_key("", keys.folder()))
    keys.identity(target)  # the key must be here and open, or nothing is changed
    from kapdiary.index.sealed import remove_plain

    vault.write_lock(home.path, vault.Lock(target, unfinished="encrypt"))
    remove_plain(home)  # the plain index holds the diary's words
    files = vault.kept(home)
    todo = [path for path in files if not vault.is_age(path)]
    _convert(todo, lambda path: _seal(path, target), progress)
    vault.write_lock(home.path, vault.Lock(target))
    return Moved(len(todo), len(vault.kept(home)), target)


def decrypt_home(home: Home, progress: Progress | None = None) -> Moved | None:
    """Bring every age file of the diary back to the plain file it was, byte for byte."""
    held = vault.lock(home.path)
    if held is None:
        return None
    keys.identity(held.recipient)  # a wrong or missing key: one line, nothing changed
    todo = [path for path in vault.kept(home) if vault.is_age(path)]
    for path in todo:  # every file must open before any is changed
        vault.decrypt(path.read_bytes(), path)
    from kapdiary.index.sealed import remove_sealed

    vault.write_lock(home.path, vault.Lock(held.recipient, unfinished="decrypt"))
    _convert(todo, lambda path: _open(path, held.recipient), progress)
    remove_sealed(home)
    vault.write_lock(home.path, None)
    return Moved(len(todo), len(vault.kept(home)), held.recipient)


def _convert(todo: list[Path], convert: Callable[[Path], None], progress: Progress | None) -> None:
    """``convert`` writes each file's new form beside it (flushed, renamed, the folder not
    flushed); per batch of one folder, the folder is flushed once, then the old forms go."""
    done = 0
    for folder, in_folder in itertools.groupby(todo, key=lambda path: path.parent):
        files = list(in_folder)
        for batch in (files[i : i + BATCH] for i in range(0, len(files), BATCH)):
            for path in batch:
                convert(path)
                done += 1
                if progress is not None:
                    progress(done, len(todo))
            storage.fsync_dir(folder)  # every new form of the batch is on disk from here
            for path in batch:
                # Not flushed: after a crash the old form may be back beside its new one,
                # which is read once (index.sync.one_form) and removed by the next run.
                path.unlink()


def _seal(path: Path, recipient: str) -> None:
    data = path.read_bytes()
    target = vault.sealed(path)
    if not _holds(target, data, recipient):  # a stopped run may have written it already
        _replace(target, vault.encrypt(data, recipient), path)


def _open(path: Path, recipient: str) -> None:
    data = vault.decrypt(path.read_bytes(), path, recipient)
    target = vault.plain(path)
    if not (target.is_file() and target.read_bytes() == data):
        _replace(target, data, path)


def _holds(target: Path, data: bytes, recipient: str) -> bool:
    """Whether an age file already there holds exactly ``data``."""
    if not target.is_file():
        return False
    try:
        return vault.decrypt(target.read_bytes(), target, recipient) == data
    except (vault.Undecryptable, OSError):
        return False


def _replace(target: Path, data: bytes, source: Path) -> None:
    """Write ``data`` at ``target`` atomically, with the source's modification time (so
    a sync tool and a person see the same age of the entry)."""
    storage.atomic_write(target, data, flush_folder=False)  # flushed once a batch: _convert
    with contextlib.suppress(OSError):
        st = source.stat()
        os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))
