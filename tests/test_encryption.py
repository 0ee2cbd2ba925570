"""An encrypted diary (issue 17): age files everywhere the user's words are, the index
never in clear, keys outside the home, and everything still working through the real CLI."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import entry_file, one_error_line, put
from kapdiary import keys, vault

AGE = shutil.which("age")
REQUIRE_AGE = os.environ.get("KAPDIARY_REQUIRE_AGE") == "1"


def age_tool() -> str:
    if AGE is None:
        if REQUIRE_AGE:
            pytest.fail("the `age` command is required here (KAPDIARY_REQUIRE_AGE=1)")
        pytest.skip("the `age` command is not installed (Debian: apt-get install age)")
    return AGE


def config_dir(home: Path) -> Path:
    return home.parent / "config"


def key_file(home: Path) -> Path:
    held = vault.lock(home)
    assert held is not None
    return config_dir(home) / "keys" / f"{held.recipient}.txt"


def every_file(*folders: Path) -> dict[str, bytes]:
    """Every regular file under the folders, by path, with its bytes."""
    found: dict[str, bytes] = {}
    for folder in folders:
        for path in sorted(folder.rglob("*")) if folder.exists() else []:
            if path.is_file() and not path.is_symlink():
                found[str(path)] = path.read_bytes()
    return found


def snapshot(home: Path) -> dict[str, bytes]:
    return {str(Path(p).relative_to(home)): d for p, d in every_file(home).items()}


def opened(path: Path) -> str:
    """An age file's text, read with the diary's key as the `age` tool would."""
    import pyrage

    identity = keys.parse(key_file_for(path).read_text(encoding="utf-8"), path)
    return bytes(pyrage.decrypt(path.read_bytes(), [identity])).decode("utf-8")


def key_file_for(path: Path) -> Path:
    for folder in path.parents:
        if (folder / vault.MARKER).is_file():
            return key_file(folder)
    raise AssertionError(f"{path} is in no encrypted diary")


@pytest.fixture(autouse=True)
def no_working_copy_left(home: Path):
    """The index's working copy in the RAM folder (index.sealed) goes with the test."""
    yield
    from kapdiary.index.sealed import forget_working_copy
    from kapdiary.locations import Home

    forget_working_copy(Home(home, "test"))


@pytest.fixture
def encrypted(run: Callable[..., object], home: Path) -> Path:
    result = run(
        "init", "--encrypt", "--intention", "Be present with my kids", "--intention",
        "Self-compassion", "--yes",
    )  # fmt: skip
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    return home


def test_init_encrypt_then_write_review_search_keep_no_word_in_clear(
    run, encrypted: Path, tmp_path: Path
) -> None:
    result = run("write", "--set", "mood=6", "--set", "tags=heron", input="The heron waded.\n")

    assert result.exit_code == 0, result.output
    entry = entry_file(encrypted, "2026-11-21-evening")
    sealed = entry.with_name(entry.name + ".age")
    assert not entry.exists() and sealed.is_file()
    assert sealed.read_bytes().startswith(b"age-encryption.org/v1\n")
    assert "The heron waded." in opened(sealed)
    assert stat.S_IMODE(sealed.stat().st_mode) == 0o600
    assert stat.S_IMODE(key_file(encrypted).stat().st_mode) == 0o600
    assert (encrypted / "intentions.toml.age").is_file()
    assert not (encrypted / "intentions.toml").exists()

    review = run("review")
    search = run("search", "heron", "--json")
    progress = run("progress", "--json")

    assert review.exit_code == 0 and "The heron waded." in review.output
    hits = json.loads(search.output)["results"]
    assert [Path(hit["path"]).name for hit in hits] == ["2026-11-21-evening.md.age"]
    assert json.loads(progress.output)["writing"]["entries"] == 1
    cache = list((tmp_path / "cache").rglob("*.sqlite3*"))
    assert [p.name[-4:] for p in cache] == [".age"], cache
    for path, data in every_file(
        tmp_path / "home", tmp_path / "cache", tmp_path / "config"
    ).items():
        for word in (b"heron", b"waded", b"Be present with my kids", b"Self-compassion"):
            assert word not in data, (path, word)


WORDS = [f"quokka{n:03d}" for n in range(240)]


def few_hundred(home: Path) -> None:
    """240 entries with a word each, a draft, a template, an edit kept in .history."""
    for n, word in enumerate(WORDS):
        day = f"2026-{1 + n // 28:02d}-{1 + n % 28:02d}"
        put(home, day, f"Today {word} and the sea.", mood=1 + n % 10, tags=[f"tag{word}"],
            intentions={"be-present-with-my-kids": n % 11})  # fmt: skip
    drafts = home / "drafts"
    drafts.mkdir(mode=0o700, exist_ok=True)
    (drafts / "2026-11-20-evening-a1b2c3.md").write_text(
        "---\ndate: 2026-11-20\ntemplate: evening\n---\n\ndraftword almost said\n"
    )
    (home / "templates" / "coach.md").write_text(
        "---\ntitle: Coachword check-in\n---\n\n## What did coachword bring?\n"
    )


def read_outputs(run) -> dict[str, str]:
    """What review, search and progress say, with the file names as a person means them."""
    said = {
        "review": run("review", "--since", "2026-01-01", "--json").stdout,
        "search": run("search", "quokka117", "--json").stdout,
        "progress": run("progress", "--since", "2026-06-01", "--json").stdout,
        "sessions": run("sessions", "--json").stdout,
    }
    return {k: v.replace(".md.age", ".md") for k, v in said.items()}


def test_a_diary_of_a_few_hundred_entries_encrypts_and_decrypts_to_the_same_bytes(
    run, initialised: Path, tmp_path: Path
) -> None:
    few_hundred(initialised)
    assert run("edit", "2026-01-01", "--undo").exit_code == 1  # nothing to undo yet
    before_files = snapshot(initialised)
    before = read_outputs(run)
    assert json.loads(before["review"]) and json.loads(before["search"])

    result = run("encrypt")

    assert result.exit_code == 0, result.output
    assert f"Encrypted {len(before_files)} files" in result.output
    after = snapshot(initialised)
    plain = [p for p in after if not p.endswith(".age") and p != vault.MARKER]
    assert plain == [], plain
    assert read_outputs(run) == before
    doctor = run("doctor").output
    assert "decrypt" not in doctor and "plain file" not in doctor, doctor
    words = [w.encode() for w in (*WORDS, "draftword", "oachword", "Be present with my kids")]
    found = every_file(tmp_path / "home", tmp_path / "cache", tmp_path / "config")
    leaks = [(p, w) for p, data in found.items() for w in words if w in data]
    assert leaks == []

    result = run("decrypt")

    assert result.exit_code == 0, result.output
    assert snapshot(initialised) == before_files
    assert read_outputs(run) == before


def test_the_age_tool_reads_an_entry_with_the_exported_key(run, encrypted: Path) -> None:
    age = age_tool()
    run("write", "--set", "mood=4", input="Words for the age tool.\n")
    backup = encrypted.parent / "backup-key.txt"

    result = run("key", "export", str(backup))

    assert result.exit_code == 0, result.output
    assert "without it" in result.stderr
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    sealed = entry_file(encrypted, "2026-11-21-evening").with_suffix(".md.age")
    shown = subprocess.run(
        [age, "-d", "-i", str(backup), str(sealed)], capture_output=True, check=True
    )
    assert b"Words for the age tool." in shown.stdout
    assert shown.stdout.startswith(b"---\ndate: 2026-11-21\n")
    again = run("key", "export", str(backup))
    assert again.exit_code == 2 and "already exists" in one_error_line(again)


def test_a_file_the_age_tool_encrypted_reads_as_an_entry(run, encrypted: Path) -> None:
    age = age_tool()
    plain = put(encrypted.parent / "elsewhere", "2026-11-19", "Sealed by hand.")
    target = entry_file(encrypted, "2026-11-19-evening").with_suffix(".md.age")
    target.parent.mkdir(parents=True, exist_ok=True)
    recipient = run("key", "show").output.strip()
    subprocess.run([age, "-r", recipient, "-o", str(target), str(plain)], check=True)

    result = run("show", "2026-11-19")

    assert result.exit_code == 0, result.output
    assert "Sealed by hand." in result.output


def test_a_second_machine_reads_the_diary_after_key_import(
    run, encrypted: Path, tmp_path: Path, monkeypatch
) -> None:
    run("write", "--set", "mood=5", input="Across machines.\n")
    backup = tmp_path / "key-backup.txt"
    assert run("key", "export", str(backup)).exit_code == 0
    monkeypatch.setenv("KAPDIARY_CONFIG", str(tmp_path / "laptop" / "config.toml"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "laptop-cache"))
    files = snapshot(encrypted)

    refused = run("review")

    assert refused.exit_code == 1
    assert "key import" in one_error_line(refused)
    assert snapshot(encrypted) == files

    imported = run("key", "import", str(backup))
    result = run("review")

    assert imported.exit_code == 0 and "This diary opens with it." in imported.output
    assert result.exit_code == 0 and "Across machines." in result.output


def test_a_wrong_or_missing_key_is_one_line_and_changes_nothing(run, encrypted: Path) -> None:
    run("write", "--set", "mood=5", input="Keep me.\n")
    key = key_file(encrypted)
    other = keys.parse(key.read_text(), key)
    from pyrage import x25519

    stranger = x25519.Identity.generate()
    files = snapshot(encrypted)
    key.write_text(f"# public key: someone else's\n{stranger}\n")
    for command in (("review",), ("search", "keep"), ("decrypt",), ("progress",), ("doctor",)):
        result = run(*command)
        assert result.exit_code == 1, (command, result.output)
        assert "is not this diary's" in one_error_line(result)
    key.unlink()
    for command in (("review",), ("decrypt",), ("write", "--set", "mood=3")):
        result = run(*command, input="More words.\n")
        assert result.exit_code == 1, (command, result.output)
        assert "key is not on this machine" in one_error_line(result)
    assert snapshot(encrypted) == files
    del other


def test_a_damaged_age_file_is_skipped_with_a_warning_and_named_by_doctor(
    run, encrypted: Path
) -> None:
    run("write", "--date", "2026-11-20", "--set", "mood=5", input="Still fine.\n")
    run("write", "--set", "mood=6", input="About to break.\n")
    broken = entry_file(encrypted, "2026-11-21-evening").with_suffix(".md.age")
    data = broken.read_bytes()
    broken.write_bytes(data[:-20] + bytes(20))

    review = run("review", "--since", "2026-11-01")
    search = run("search", "fine")
    doctor = run("doctor")

    assert review.exit_code == 0, review.output
    assert "Still fine." in review.output
    assert "2026-11-21-evening.md.age" in review.output
    assert "cannot be decrypted" in review.output
    assert search.exit_code == 0 and "Still fine" in search.output
    assert doctor.exit_code == 1
    assert "2026-11-21-evening.md.age" in doctor.output
    assert "cannot be decrypted" in doctor.output


def test_doctor_names_plain_files_in_an_encrypted_diary_and_a_stopped_migration(
    run, encrypted: Path
) -> None:
    stray = put(encrypted, "2026-11-18", "Left in clear.")
    marker = encrypted / vault.MARKER
    marker.write_text(marker.read_text() + 'unfinished = "encrypt"\n')

    result = run("doctor")

    assert result.exit_code == 1
    assert "entries/2026/11/2026-11-18-evening.md" in result.output
    assert "plain file in an encrypted diary" in result.output
    assert "run `kapdiary encrypt` again" in result.output

    assert run("encrypt").exit_code == 0
    assert not stray.exists() and vault.sealed(stray).is_file()
    after = run("doctor").output
    assert "plain file" not in after and "encrypt` again" not in after


def test_a_passphrase_protects_the_key_and_is_asked_once_per_command(
    run, initialised: Path
) -> None:
    result = run("encrypt", "--passphrase", input="correct horse\ncorrect horse\n")
    assert result.exit_code == 0, result.output
    key = key_file(initialised)
    assert key.read_bytes().startswith(b"age-encryption.org/v1\n-> scrypt")
    # The passphrase is asked first (on the terminal, when there is one), then the words.
    wrote = run("write", "--set", "mood=5", input="correct horse\nBehind a passphrase.\n")

    wrong = run("review", input="battery staple\n")
    right = run("review", input="correct horse\n")

    assert wrote.exit_code == 0, wrote.output
    assert wrong.exit_code == 1 and "Traceback" not in wrong.output
    said = wrong.stderr.split("Passphrase for your diary's key:")[-1].strip().splitlines()
    assert len(said) == 1 and "that passphrase does not open the key" in said[0]
    assert right.exit_code == 0 and "Behind a passphrase." in right.output
    assert right.output.count("Passphrase for your diary's key") == 1


def test_a_passphrase_is_kept_in_the_keyring_until_its_time_is_up(
    run, initialised: Path, tmp_path: Path, monkeypatch
) -> None:
    keyring = pytest.importorskip("keyring")
    from keyring.backend import KeyringBackend

    class FolderKeyring(KeyringBackend):
        """A keyring kept in a file of the test's folder (the OS's is not the test's)."""

        priority = 1  # type: ignore[assignment]
        file = tmp_path / "keyring.json"

        def _all(self) -> dict[str, str]:
            return json.loads(self.file.read_text()) if self.file.exists() else {}

        def get_password(self, service: str, username: str) -> str | None:
            return self._all().get(f"{service}/{username}")

        def set_password(self, service: str, username: str, password: str) -> None:
            self.file.write_text(json.dumps({**self._all(), f"{service}/{username}": password}))

        def delete_password(self, service: str, username: str) -> None:
            kept = self._all()
            kept.pop(f"{service}/{username}")
            self.file.write_text(json.dumps(kept))

    previous = keyring.get_keyring()
    keyring.set_keyring(FolderKeyring())
    try:
        run("encrypt", "--passphrase", input="tide pool\ntide pool\n")
        first = run("write", "--set", "mood=5", input="tide pool\nRemembered a while.\n")
        second = run("review", input="")
        stored = json.loads(FolderKeyring.file.read_text())
        (name,) = stored
        until, _, secret = stored[name].partition("\n")
        stored[name] = f"{float(until) - keys.KEYRING_SECONDS - 1}\n{secret}"
        FolderKeyring.file.write_text(json.dumps(stored))
        expired = run("review", input="")
    finally:
        keyring.set_keyring(previous)

    assert "Passphrase" in first.output and first.exit_code == 0
    assert second.exit_code == 0 and "Passphrase" not in second.output
    assert "Remembered a while." in second.output
    assert expired.exit_code != 0 and "Passphrase" in expired.output
    assert json.loads(FolderKeyring.file.read_text()) == {}


def test_the_editor_copy_is_private_and_removed_and_swap_files_are_warned_of_once(
    run, encrypted: Path, fake_editor
) -> None:
    editor = fake_editor("path.write_text(text.replace('## What came up for me today?\\n', "
                         "'## What came up for me today?\\nOtter notes.\\n'))")  # fmt: skip

    first = run("write", "--editor")
    second = run("edit", "2026-11-21")

    assert first.exit_code == 0, first.output
    assert "noswapfile" in first.output
    assert second.exit_code == 0, second.output
    assert "noswapfile" not in second.output
    (copy, mode), _ = editor.calls
    assert not copy.is_relative_to(encrypted) and mode == 0o600
    assert stat.S_IMODE(copy.parent.stat().st_mode) == 0o700 if copy.parent.exists() else True
    assert not copy.exists() and copy.name.endswith(".md")
    sealed = entry_file(encrypted, "2026-11-21-evening").with_suffix(".md.age")
    assert opened(sealed).count("Otter notes.") == 2
    kept = list((encrypted / ".history").rglob("*-replaced.md.age"))
    assert len(kept) == 1 and opened(kept[0]).count("Otter notes.") == 1
    assert list((encrypted / ".history").rglob("*.md")) == []


def test_a_guided_draft_is_encrypted_while_it_is_written(
    run, encrypted: Path, writer_process
) -> None:
    import signal
    import time

    writer = writer_process("write", "--guided")
    writer.type("6", "7", "", "", "", "3", "", "", "", "", "family", "Pelican thoughts.")
    deadline = time.monotonic() + 30
    draft = None
    while time.monotonic() < deadline and draft is None:
        for path in (encrypted / "drafts").glob("*.md.age"):
            try:
                if "Pelican thoughts." in opened(path):
                    draft = path
            except Exception:  # noqa: BLE001 - being replaced at this very moment
                continue
        time.sleep(0.02)
    writer.process.send_signal(signal.SIGTERM)
    code, out, err = writer.finish()

    assert draft is not None, (out, err)
    assert code == 130
    assert list((encrypted / "drafts").glob("*.md")) == []
    assert b"Pelican" not in draft.read_bytes()
    result = run("drafts", "--json")
    assert result.exit_code == 0 and json.loads(result.output)[0]["name"].endswith(
        "-evening-" + draft.name[-13:-7]
    )


def test_intentions_templates_and_exports_in_an_encrypted_diary(
    run, encrypted: Path, tmp_path: Path
) -> None:
    import pyrage

    added = run("intention", "add", "Walk by the river")
    template = tmp_path / "mine.md"
    template.write_text("---\ntitle: Lantern check-in\n---\n\n## What did the lantern show?\n")
    imported = run("template", "import", str(template), "--name", "lantern")
    written = run("write", "lantern", input="Lantern light.\n")
    coach = pyrage.x25519.Identity.generate()
    out = tmp_path / "for-coach.html"
    exported = run("export", "--yes", "-o", str(out), "--encrypt-to", str(coach.to_public()))
    bad = run("export", "--yes", "--encrypt-to", "age1nope")

    assert added.exit_code == 0 and imported.exit_code == 0, imported.output
    assert written.exit_code == 0, written.output
    assert (encrypted / "templates" / "lantern.md.age").is_file()
    assert "Walk by the river" in opened(encrypted / "intentions.toml.age")
    assert exported.exit_code == 0, exported.output
    sealed = out.with_name("for-coach.html.age")
    assert not out.exists() and sealed.is_file()
    assert b"Lantern light." in bytes(pyrage.decrypt(sealed.read_bytes(), [coach]))
    assert (encrypted / "export.toml.age").is_file()
    assert bad.exit_code == 2 and "not an age recipient" in one_error_line(bad)
    listed = run("intention", "list", "--json")
    assert "Walk by the river" in listed.output


def test_key_show_gives_the_recipient_and_a_plain_diary_says_how_to_encrypt(
    run, initialised: Path
) -> None:
    plain = run("key", "show")
    assert plain.exit_code == 1 and "kapdiary encrypt" in one_error_line(plain)
    assert run("decrypt").output.startswith("The diary at")

    run("encrypt")
    shown = run("key", "show")
    as_json = json.loads(run("key", "show", "--json").output)

    assert shown.output.strip() == as_json["recipient"]
    assert shown.output.startswith("age1") and as_json["key_here"] is True
    assert "already encrypted" in run("encrypt").output


# --- the parsers: hypothesis ----------------------------------------------------------------


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_any_text_as_an_identity_file_is_a_key_or_one_clear_error(
    tmp_path: Path, text: str
) -> None:
    from kapdiary.errors import KapdiaryError

    try:
        found = keys.parse(text, tmp_path / "key.txt")
    except KapdiaryError as exc:
        assert "AGE-SECRET-KEY-1" in exc.message
    else:
        assert str(found.to_public()).startswith("age1")


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_any_encryption_toml_is_a_lock_or_one_clear_error(tmp_path: Path, text: str) -> None:
    from kapdiary.errors import KapdiaryError

    folder = tmp_path / "h"
    folder.mkdir(exist_ok=True)
    (folder / vault.MARKER).write_text(text, encoding="utf-8")
    try:
        held = vault.lock(folder)
    except KapdiaryError as exc:
        assert str(folder / vault.MARKER) in exc.message
    else:
        assert held is not None and held.recipient.startswith("age1")


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=2000))
def test_any_text_saved_in_an_encrypted_diary_reads_back_the_same(
    tmp_path: Path, text: str
) -> None:
    from kapdiary.errors import KapdiaryError

    folder = tmp_path / "diary"
    folder.mkdir(exist_ok=True)
    if not (folder / vault.MARKER).exists():
        made = keys.generate()
        vault.write_lock(folder, vault.Lock(made.recipient))
    target = vault.name(folder / "notes.md")
    try:
        vault.save(target, text)
    except KapdiaryError:
        assert any(0xD800 <= ord(c) <= 0xDFFF for c in text)  # not UTF-8: refused, said
        return
    assert target.name == "notes.md.age"
    assert vault.read_text(target) == text


def test_the_index_is_never_a_plain_file_on_disk_and_works_without_a_ram_folder(
    run, encrypted: Path, tmp_path: Path, monkeypatch
) -> None:
    from kapdiary.index import sealed
    from kapdiary.locations import Home

    run("write", "--set", "mood=6", input="Narwhal morning.\n")
    plain_index = Home(encrypted, "test").index_file
    ram = sealed.memory_folder()
    assert not plain_index.exists()
    assert sealed.path(Home(encrypted, "test")).is_file()
    if ram is not None:  # Linux: the working copy is in a tmpfs folder of the user's own
        assert sealed._in_ram(ram) and stat.S_IMODE(ram.stat().st_mode) == 0o700
        assert (ram / plain_index.name).is_file()
    with monkeypatch.context() as system_without_one:
        system_without_one.setattr(sealed, "memory_folder", lambda: None)
        found = run("search", "narwhal", "--json")
        run("write", "--date", "2026-11-20", "--set", "mood=4", input="Narwhal evening.\n")
        again = run("search", "narwhal", "--json")

    assert json.loads(found.stdout)["total"] == 1
    assert json.loads(again.stdout)["total"] == 2
    cache = sorted(p.name for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert cache == [sealed.path(Home(encrypted, "test")).name]


def test_a_stale_working_copy_is_never_served(run, encrypted: Path) -> None:
    from kapdiary.index import sealed

    if sealed.memory_folder() is None:
        pytest.skip("no RAM-backed folder on this system")
    run("write", "--set", "mood=6", input="Orca one.\n")
    assert json.loads(run("search", "orca", "--json").stdout)["total"] == 1
    sealed_file = sealed.path(__import__("kapdiary.locations").locations.Home(encrypted, "t"))
    before = sealed_file.read_bytes()
    run("write", "--date", "2026-11-20", "--set", "mood=4", input="Orca two.\n")
    assert json.loads(run("search", "orca", "--json").stdout)["total"] == 2
    sealed_file.write_bytes(before)  # another process's older index put back

    assert json.loads(run("search", "orca", "--json").stdout)["total"] == 2


def test_delete_restore_and_import_keep_an_encrypted_diary_encrypted(
    run, encrypted: Path, tmp_path: Path
) -> None:
    run("write", "--date", "2026-11-20", "--set", "mood=5", input="Kestrel hovering.\n")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "2026-11-10.md").write_text(
        "---\ndate: 2026-11-10\n---\n\nGannet diving, written elsewhere.\n"
    )

    deleted = run("delete", "2026-11-20", "--yes")
    kept = list((encrypted / ".history").rglob("*-deleted.md.age"))
    kept_text = opened(kept[0]) if len(kept) == 1 else ""
    restored = run("restore", "2026-11-20")
    imported = run("import", str(folder), "--yes")

    assert deleted.exit_code == 0, deleted.output
    assert len(kept) == 1 and "Kestrel hovering." in kept_text
    assert restored.exit_code == 0, restored.output
    back = entry_file(encrypted, "2026-11-20-evening").with_suffix(".md.age")
    assert "Kestrel hovering." in opened(back)
    assert imported.exit_code == 0, imported.output
    new = [p for p in (encrypted / "entries").rglob("*") if p.is_file()]
    assert new and all(p.name.endswith(".md.age") for p in new), new
    assert json.loads(run("search", "gannet", "--json").stdout)["total"] == 1
