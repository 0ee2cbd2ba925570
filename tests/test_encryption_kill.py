"""`kapdiary encrypt` and `decrypt` killed with SIGKILL at random moments, again and again:
every entry stays readable in one form or the other (never neither, never counted twice),
and running the command again finishes the job, byte for byte."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import kapdiary_command, put, subprocess_env
from kapdiary import keys, vault
from kapdiary.storage import TMP_PREFIX

ENTRIES = 224
KILLS = 5


def diary(home: Path) -> dict[str, bytes]:
    for n in range(ENTRIES):
        day = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"
        put(home, day, f"Entry {n} of the kill test, word wombat{n:03d}.", mood=1 + n % 10)
    (home / "drafts" / "2026-11-20-evening-a1b2c3.md").write_text(
        "---\ndate: 2026-11-20\ntemplate: evening\n---\n\nA draft.\n"
    )
    return files(home)


def files(home: Path) -> dict[str, bytes]:
    """The diary's own files (leftover temporary files of a killed save are not)."""
    return {
        str(p.relative_to(home)): p.read_bytes()
        for p in sorted(home.rglob("*"))
        if p.is_file() and not p.name.startswith(TMP_PREFIX) and p.name != vault.MARKER
    }


def kill_at_random(command: list[str], home: Path, rng: random.Random) -> bool:
    """Start the command, kill it a random moment after it began converting files; True
    when it was still running then."""
    process = subprocess.Popen(
        [*kapdiary_command(), *command],
        env=subprocess_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    give_up = time.monotonic() + 60
    marker = home / vault.MARKER
    while (
        not _converting(marker, command[0])
        and process.poll() is None
        and time.monotonic() < give_up
    ):
        time.sleep(0.005)
    # A random point of the conversion itself, whatever the machine's speed: after a random
    # number of files have reached their new form (a few more may follow before the kill).
    done = _converted(home, command[0])
    target = done + rng.randint(1, max(1, (ENTRIES - done) * 2 // 3))
    while _converted(home, command[0]) < target and process.poll() is None:
        if time.monotonic() > give_up:
            break
        time.sleep(rng.uniform(0.0, 0.004))
    alive = process.poll() is None
    process.send_signal(signal.SIGKILL)
    process.wait()
    return alive


def _converted(home: Path, command: str) -> int:
    """Entries already in the form the command makes."""
    ending = ".md.age" if command == "encrypt" else ".md"
    return sum(1 for p in (home / "entries").rglob("*") if p.name.endswith(ending))


def _converting(marker: Path, command: str) -> bool:
    """encryption.toml says the command has begun converting files (or it is done)."""
    try:
        return f'unfinished = "{command}"' in marker.read_text()
    except FileNotFoundError:
        return command == "decrypt"


def check_every_entry_once(run, home: Path, original: dict[str, bytes]) -> tuple[int, int]:
    """Each original file is there as itself or as its age form (equal when both), and
    review counts every entry exactly once. Returns (plain, encrypted) counts."""
    keys.start(None)
    vault.forget()
    plain = sealed = 0
    for rel, data in original.items():
        path = home / rel
        age = vault.sealed(path)
        assert path.exists() or age.exists(), f"{rel} is in neither form"
        if path.exists():
            assert path.read_bytes() == data, rel
            plain += 1
        if age.exists():
            assert vault.decrypt(age.read_bytes(), age, _recipient(home)) == data, rel
            sealed += 1
    result = run("review", "--since", "2026-01-01", "--json")
    assert result.exit_code == 0, result.output
    entries = json.loads(result.stdout)["entries"]
    assert len(entries) == ENTRIES
    assert len({e["date"] for e in entries}) == ENTRIES
    return plain, sealed


def _recipient(home: Path) -> str:
    held = vault.lock(home)
    if held is not None:
        return held.recipient
    (only,) = (home.parent / "config" / "keys").glob("age1*.txt")
    return only.name[:-4]


def test_encrypt_and_decrypt_killed_at_random_points_lose_nothing(run, initialised: Path) -> None:
    from kapdiary.index.sealed import forget_working_copy
    from kapdiary.locations import Home

    try:
        killed_and_finished(run, initialised)
    finally:
        forget_working_copy(Home(initialised, "test"))


def killed_and_finished(run, initialised: Path) -> None:
    original = diary(initialised)
    rng = random.Random(1717)
    assert run("key", "show").exit_code == 1  # plain: no key yet
    from kapdiary.locations import Home

    made = keys.generate()  # the key encrypt would make, made first so the test can read
    mixed = 0
    for _ in range(KILLS):
        if vault.lock(initialised) is not None and vault.lock(initialised).unfinished is None:
            break
        killed = kill_at_random(["encrypt", "--recipient", made.recipient], initialised, rng)
        plain, sealed = check_every_entry_once(run, initialised, original)
        mixed += bool(killed and plain and sealed)
    assert mixed >= 2, "the kills never landed half-way; make the diary larger"

    finished = run("encrypt")
    assert finished.exit_code == 0, finished.output
    assert check_every_entry_once(run, initialised, original)[0] == 0
    assert vault.kept(Home(initialised, "test"))

    mixed = 0
    for _ in range(KILLS):
        if vault.lock(initialised) is None:
            break
        killed = kill_at_random(["decrypt"], initialised, rng)
        plain, sealed = check_every_entry_once(run, initialised, original)
        mixed += bool(killed and plain and sealed)
    assert mixed >= 2, "the kills never landed half-way; make the diary larger"

    finished = run("decrypt")
    assert finished.exit_code == 0, finished.output
    assert files(initialised) == original
    assert not (initialised / vault.MARKER).exists()


# --- what makes a power cut safe too: each old form goes only after its folder is flushed -------


class Flushes:
    """Watches the real calls (each still runs): files renamed in, folders flushed, files
    removed, in the order they happened."""

    def __init__(self, monkeypatch) -> None:
        import os

        self.events: list[tuple[str, str]] = []
        real_fsync, real_replace, real_unlink = os.fsync, os.replace, os.unlink

        def fsync(fd: int) -> None:
            where = os.readlink(f"/proc/self/fd/{fd}")
            if Path(where).is_dir():
                self.events.append(("flush", where))
            real_fsync(fd)

        def replace(src, dst, **kwargs) -> None:
            real_replace(src, dst, **kwargs)
            self.events.append(("renamed", str(dst)))

        def unlink(path, **kwargs) -> None:
            real_unlink(path, **kwargs)
            if not Path(path).name.startswith(TMP_PREFIX):
                self.events.append(("removed", str(path)))

        monkeypatch.setattr(os, "fsync", fsync)
        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "unlink", unlink)

    def check(self, new_form) -> int:
        """Every removal came after its new form's rename and a later flush of its folder;
        returns how many times entry folders were flushed."""
        for i, (what, path) in enumerate(self.events):
            if what != "removed" or "/entries/" not in path:
                continue
            renamed = self.events.index(("renamed", str(new_form(Path(path)))))
            assert renamed < i, path
            folder = str(Path(path).parent)
            assert ("flush", folder) in self.events[renamed:i], path
        return sum(1 for what, path in self.events if what == "flush" and "/entries/" in path)


def test_each_folder_is_flushed_once_a_batch_and_before_any_old_form_is_removed(
    run, initialised: Path, monkeypatch
) -> None:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc/self/fd to name a flushed file")
    before = diary(initialised)  # 224 entries in 8 month folders, 28 each
    flushes = Flushes(monkeypatch)
    assert run("encrypt").exit_code == 0
    assert flushes.check(vault.sealed) == 8  # was one per file: 224
    flushes.events.clear()
    assert run("decrypt").exit_code == 0
    assert flushes.check(vault.plain) == 8
    assert files(initialised) == before
