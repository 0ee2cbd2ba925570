"""Journal templates: built-in ones (the repository's ``templates/``) and the user's own.

A template is Markdown with YAML front matter. The front matter names the fields to ask;
each ``##`` heading in the body is a writing prompt, and the text under it is guidance
shown while writing and never saved. ``{placeholders}`` are filled by plain substitution:
nothing in a template can run code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kapdiary.entry import FrontMatterError, split_front_matter
from kapdiary.errors import KapdiaryError, UsageError
from kapdiary.fields import FIELD_TYPES, KEY, RESERVED_KEYS, Field
from kapdiary.storage import read_text

NAME = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
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
}
FIELD_KEYS = {"key", "type", "prompt", "help", "min", "max", "options", "areas", "notes", "unit"}
TOP_KEYS = {"title", "description", "fields"}


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

    @property
    def source(self) -> str:
        return "built-in" if self.builtin else "yours"


@dataclass(frozen=True)
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


def builtin_dir() -> Path:
    """Built-in templates: inside the installed package, or the checkout's ``templates/``."""
    packaged = Path(__file__).parent / "templates"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "templates"


def check_name(name: str) -> str:
    if not NAME.match(name):
        raise UsageError(
            f"{name!r} is not a template name; use lowercase letters, digits, - and _ "
            "(like `evening` or `coach-weekly`)"
        )
    return name


def available(user_dir: Path) -> dict[str, tuple[Path, bool]]:
    """Every template by name → (path, built-in?); the user's override built-ins."""
    found: dict[str, tuple[Path, bool]] = {}
    for folder, builtin in ((builtin_dir(), True), (user_dir, False)):
        if folder.is_dir():
            for path in sorted(folder.glob("*.md")):
                if NAME.match(path.stem):
                    found[path.stem] = (path, builtin)
    return dict(sorted(found.items()))


def find(user_dir: Path, name: str) -> Template:
    check_name(name)
    templates = available(user_dir)
    if name not in templates:
        known = ", ".join(templates) or "none"
        raise UsageError(f"no template named {name!r}; available: {known}")
    path, builtin = templates[name]
    return load(path, builtin=builtin)


def load(path: Path, *, builtin: bool = False) -> Template:
    """Load a template; any problem is an error naming the file, the line and the fix."""
    text = read_text(path)
    problems, template = _parse(text, path, builtin)
    if problems:
        first = problems[0]
        more = f" (and {len(problems) - 1} more: `kapdiary template check {path}`)"
        raise KapdiaryError(f"template {path}, {first}" + (more if len(problems) > 1 else ""))
    assert template is not None
    return template


def check(path: Path) -> list[Problem]:
    """Every problem in a template file, each with its line and the fix."""
    problems, _ = _parse(read_text(path), path, builtin=False)
    return problems


def _parse(text: str, path: Path, builtin: bool) -> tuple[list[Problem], Template | None]:
    problems: list[Problem] = []
    try:
        yaml_text, body, body_line = split_front_matter(text)
    except FrontMatterError as exc:
        return [Problem(exc.line or 1, exc.detail)], None
    data: dict[str, Any] = {}
    lines: dict[str, int] = {}
    field_lines: list[int] = []
    if yaml_text is not None:
        data, lines, field_lines, yaml_problems = _read_yaml(yaml_text)
        problems += yaml_problems
    for key in data:
        if key not in TOP_KEYS:
            problems.append(
                Problem(
                    lines.get(key, 2), f"unknown key {key!r}; use {', '.join(sorted(TOP_KEYS))}"
                )
            )
    fields = _read_fields(data.get("fields"), field_lines, lines.get("fields", 2), problems)
    title = str(data.get("title") or "")
    prompts, body_title, title_line = _read_prompts(body, body_line)
    if not title:
        title = body_title or path.stem.replace("-", " ").capitalize() + " — {long_date}"
    if not prompts:
        problems.append(
            Problem(
                body_line,
                "the template has no sections; add at least one prompt as a `## ` heading",
            )
        )
    _check_placeholders(title, lines.get("title", title_line), problems)
    for prompt, line in prompts:
        _check_placeholders(prompt.heading + "\n" + prompt.guidance, line, problems)
    for f in fields:
        _check_placeholders(f.prompt + "\n" + (f.help or ""), f.line, problems)
    problems.sort(key=lambda p: p.line)
    if problems:
        return problems, None
    template = Template(
        name=path.stem,
        path=path,
        builtin=builtin,
        title=title,
        description=str(data.get("description") or ""),
        fields=fields,
        prompts=[p for p, _ in prompts],
        text=text,
    )
    return [], template


def _read_yaml(
    yaml_text: str,
) -> tuple[dict[str, Any], dict[str, int], list[int], list[Problem]]:
    """Load front matter safely, with the file line of each top key and each field."""
    import yaml

    problems: list[Problem] = []
    try:
        root = yaml.compose(yaml_text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(yaml_text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 2 if mark is not None else 2
        problem = (exc.problem or exc.context or "not valid YAML").strip()
        if "python/" in str(exc) or "could not determine a constructor" in problem:
            problem = "YAML tags like !!python/... are not allowed in templates; remove the tag"
        else:
            problem += "; fix the YAML between the --- lines"
        return {}, {}, [], [Problem(line, problem)]
    except yaml.YAMLError as exc:
        return {}, {}, [], [Problem(2, f"not valid YAML ({exc})")]
    if data is None:
        return {}, {}, [], []
    if not isinstance(data, dict) or not isinstance(root, yaml.MappingNode):
        return {}, {}, [], [Problem(2, "the front matter must be `key: value` lines")]
    lines: dict[str, int] = {}
    field_lines: list[int] = []
    for key_node, value_node in root.value:
        key, line = str(key_node.value), key_node.start_mark.line + 2
        if key in lines:
            problems.append(Problem(line, f"{key!r} appears twice; keep one"))
        lines[key] = line
        if key == "fields" and isinstance(value_node, yaml.SequenceNode):
            for item in value_node.value:
                field_lines.append(item.start_mark.line + 2)
                if isinstance(item, yaml.MappingNode):
                    seen: set[str] = set()
                    for sub_key, _ in item.value:
                        if sub_key.value in seen:
                            problems.append(
                                Problem(
                                    sub_key.start_mark.line + 2,
                                    f"{sub_key.value!r} appears twice in this field; keep one",
                                )
                            )
                        seen.add(sub_key.value)
    return {str(k): v for k, v in data.items()}, lines, field_lines, problems


def _read_fields(
    raw: Any, field_lines: list[int], fields_line: int, problems: list[Problem]
) -> list[Field]:
    if raw is None:
        return []
    if not isinstance(raw, list):
        problems.append(
            Problem(fields_line, "`fields` must be a list, each item starting with `- key:`")
        )
        return []
    fields: list[Field] = []
    keys: dict[str, int] = {}
    types = ", ".join(FIELD_TYPES)
    for index, item in enumerate(raw):
        line = field_lines[index] if index < len(field_lines) else fields_line
        if not isinstance(item, dict):
            problems.append(Problem(line, "each field must be `key:`, `type:` and `prompt:` lines"))
            continue
        for extra in sorted(set(map(str, item)) - FIELD_KEYS):
            problems.append(
                Problem(
                    line,
                    f"unknown setting {extra!r}; a field can have {', '.join(sorted(FIELD_KEYS))}",
                )
            )
        kind = str(item.get("type", ""))
        if kind not in FIELD_TYPES:
            problems.append(Problem(line, f"unknown field type {kind!r}; use one of: {types}"))
            continue
        key = str(item.get("key") or (kind if kind in ("intentions", "areas") else ""))
        if not KEY.match(key):
            problems.append(
                Problem(
                    line,
                    f"field key {key!r} must be lowercase letters, digits and _, like sleep_hours",
                )
            )
            continue
        if key in RESERVED_KEYS or (kind in ("intentions", "areas") and key != kind):
            problems.append(Problem(line, f"the key {key!r} is kapdiary's own; choose another"))
            continue
        if key in ("intentions", "areas") and kind != key:
            problems.append(
                Problem(line, f"the key {key!r} is for the type `{key}`; choose another key")
            )
            continue
        if key in keys:
            problems.append(Problem(line, f"the field key {key!r} is used twice; rename one"))
            continue
        keys[key] = line
        try:
            f = Field(
                key=key,
                type=kind,
                prompt=str(item.get("prompt") or key.replace("_", " ").capitalize()),
                help=str(item["help"]) if item.get("help") else None,
                min=_float(item.get("min"), "min"),
                max=_float(item.get("max"), "max"),
                options=[str(o) for o in item.get("options") or []],
                areas=[str(a) for a in item["areas"]] if item.get("areas") else None,
                notes=bool(item.get("notes", True)),
                unit=str(item["unit"]) if item.get("unit") else None,
                line=line,
            )
        except (TypeError, ValueError) as exc:
            problems.append(Problem(line, str(exc)))
            continue
        problems += [Problem(line, p) for p in f.kind.check(f)]
        fields.append(f)
    return fields


def _float(value: Any, name: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"{name} must be a number, like `{name}: 10`")
    return float(value)


def _read_prompts(body: str, first_line: int) -> tuple[list[tuple[Prompt, int]], str | None, int]:
    prompts: list[tuple[Prompt, int]] = []
    title: str | None = None
    title_line = first_line
    heading: str | None = None
    heading_line = first_line
    guidance: list[str] = []
    for offset, line in enumerate(body.split("\n")):
        if line.startswith("# ") and heading is None and title is None:
            title, title_line = line[2:].strip(), first_line + offset
        elif line.startswith("## "):
            if heading is not None:
                prompts.append((Prompt(heading, "\n".join(guidance).strip()), heading_line))
            heading, heading_line, guidance = line[3:].strip(), first_line + offset, []
        elif heading is not None:
            guidance.append(line)
    if heading is not None:
        prompts.append((Prompt(heading, "\n".join(guidance).strip()), heading_line))
    return prompts, title, title_line


def _check_placeholders(text: str, line: int, problems: list[Problem]) -> None:
    for name in PLACEHOLDER.findall(text):
        if name not in PLACEHOLDERS:
            problems.append(
                Problem(
                    line,
                    f"unknown placeholder {{{name}}}; use one of: "
                    + ", ".join(f"{{{p}}}" for p in PLACEHOLDERS),
                )
            )


def fill(text: str, values: dict[str, str]) -> str:
    """Plain substitution of known ``{placeholders}``; anything else stays as written."""
    return PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), text)
