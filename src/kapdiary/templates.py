"""Journal templates: built-in ones (the repository's ``templates/``) and the user's own.

A template is Markdown with YAML front matter. The front matter names the fields to ask;
each ``##`` heading in the body is a writing prompt, and the text under it is guidance
shown while writing and never saved. ``{placeholders}`` are filled by plain substitution:
nothing in a template can run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kapdiary.entry import FrontMatterError, split_front_matter
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.fields import FIELD_TYPES, KEY, RATING_TYPES, RESERVED_KEYS, Field
from kapdiary.messages import templates as said
from kapdiary.template_files import NAME as NAME
from kapdiary.template_files import available as available
from kapdiary.template_files import builtin_dir as builtin_dir
from kapdiary.vault import create_new, plain, read_text
from kapdiary.vault import name as name_new
from kapdiary.vault import save as atomic_write

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
PLACEHOLDERS = {
    "date": "the diary day, 2026-11-21",
    "long_date": "the diary day in words, Saturday 21 November 2026",
    "weekday": "the weekday, Saturday",
    "day": "the day of the month, 21",
    "month": "the month, November",
    "year": "the year, 2026",
    "time": "the time of writing, 21:34",
    "template": "the template's name",
    "name": "your name from the config (empty if not set)",
    "session": "the latest session's number, 3 (empty before the first session)",
    "days_since_session": "days since that session, 4 (0 on its day; empty before the first)",
}
# A field's settings in a template: every Field attribute but where it stands in the file.
FIELD_KEYS = set(Field._fields) - {"line"}
TOP_KEYS = {"title", "description", "fields", "follow_with"}


@dataclass(frozen=True)
class Prompt:
    heading: str
    guidance: str


@dataclass
class Template:
    name: str
    path: Path
    builtin: bool
    title: str
    description: str
    fields: list[Field]
    prompts: list[Prompt]
    text: str = ""
    follow_with: list[str] = field(default_factory=list)  # templates offered after saving

    @property
    def scored(self) -> Field | None:
        """The template's scored questionnaire, if it has one (at most one)."""
        return next((f for f in self.fields if f.type == "scored"), None)

    @property
    def source(self) -> str:
        return "built-in" if self.builtin else "yours"


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise UsageError(said.not_a_template_name(name))
    return name


def find(user_dir: Path, name: str) -> Template:
    check_name(name)
    templates = available(user_dir)
    if name not in templates:
        known = ", ".join(templates) or "none"
        raise UsageError(said.no_such_template(name, known))
    path, builtin = templates[name]
    return load(path, builtin=builtin)


def load(path: Path, *, builtin: bool = False) -> Template:
    """Load a template; any problem is an error naming the file, the line and the fix."""
    text = read_text(path)
    problems, template = _parse(text, path, builtin)
    if problems:
        first = problems[0]
        more = said.and_more_problems(len(problems) - 1, path)
        raise KapdiaryError(f"template {path}, {first}" + (more if len(problems) > 1 else ""))
    assert template is not None
    return template


def check(path: Path, text: str | None = None) -> list[Problem]:
    """Every problem in a template file (or in ``text`` read from it), with line and fix."""
    problems, _ = _parse(read_text(path) if text is None else text, path, builtin=False)
    return problems


@dataclass
class _Setting:
    """One ``key: value`` of the front matter: the value, its YAML node and its line."""

    value: Any
    node: Any  # the yaml node: the value's text as written
    line: int


# A field's definition problem (from its type's check) points at this setting when present.
_CHECKED_SETTING = {
    "scale": "min",
    "number": "min",
    "choice": "options",
    "multi": "options",
    "scored": "items",
}


def _parse(text: str, path: Path, builtin: bool) -> tuple[list[Problem], Template | None]:
    problems: list[Problem] = []
    try:
        yaml_text, body, body_line = split_front_matter(text)
    except FrontMatterError as exc:
        return [Problem(exc.line or 1, exc.detail)], None
    top: dict[str, _Setting] = {}
    raw_fields: list[tuple[int, dict[str, _Setting] | None]] | None = None
    if yaml_text is not None:
        body_line += _blank_lines_before_body(text, body_line)
        top, raw_fields = _read_yaml(yaml_text, problems)
    _check_top_keys(top, problems)
    title = _text(top.get("title"), "title", problems) or ""
    description = _text(top.get("description"), "description", problems) or ""
    fields = _read_fields(raw_fields, problems)
    _check_one_scored(fields, problems)
    follow_with = _words(top.get("follow_with"), "follow_with", problems) or []
    for other in follow_with:
        if not NAME.match(other):
            problems.append(Problem(top["follow_with"].line, said.follow_template_name(other)))
    prompts, body_title, title_line = _read_prompts(body, body_line, problems)
    if title:
        _check_placeholders(title, top["title"].line, problems)
    else:
        title = body_title or plain(path).stem.replace("-", " ").capitalize() + " — {long_date}"
        if body_title:
            _check_placeholders(body_title, title_line, problems)
    if not prompts:
        problems.append(
            Problem(
                body_line,
                said.template_sections_add_least(),
            )
        )
    problems.sort(key=lambda p: p.line)
    if problems:
        return problems, None
    template = Template(
        name=plain(path).stem,
        path=path,
        builtin=builtin,
        title=title,
        description=description,
        fields=fields,
        prompts=prompts,
        text=text,
        follow_with=follow_with,
    )
    return [], template


def _check_top_keys(top: dict[str, _Setting], problems: list[Problem]) -> None:
    for key, setting in top.items():
        if key not in TOP_KEYS:
            problems.append(
                Problem(setting.line, said.unknown_key(key, ", ".join(sorted(TOP_KEYS))))
            )


def _check_one_scored(fields: list[Field], problems: list[Problem]) -> None:
    scored = [f for f in fields if f.type == "scored"]
    if len(scored) > 1:
        problems.append(
            Problem(
                scored[1].line,
                said.template_can_one_scored(),
            )
        )


def _blank_lines_before_body(text: str, body_line: int) -> int:
    """Blank lines between the closing ``---`` and the body, which the split drops."""
    parts = text.split("\n", body_line - 1)
    rest = parts[-1] if len(parts) == body_line else ""
    return len(rest) - len(rest.lstrip("\n"))


def _read_yaml(
    yaml_text: str, problems: list[Problem]
) -> tuple[dict[str, _Setting], list[tuple[int, dict[str, _Setting] | None]] | None]:
    """Read the front matter safely: each top key, and each field's settings, with lines.

    Only YAML's plain types are built; a tag such as ``!!python/object`` is a problem,
    never a call.
    """
    import yaml

    loader: Any = None
    try:
        loader = yaml.SafeLoader(yaml_text)  # refuses control characters at once
        root = loader.get_single_node()
        if root is None:
            return {}, None
        loader.construct_document(root)  # refuses every tag that would build an object
        if not isinstance(root, yaml.MappingNode):
            problems.append(Problem(2, said.front_matter_must_key()))
            return {}, None
        top = _mapping(root, loader, problems, "")
        fields = top.get("fields")
        if fields is None or fields.value is None:
            return top, None
        if not isinstance(fields.node, yaml.SequenceNode):
            problems.append(Problem(fields.line, said.fields_must_list_each()))
            return top, None
        items: list[tuple[int, dict[str, _Setting] | None]] = []
        for node in fields.node.value:
            line = node.start_mark.line + 2
            if isinstance(node, yaml.MappingNode):
                items.append((line, _mapping(node, loader, problems, said.in_this_field())))
            else:
                items.append((line, None))
        return top, items
    except yaml.MarkedYAMLError as exc:
        problems.append(_yaml_problem(exc, yaml_text))
    except yaml.YAMLError as exc:
        problems.append(Problem(2, said.valid_yaml_fix_lines(exc)))
    except RecursionError:
        problems.append(Problem(2, said.front_matter_nests_too()))
    except (ValueError, TypeError, OverflowError, IndexError, AttributeError, KeyError) as exc:
        # read, but not a value: `2026-02-30`, `!!int x`, `!!float ""`
        reason = " ".join(str(exc).split())[:100]
        problems.append(Problem(2, said.value_cannot_read_fix(reason)))
    finally:
        if loader is not None:
            loader.dispose()
    return {}, None


def _mapping(node: Any, loader: Any, problems: list[Problem], where: str) -> dict[str, _Setting]:
    settings: dict[str, _Setting] = {}
    for key_node, value_node in node.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in settings:
            problems.append(Problem(line, said.appears_twice_keep_one(key, where)))
        settings[key] = _Setting(loader.construct_object(value_node, deep=True), value_node, line)
    return settings


def _yaml_problem(exc: Any, yaml_text: str) -> Problem:
    """A YAML error in words a coach can act on."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 2 if mark is not None else 2
    problem = str(exc.problem or exc.context or said.not_valid_yaml()).strip()
    lines = yaml_text.split("\n")
    nearby = lines[max(mark.line - 1, 0) : mark.line + 1] if mark is not None else []
    tag = re.search(r"constructor for the tag '([^']*)'", problem)
    if tag:
        name = tag[1].replace("tag:yaml.org,2002:", "!!")
        return Problem(
            line,
            said.yaml_tag_allowed_templates(name),
        )
    if any(re.search(r"^\s*(-\s+)?[\w-]+:\s+\{", text) for text in nearby):
        return Problem(
            line,
            said.value_starts_needs_quotes(),
        )
    if "mapping values are not allowed" in problem:
        return Problem(
            line,
            said.value_needs_quotes_around(),
        )
    if "\\t" in problem or "\t" in problem:
        return Problem(line, said.indent_spaces_tabs())
    return Problem(line, said.fix_the_yaml(problem))


def _text(setting: _Setting | None, what: str, problems: list[Problem]) -> str | None:
    """A text setting exactly as written (``yes`` stays yes, ``10`` stays 10)."""
    if setting is None or setting.value is None:
        return None
    if isinstance(setting.value, dict | list):
        problems.append(
            Problem(
                setting.line,
                said.must_text_if_starts(what),
            )
        )
        return None
    return str(setting.node.value)


def _words(setting: _Setting | None, what: str, problems: list[Problem]) -> list[str] | None:
    """A list of options or areas, each as written; a plain line is a problem with the fix."""
    if setting is None or setting.value is None:
        return None
    if not isinstance(setting.value, list):
        written = _text(setting, what, problems)
        if written is None:
            return None
        parts = [p.strip() for p in written.split(",") if p.strip()]
        problems.append(
            Problem(
                setting.line,
                said.must_list_square_brackets(what, ", ".join(parts)),
            )
        )
        return parts
    words: list[str] = []
    for node, value in zip(setting.node.value, setting.value, strict=True):
        if isinstance(value, dict | list) or value is None:
            problems.append(
                Problem(
                    node.start_mark.line + 2,
                    said.each_must_word_few(what),
                )
            )
        elif not str(node.value).strip():
            problems.append(Problem(node.start_mark.line + 2, said.one_empty(what)))
        else:
            words.append(str(node.value).strip())
    return words


def _read_fields(
    raw: list[tuple[int, dict[str, _Setting] | None]] | None, problems: list[Problem]
) -> list[Field]:
    fields: list[Field] = []
    keys: set[str] = set()
    for line, item in raw or []:
        if item is None:
            problems.append(Problem(line, said.each_field_must_key()))
            continue
        kind = _field_type(line, item, problems)
        if kind is None:
            continue
        key, key_line = _field_key(line, item, kind, problems)
        if key is None:
            continue
        if key in keys:
            problems.append(Problem(key_line, said.field_key_used_twice(key)))
            continue
        keys.add(key)
        before = len(problems)
        f = _build_field(line, item, kind, key, problems)
        if _field_ok(f, item, key_line, before, problems):
            fields.append(f)
    return fields


def _field_type(line: int, item: dict[str, _Setting], problems: list[Problem]) -> str | None:
    """The field's type, None (and a problem) when it has none or an unknown one."""
    types = ", ".join(FIELD_TYPES)
    for extra in item.keys() - FIELD_KEYS:
        problems.append(
            Problem(
                item[extra].line,
                said.unknown_setting_field_can(extra, ", ".join(sorted(FIELD_KEYS))),
            )
        )
    type_setting = item.get("type")
    kind = _text(type_setting, "type", problems) or ""
    if not kind:
        if type_setting is None or type_setting.value is None:
            problems.append(Problem(line, said.field_type_add_type(types)))
        return None
    if kind not in FIELD_TYPES:
        problems.append(Problem(item["type"].line, said.unknown_field_type_one(kind, types)))
        return None
    return kind


def _field_key(
    line: int, item: dict[str, _Setting], kind: str, problems: list[Problem]
) -> tuple[str | None, int]:
    """The field's key and its line; None (and a problem) when it cannot be used."""
    key = _text(item.get("key"), "key", problems) or (kind if kind in RATING_TYPES else "")
    key_line = item["key"].line if "key" in item else line
    if not key:
        problems.append(Problem(line, said.field_key_add_one()))
        return None, key_line
    if not KEY.match(key):
        problems.append(
            Problem(
                key_line,
                said.field_key_must_lowercase(key),
            )
        )
        return None, key_line
    if key in RESERVED_KEYS or (kind in RATING_TYPES and key != kind):
        problems.append(Problem(key_line, said.key_own_choose_another(key)))
        return None, key_line
    if key in RATING_TYPES and kind != key:
        problems.append(Problem(key_line, said.key_type_choose_another(key)))
        return None, key_line
    return key, key_line


def _build_field(
    line: int, item: dict[str, _Setting], kind: str, key: str, problems: list[Problem]
) -> Field:
    """The field from its settings, each read with its own problems."""
    prompt = _text(item.get("prompt"), "prompt", problems)
    help_text = _text(item.get("help"), "help", problems)
    unit = _text(item.get("unit"), "unit", problems)
    options = _words(item.get("options"), "options", problems)
    areas = _words(item.get("areas"), "areas", problems)
    low = _number(item.get("min"), "min", problems)
    high = _number(item.get("max"), "max", problems)
    label = _text(item.get("label"), "label", problems)
    safety = _words(item.get("safety"), "safety", problems)
    questions = _questions(item.get("items"), problems)
    bands = _bands(item.get("bands"), problems)
    notes = item.get("notes")
    if notes is not None and not isinstance(notes.value, bool):
        problems.append(Problem(notes.line, said.notes_must_yes_notes()))
    return Field(
        key=key,
        type=kind,
        prompt=prompt or key.replace("_", " ").capitalize(),
        help=help_text or None,
        min=low,
        max=high,
        options=options or [],
        areas=areas or None,
        notes=notes.value if notes is not None and isinstance(notes.value, bool) else True,
        unit=unit or None,
        items=questions,
        bands=bands,
        label=label or None,
        safety=safety or [],
        line=line,
    )


def _field_ok(
    f: Field, item: dict[str, _Setting], key_line: int, before: int, problems: list[Problem]
) -> bool:
    """Whether the field built is right for its type (a problem for each thing that is
    not); ``before`` is how many problems there were before its settings were read."""
    if f.type != "scored":
        for only in sorted(item.keys() & {"items", "bands", "safety"}):
            problems.append(Problem(item[only].line, said.type_scored_fields_remove(only)))
    if len(problems) > before:
        return False  # a setting is unreadable; the type's own check would only repeat it
    built_in = _built_in_problem(f)
    if built_in:
        problems.append(Problem(key_line, built_in))
        return False
    checked = item.get(_CHECKED_SETTING.get(f.type, ""))
    problems += [Problem(checked.line if checked else f.line, p) for p in f.kind.check(f)]
    written = _text(item.get("prompt"), "prompt", [])  # as written: not the default prompt
    if written:
        _check_placeholders(written, item["prompt"].line, problems)
    if f.help:
        _check_placeholders(f.help, item["help"].line, problems)
    return True


# Keys kapdiary itself reads with a fixed meaning: (type, min, max) a template must keep.
BUILT_IN_FIELDS: dict[str, tuple[str, float | None, float | None]] = {
    "mood": ("scale", 1, 10),
    "tags": ("tags", None, None),
}


def _built_in_problem(f: Field) -> str | None:
    """A template may ask for ``mood`` or ``tags``, but only as kapdiary reads them."""
    expected = BUILT_IN_FIELDS.get(f.key)
    if expected is None:
        return None
    kind, low, high = expected
    if kind == "scale":
        fix = said.keep_kapdiarys_scale(low, high)
        if f.type != kind or (f.min, f.max) != (low, high):
            return said.kapdiarys_own_scale(f.key, low, high, fix)
    elif f.type != kind:
        return said.kapdiarys_own_field(f.key, kind)
    return None


@dataclass(frozen=True)
class Clash:
    """A field of this template whose key another template uses with another range."""

    line: int
    key: str
    other: str  # the other template's name
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def shape(f: Field) -> str:
    """What a field counts, in words: ``scale 1–5``, ``number 0–24 hours``, ``yesno``,
    ``choice: low, steady, high``."""
    if f.type == "scale":
        low, high = f.min if f.min is not None else 0, f.max if f.max is not None else 10
        return f"scale {low:g}–{high:g}"
    if f.type == "number":
        least = "" if f.min is None else f"{f.min:g}"
        most = "" if f.max is None else f"{f.max:g}"
        span = f" {least}–{most}" if least or most else ""
        return f"number{span}{' ' + f.unit if f.unit else ''}"
    if f.type == "scored":
        return f"scored 0–{(len(f.options) - 1) * len(f.items)}"
    if f.type in ("choice", "multi"):
        return f"{f.type}: {', '.join(f.options)}"
    return f.type


def clashes(template: Template, user_dir: Path) -> list[Clash]:
    """Keys this template shares with another template in ``user_dir`` or the built-ins,
    with another range or type: progress shows them as two series (``key@range``)."""
    measured = {"scale", "number", "yesno", "choice", "multi"}
    mine = {f.key: f for f in template.fields if f.type in measured}
    found: list[Clash] = []
    if not mine:
        return found
    for name, (path, builtin) in available(user_dir).items():
        if path.resolve() == template.path.resolve():
            continue
        try:
            other = load(path, builtin=builtin)
        except KapdiaryError:
            continue
        for theirs in other.fields:
            f = mine.get(theirs.key)
            if f is None or shape(f) == shape(theirs):
                continue
            found.append(
                Clash(
                    f.line,
                    f.key,
                    name,
                    said.one_key_two_ranges(f.key, shape(f), shape(theirs), name),
                )
            )
    return found


def describe(template: Template) -> dict[str, Any]:
    """The template as data (``template show --json``): every field with its key, type,
    range or options and words, and the writing prompts."""

    def one(f: Field) -> dict[str, Any]:
        out: dict[str, Any] = {
            "key": f.key,
            "type": f.type,
            "label": f.label,
            "prompt": f.prompt,
            "help": f.help,
            "takes": f.describe(),
        }
        if f.type == "scale":
            out["min"] = _whole(f.min if f.min is not None else 0)
            out["max"] = _whole(f.max if f.max is not None else 10)
        elif f.type == "number":
            out.update(min=_whole(f.min), max=_whole(f.max), unit=f.unit)
        if f.options:
            out["options"] = list(f.options)
        if f.type == "scored":
            out["items"] = dict(f.items)
            out["bands"] = [{"from": low, "name": name} for low, name in f.bands]
            out["set"] = [f"{f.key}.{item}" for item in f.items]
        if f.areas is not None:
            out["areas"] = list(f.areas)
        return out

    return {
        "name": template.name,
        "source": template.source,
        "path": str(template.path),
        "title": template.title,
        "description": template.description,
        "fields": [one(f) for f in template.fields],
        "prompts": [{"heading": p.heading, "guidance": p.guidance} for p in template.prompts],
        "follow_with": list(template.follow_with),
    }


def _whole(value: float | None) -> float | None:
    return int(value) if value is not None and float(value).is_integer() else value


def _questions(setting: _Setting | None, problems: list[Problem]) -> dict[str, str]:
    """A scored questionnaire's ``items:``, one ``key: question`` line each."""
    if setting is None or setting.value is None:
        return {}
    if not isinstance(setting.value, dict):
        problems.append(Problem(setting.line, said.items_must_key_question()))
        return {}
    questions: dict[str, str] = {}
    for key_node, value_node in setting.node.value:
        line = key_node.start_mark.line + 2
        value = setting.value.get(key_node.value)
        if isinstance(value, dict | list) or value is None or not str(value_node.value).strip():
            problems.append(Problem(line, said.each_item_needs_question()))
            continue
        questions[str(key_node.value)] = str(value_node.value).strip()
    return questions


def _bands(setting: _Setting | None, problems: list[Problem]) -> list[tuple[int, str]]:
    """A scored questionnaire's ``bands:``: the lowest score of each band, and its name."""
    if setting is None or setting.value is None:
        return []
    value = setting.value
    if not isinstance(value, dict) or not all(
        type(low) is int and isinstance(name, str) and name.strip() for low, name in value.items()
    ):
        problems.append(
            Problem(
                setting.line,
                said.bands_must_lowest_score(),
            )
        )
        return []
    return [(low, name.strip()) for low, name in value.items()]


def _number(setting: _Setting | None, what: str, problems: list[Problem]) -> float | None:
    if setting is None or setting.value is None:
        return None
    value = setting.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        problems.append(Problem(setting.line, said.must_number(what)))
        return None
    return float(value)


def _read_prompts(
    body: str, first_line: int, problems: list[Problem]
) -> tuple[list[Prompt], str | None, int]:
    """The ``##`` prompts with their guidance; the ``#`` title line, if any, and its line."""
    prompts: list[Prompt] = []
    title: str | None = None
    title_line = first_line
    heading: str | None = None
    guidance: list[str] = []
    seen: dict[str, int] = {}
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if line.startswith("# ") and heading is None and title is None:
            title, title_line = line[2:].strip(), number
        elif line.startswith("## ") or line.rstrip() == "##":
            if heading is not None:
                prompts.append(Prompt(heading, "\n".join(guidance).strip()))
            heading, guidance = line[2:].strip(), []
            if not heading:
                problems.append(Problem(number, said.heading_empty_write_prompt()))
            elif heading.lower() in seen:
                problems.append(
                    Problem(
                        number,
                        said.section_already_line_each(heading, seen[heading.lower()]),
                    )
                )
            else:
                seen[heading.lower()] = number
            _check_placeholders(heading, number, problems)
        elif heading is not None:
            guidance.append(line)
            _check_placeholders(line, number, problems)
    if heading is not None:
        prompts.append(Prompt(heading, "\n".join(guidance).strip()))
    return prompts, title, title_line


def _check_placeholders(text: str, line: int, problems: list[Problem]) -> None:
    for name in PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            problems.append(
                Problem(
                    line,
                    said.unknown_placeholder(name, PLACEHOLDERS),
                )
            )


def fill(text: str, values: dict[str, str]) -> str:
    """Plain substitution of known ``{placeholders}``; anything else stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)


STARTER = """---
# Your own template. The lines between the two --- lines say what to ask; lines that
# start with # (like this one) are notes for you and are never shown.
# Field types: scale, number, choice, multi, yesno, text, tags, list, intentions, areas.
# Below the second ---, each `## ` heading is a writing prompt, and the text under it
# is guidance: shown while writing, never saved.
# For more examples: kapdiary template show evening --raw
# Check it after every change: kapdiary template check {path}
title: {title} — {{long_date}}
description: A short check-in of my own.
fields:
  # Each field is one question; `key` is the name its answer is saved under.
  - key: mood
    type: scale
    min: 1
    max: 10
    prompt: How is your mood right now?
    help: 1 is the heaviest you have felt lately, 10 the lightest.
  - key: intentions
    type: intentions
    prompt: How close did you come to each intention today?
    help: 0 is not at all, 10 is fully.
---

## What is here for me today?
Feelings, thoughts, body sensations. Notice without judging.

## What do I want to remember?
One thing to keep from today.
"""


def starter(name: str, path: Path) -> str:
    """A small, commented template to start from; it passes `template check` as it is."""
    return STARTER.format(title=name.replace("-", " ").replace("_", " ").capitalize(), path=path)


def name_for_file(path: Path) -> str:
    """A template name from a file's name: ``Morning Check-in.md`` → ``morning-check-in``."""
    name = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")[:64]
    if not NAME.match(name):
        raise UsageError(said.cannot_make_template_name(path.name))
    return name


def save_user(user_dir: Path, name: str, text: str, *, force: bool = False) -> Path:
    """Save ``text`` as the user's template ``name`` (0600); replace one only with ``force``."""
    path = name_new(user_dir / f"{check_name(name)}.md")
    exists = KapdiaryError(said.template_exists(path))
    if force:
        atomic_write(path, text)
        return path
    if path.exists():
        raise exists
    try:
        return create_new(iter([path]), text)  # never replaces a file made meanwhile
    except KapdiaryError:
        if path.exists():
            raise exists from None
        raise
