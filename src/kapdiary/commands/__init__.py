"""The bodies of the reading commands (`review`, `show`, `search`, `progress`), free of Typer.

The Typer commands in ``kapdiary.cli`` parse their options and call these; so does the
quick start in ``kapdiary.launch``, which runs the plain forms of these commands without
importing Typer at all (about half of a reading command's time, docs/performance.md).
Like ``cli``, they print (through ``render``) and hold no sentence of their own
(``messages``). Only the standard library, ``kapdiary``'s own modules and, on a terminal,
Rich (under ``render``) are imported here.

- ``context`` — what every command needs: ``State`` (home, config, clock), ``echo``,
  ``notice``, ``print_json``, the index opened with its bar and notices.
- ``reading`` — review, show, search.
- ``progress`` — progress.
"""
