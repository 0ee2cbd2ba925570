"""Dates kapdiary writes never depend on the machine's locale.

``%b``/``%B``/``%a``/``%A``/``%p``/``%c``/``%x`` name months, weekdays or times in the
locale's language, so a coach would get "21 Nov" from one machine and "21 nov." from
another. Every such name comes from ``render.format`` (kapdiary's own table, the one the
date parser reads). The scan covers f-string format specs and strftime arguments alike.
"""

from __future__ import annotations

import locale
import re
from datetime import date
from pathlib import Path

import pytest

from kapdiary.export.charts import calendar
from kapdiary.export.files import long_day
from kapdiary.export.words import check_in_day, short_day

SRC = Path(__file__).resolve().parents[1] / "src" / "kapdiary"
LOCALE_DIRECTIVE = re.compile(r"%[-#]?[aAbBhpcxX]")


def test_no_locale_dependent_directive_in_the_source() -> None:
    found = []
    spec = re.compile(r"\{[^{}]*:[^{}]*%[-#]?[aAbBhpcxX][^{}]*\}")  # f"{day:%b}"
    for path in sorted(SRC.rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            called = "strftime" in line and LOCALE_DIRECTIVE.search(line)
            if called or spec.search(line):
                found.append(f"{path.relative_to(SRC)}:{number}: {line.strip()}")
    assert not found, "locale-dependent date formats:\n" + "\n".join(found)


def _other_locale() -> str | None:
    for name in ("de_DE.UTF-8", "fr_FR.UTF-8", "es_ES.UTF-8", "nl_NL.UTF-8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
        except locale.Error:
            continue
        return name
    return None


@pytest.fixture
def foreign_time_locale():  # type: ignore[no-untyped-def]
    before = locale.setlocale(locale.LC_TIME)
    yield _other_locale()
    locale.setlocale(locale.LC_TIME, before)


def test_export_dates_are_kapdiarys_own_names(foreign_time_locale: str | None) -> None:
    # Whatever the machine's LC_TIME (a foreign one when the machine has any), the words
    # are the same English ones the date parser reads back.
    day = date(2026, 11, 21)
    assert short_day(day) == "21 Nov"
    assert check_in_day(day) == "21 Nov 2026"
    assert long_day(day) == "21 November 2026"
    grid = calendar({day: 1}, date(2026, 11, 1), date(2026, 11, 30), [])
    assert "<caption>November 2026</caption>" in grid
    assert 'title="21 Nov: 1 entry"' in grid or "21 Nov: 1 entry" in grid
