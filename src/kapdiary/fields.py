"""Template field types: what each asks, what it accepts, and how an answer is read.

To add a field type, write a subclass of ``FieldType`` and add it to ``FIELD_TYPES``;
templates, guided writing, ``--set`` and ``template check`` all go through this registry.
"""

from __future__ import annotations

import math
import re
from typing import Any, ClassVar

from kapdiary.errors import UsageError
from kapdiary.messages import writing as said
from kapdiary.patterns import lazy
from kapdiary.plain import Plain

RATING_RANGE = (0, 10)
KEY = lazy(r"^[a-z][a-z0-9_]*$")
# Keys kapdiary writes itself; a template field cannot take them.
RESERVED_KEYS = {
    "date",
    "time",
    "template",
    "private",
    "title",
    "intention_notes",
    "session",
    "score",
    "severity",
}
SCORE_KEY, SEVERITY_KEY = "score", "severity"  # a scored questionnaire's total and band


class Field(Plain):
    key: str
    type: str
    prompt: str
    help: str | None
    min: float | None
    max: float | None
    options: list[str]
    areas: list[str] | None  # for `areas`: a subset; None means all of the user's
    notes: bool  # for `intentions`: ask a one-line note after each rating
    unit: str | None
    # for `scored`: the questions (item key -> words), the bands (lowest score, name) in
    # order, a short name for charts, and the items whose answer above 0 asks for care
    items: dict[str, str]
    bands: list[tuple[int, str]]
    label: str | None
    safety: list[str]
    line: int  # where the field is defined in its template, for error messages

    _fields = (
        "key",
        "type",
        "prompt",
        "help",
        "min",
        "max",
        "options",
        "areas",
        "notes",
        "unit",
        "items",
        "bands",
        "label",
        "safety",
        "line",
    )

    def __init__(
        self,
        key: str,
        type: str,
        prompt: str,
        help: str | None = None,
        min: float | None = None,
        max: float | None = None,
        options: list[str] | None = None,
        areas: list[str] | None = None,
        notes: bool = True,
        unit: str | None = None,
        items: dict[str, str] | None = None,
        bands: list[tuple[int, str]] | None = None,
        label: str | None = None,
        safety: list[str] | None = None,
        line: int = 0,
    ) -> None:
        self.key = key
        self.type = type
        self.prompt = prompt
        self.help = help
        self.min = min
        self.max = max
        self.options = [] if options is None else options
        self.areas = areas
        self.notes = notes
        self.unit = unit
        self.items = {} if items is None else items
        self.bands = [] if bands is None else bands
        self.label = label
        self.safety = [] if safety is None else safety
        self.line = line

    @property
    def kind(self) -> FieldType:
        return FIELD_TYPES[self.type]

    def describe(self) -> str:
        return self.kind.describe(self)

    def parse(self, raw: str) -> Any:
        """Read a typed answer; raise UsageError naming the field and what it accepts."""
        return self.kind.parse(self, raw.strip())


def bad_value(f: Field, raw: str) -> UsageError:
    return UsageError(said.not_accepted(f.key, raw, f.describe()))


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def _tidy(value: float) -> int | float:
    return value if isinstance(value, int) else int(value) if float(value).is_integer() else value


def parse_rating(raw: str, what: str) -> int:
    """A 0–10 rating for an intention or a life area."""
    low, high = RATING_RANGE
    value = _number(raw.strip())
    if value is None or not value.is_integer() or not low <= value <= high:
        raise UsageError(said.rating_not_accepted(what, raw))
    return int(value)


def _listed(options: list[str], first: int) -> str:
    """``1 low, 2 high``: the options with the numbers they are answered by."""
    return ", ".join(f"{n} {o}" for n, o in enumerate(options, first))


def _option_number(f: Field, raw: str, first: int, where: str | None = None) -> int | None:
    """Which option an answer means (kapdiary.choices: its number, words or their start);
    None when it fits none; an answer that fits several is refused, naming them."""
    from kapdiary.choices import AmbiguousAnswer, match
    from kapdiary.messages.answers import ambiguous

    found = match(f.options, raw, first)
    if found.ambiguous:
        named = [f.options[n] for n in found.candidates]
        raise AmbiguousAnswer(ambiguous(where or f.key, raw, named))
    return found.index


class FieldType:
    name: ClassVar[str]
    summary: ClassVar[str]  # for `template check` and the template reference
    # How a YAML list (from the editor or a draft) is joined into one answer to parse.
    joiner: ClassVar[str] = ", "

    def describe(self, f: Field) -> str:
        raise NotImplementedError

    def parse(self, f: Field, raw: str) -> Any:
        raise NotImplementedError

    def check(self, f: Field) -> list[str]:
        """Problems with the field's definition, each with the fix."""
        return []


class Scale(FieldType):
    name, summary = "scale", said.accepts_a_scale()

    def bounds(self, f: Field) -> tuple[int, int]:
        return int(f.min if f.min is not None else 0), int(f.max if f.max is not None else 10)

    def describe(self, f: Field) -> str:
        low, high = self.bounds(f)
        return said.accepts_whole_number(low, high)

    def parse(self, f: Field, raw: str) -> int:
        low, high = self.bounds(f)
        value = _number(raw)
        if value is None or not value.is_integer() or not low <= value <= high:
            raise bad_value(f, raw)
        return int(value)

    def check(self, f: Field) -> list[str]:
        low, high = self.bounds(f)
        if low >= high:
            return [said.scale_min_not_below_max(low, high)]
        return []


class Number(FieldType):
    name, summary = "number", said.accepts_a_number()

    def describe(self, f: Field) -> str:
        unit = f" ({f.unit})" if f.unit else ""
        if f.min is not None and f.max is not None:
            return said.accepts_number_between(_tidy(f.min), _tidy(f.max), unit)
        if f.min is not None:
            return said.accepts_number_at_least(_tidy(f.min), unit)
        if f.max is not None:
            return said.accepts_number_up_to(_tidy(f.max), unit)
        return f"a number{unit}"

    def parse(self, f: Field, raw: str) -> int | float:
        text = raw.lower().removesuffix((f.unit or "").lower()).strip() if f.unit else raw
        value = _number(text)
        if value is None:
            raise bad_value(f, raw)
        if (f.min is not None and value < f.min) or (f.max is not None and value > f.max):
            raise bad_value(f, raw)
        return _tidy(value)

    def check(self, f: Field) -> list[str]:
        if f.min is not None and f.max is not None and f.min > f.max:
            return [said.min_above_max(_tidy(f.min), _tidy(f.max))]
        return []


class Choice(FieldType):
    name, summary = "choice", said.accepts_one_option()

    def describe(self, f: Field) -> str:
        return said.accepts_one_of(_listed(f.options, 1))

    def pick(self, f: Field, raw: str) -> str | None:
        number = _option_number(f, raw, 1)
        return None if number is None else f.options[number]

    def parse(self, f: Field, raw: str) -> str:
        option = self.pick(f, raw)
        if option is None:
            raise bad_value(f, raw)
        return option

    def check(self, f: Field) -> list[str]:
        if not f.options:
            return [said.choice_needs_options()]
        if len({o.lower() for o in f.options}) != len(f.options):
            return [said.options_not_distinct()]
        return []


class Multi(Choice):
    name, summary = "multi", said.accepts_any_options()

    def describe(self, f: Field) -> str:
        return said.accepts_any_of(_listed(f.options, 1))

    def parse(self, f: Field, raw: str) -> list[str]:  # type: ignore[override]
        picked: list[str] = []
        for part in re.split(r"[,;]", raw):
            if not part.strip():
                continue
            option = self.pick(f, part)
            if option is None:
                raise bad_value(f, part.strip())
            picked.append(option)
        return list(dict.fromkeys(picked))


class YesNo(FieldType):
    name, summary = "yesno", said.accepts_yes_no()
    YES: ClassVar[set[str]] = {"y", "yes", "true", "1"}
    NO: ClassVar[set[str]] = {"n", "no", "false", "0"}

    def describe(self, f: Field) -> str:
        return said.accepts_yes_no_short()

    def parse(self, f: Field, raw: str) -> bool:
        text = raw.lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        raise bad_value(f, raw)


class Text(FieldType):
    name, summary = "text", said.accepts_a_line()

    def describe(self, f: Field) -> str:
        return said.accepts_a_line()

    def parse(self, f: Field, raw: str) -> str:
        if "\n" in raw:
            raise UsageError(said.takes_one_line(f.key))
        if not raw:
            raise bad_value(f, raw)
        return raw


class Tags(FieldType):
    name, summary = "tags", said.accepts_tags()

    def describe(self, f: Field) -> str:
        return said.accepts_tags_by_commas()

    def parse(self, f: Field, raw: str) -> list[str]:
        tags = [t.strip().lstrip("#").lower() for t in re.split(r"[,\s]+", raw)]
        tags = [t for t in tags if t]
        bad = [t for t in tags if not re.fullmatch(r"[\w-]+", t)]
        if bad or not tags:
            raise bad_value(f, raw)
        return list(dict.fromkeys(tags))


class Lines(FieldType):
    """A few short lines, each its own answer: kept as a list, in the order given.

    Guided writing asks for one per line; ``--set`` and a plain line in the editor separate
    them with ``;``. A field with the key ``new_intentions`` is also offered, line by line,
    as new intentions once the entry is saved (see ``writing.intentions_to_offer``).
    """

    name, summary = "list", said.accepts_a_list()
    joiner = "\n"
    SPLIT: ClassVar[re.Pattern[str]] = lazy(r"[;\n]")

    def describe(self, f: Field) -> str:
        return said.accepts_a_list_by_semicolons()

    def parse(self, f: Field, raw: str) -> list[str]:
        items = [part.strip() for part in self.SPLIT.split(raw)]
        items = [item for item in items if item]
        if not items:
            raise bad_value(f, raw)
        return list(dict.fromkeys(items))


class Scored(FieldType):
    """A questionnaire scored as the sum of its items (PHQ-9, GAD-7, a coach's own scale).

    Each item is answered with one of ``options``, by its number (the option's score: 0 for
    the first) or its words. The answers are kept under the field's key, item by item, and
    the entry gets ``score`` (their sum) and ``severity`` (the band the score falls in).
    """

    name, summary = "scored", said.accepts_a_questionnaire()

    def describe(self, f: Field) -> str:
        return said.accepts_each_question(_listed(f.options, 0))

    def parse(self, f: Field, raw: str) -> dict[str, int]:
        first = next(iter(f.items), "ITEM")
        raise UsageError(said.one_question_at_a_time(f.key, first))

    def highest(self, f: Field) -> int:
        return (len(f.options) - 1) * len(f.items)

    def check(self, f: Field) -> list[str]:
        problems: list[str] = []
        if len(f.options) < 2:
            problems.append(said.questionnaire_needs_options())
        if not f.items:
            problems.append(said.questionnaire_needs_items())
        bad = [key for key in f.items if not KEY.match(key)]
        if bad:
            problems.append(said.item_key_not_lowercase(bad[0]))
        starts = [low for low, _ in f.bands]
        if not f.bands:
            problems.append(said.questionnaire_needs_bands())
        elif starts[0] != 0 or starts != sorted(set(starts)):
            problems.append(said.bands_start_at_zero())
        elif f.items and len(f.options) >= 2 and starts[-1] > self.highest(f):
            problems.append(said.band_above_highest(starts[-1], self.highest(f)))
        unknown = [key for key in f.safety if key not in f.items]
        if unknown:
            problems.append(said.safety_item_unknown(unknown[0]))
        return problems


def answer(f: Field, item: str, raw: str) -> int:
    """One item of a scored questionnaire: the answer's number (its score) or its words."""
    number = _option_number(f, raw, 0, f"{f.key}.{item}")
    if number is None:
        listed = _listed(f.options, 0)
        raise UsageError(said.answer_not_accepted(f.key, item, raw.strip(), listed))
    return number


def score(f: Field, answers: dict[str, int]) -> tuple[int, str] | None:
    """The total and its band, once every item has an answer."""
    if not f.items or any(key not in answers for key in f.items):
        return None
    total = sum(answers[key] for key in f.items)
    return total, band(f, total)


def band(f: Field, total: float) -> str:
    name = f.bands[0][1] if f.bands else ""
    for low, words in f.bands:
        if total >= low:
            name = words
    return name


def needs_care(f: Field, answers: dict[str, Any]) -> bool:
    """Whether an item that asks for care (PHQ-9's ninth) was answered above 0."""
    return any(isinstance(answers.get(key), int) and answers[key] > 0 for key in f.safety)


class Ratings(FieldType):
    """Shared by `intentions` and `areas`: a 0–10 rating per item, asked one by one."""

    def describe(self, f: Field) -> str:
        return said.accepts_ratings()

    def parse(self, f: Field, raw: str) -> dict[str, int]:
        raise UsageError(said.one_rating_at_a_time(f.key))


class IntentionRatings(Ratings):
    name, summary = "intentions", said.accepts_intention_ratings()


class AreaRatings(Ratings):
    name, summary = "areas", said.accepts_area_ratings()


FIELD_TYPES: dict[str, FieldType] = {
    t.name: t
    for t in (
        Scale(),
        Number(),
        Choice(),
        Multi(),
        YesNo(),
        Text(),
        Tags(),
        Lines(),
        Scored(),
        IntentionRatings(),
        AreaRatings(),
    )
}
RATING_TYPES = {"intentions", "areas"}
