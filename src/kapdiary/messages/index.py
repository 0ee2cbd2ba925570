"""What kapdiary says about the index: why the file cannot be used and the fix (index.health),
and folders it cannot read."""

from __future__ import annotations


def disk_full() -> str:
    return "the disk is full"


def free_some_space(folder: object) -> str:
    return f"free some space on the disk that holds {folder}"


def may_not_write_folder() -> str:
    return "kapdiary may not write to its folder"


def make_folder_writable(folder: object) -> str:
    return f"make {folder} writable for yourself (`ls -ld {folder}` shows who owns it)"


def disk_read_only() -> str:
    return "its disk is read-only"


def put_cache_on_writable_disk(or_move: object) -> str:
    return f"put the cache on a writable disk, {or_move}"


def damaged_not_rebuilt() -> str:
    return "it is damaged and could not be rebuilt"


def delete_the_cache(path: object) -> str:
    return f"delete {path} (it is only a cache; kapdiary builds it again)"


def check_folder_or_delete_cache(folder: object, path: object) -> str:
    return f"check {folder}, or delete {path}: it is only a cache"


def kept_busy() -> str:
    return "another kapdiary command kept it busy"


def wait_for_other_command() -> str:
    return "wait for the other command to finish, or close it"


def disk_error() -> str:
    return "the disk reported an error reading or writing it"


def check_disk_or_delete_cache(folder: object, path: object) -> str:
    return f"check the disk that holds {folder}, or delete {path}: it is only a cache"


def check_the_folder(folder: object) -> str:
    return f"check the folder {folder} (`ls -ld {folder}`)"


def folder_in_its_place() -> str:
    return "a folder is in its place"


def move_folder_away(path: object, only_cache: object) -> str:
    return f"move the folder away or delete it (`rm -r {path}`): {only_cache}"


def not_a_file_in_its_place() -> str:
    return "something that is not a file is in its place"


def move_it_away(path: object, only_cache: object) -> str:
    return f"move it away (`rm {path}`): {only_cache}"


def file_where_folder_should_be(folder: object) -> str:
    return f"{folder} is a file where a folder should be"


def move_file_away(or_move: object) -> str:
    return f"move that file away, {or_move}"


def folder_cannot_be_read(folder: object, why: object) -> str:
    return f"{folder} cannot be read ({why})"


def check_permissions(folder: object, or_move: object) -> str:
    return f"check its permissions (`ls -ld {folder}`), {or_move}"


def cannot_read_folder(folder: object, why: object) -> str:
    return f"cannot read the folder {folder}: {why}; check its permissions"


def folder_links_outside_diary(folder: object, target: object) -> str:
    return (
        f"{folder} is a link to {target}, outside the diary; kapdiary reads only the diary's "
        "own files: move that folder into the diary in place of the link"
    )


def does_not_exist(path: object) -> str:
    return f"{path} does not exist"


def cannot_read_check_permissions(path: object, why: object) -> str:
    return f"cannot read {path}: {why}; check its permissions"


def index_closed() -> str:
    return "the index is closed"


def cannot_be_written() -> str:
    return "it cannot be written"


def link_not_read(target: object) -> str:
    return (
        f"a link to {target}; kapdiary does not read links (it could lead out of the diary): "
        "put the file itself here in place of the link"
    )


def dangling_link(target: object) -> str:
    return f"a link to {target}, which does not exist; remove the link or restore the file"


def sync_conflict_copy(original: object) -> str:
    return (
        f"a copy a sync tool made when {original} changed in two places at once; compare the "
        f"two, keep what you want in {original} and delete the copy"
    )


def another_file() -> str:
    return "another file"


def not_utf8(byte: object) -> str:
    return f"not UTF-8 text (byte {byte}); re-save it as UTF-8 in an editor"


def no_date() -> str:
    return "no date in the front matter or the file name"


def or_move_the_cache() -> str:
    return "or point XDG_CACHE_HOME at a folder of your own"


def only_a_cache() -> str:
    return "it is only a cache; kapdiary builds it again"


def worker_stopped() -> str:
    return (
        "a process reading your entries for the index stopped before it was done; "
        "run the command again (your entries are untouched)"
    )
