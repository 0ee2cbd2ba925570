"""What kapdiary says about templates: `kapdiary template check/new/import` and every
problem a template file can have, with its line's fix."""

from __future__ import annotations

from collections.abc import Iterable


def template_saved(name: object, path: object) -> str:
    return f"Saved your template {name!r} in {path}"


def edit_then_check_template(path: object) -> str:
    return f"Edit it in any text editor, then check it with: kapdiary template check {path}"


def edit_encrypted_template(name: object) -> str:
    return (
        "It is encrypted, so a text editor cannot open it. To change it, copy it out with "
        f"`kapdiary template show {name} --raw > {name}.md`, edit that copy, bring it back "
        f"with `kapdiary template import {name}.md --force`, then delete the copy (it is in "
        "clear). See docs/encryption.md."
    )


def write_with_template(name: object) -> str:
    return f"Write with it: kapdiary write {name}"


def template_has_no_problems(file: object) -> str:
    return f"{file}: no problems found."


def template_warning(file: object, line: object, problem: object) -> str:
    return f"{file}:{line}: warning: {problem}"


def replaces_builtin_template(name: object) -> str:
    return f"It takes the place of the built-in {name!r} template."


def nothing_imported() -> str:
    return "Nothing was imported; fix these and run the import again."


def fix_the_yaml(problem: object) -> str:
    return f"{problem}; fix the YAML between the --- lines"


def template_exists(path: object) -> str:
    return f"you already have a template {path}; add --force to replace it, or choose another name"


def not_a_template_name(name: object) -> str:
    return (
        f"{name!r} is not a template name; use lowercase letters, digits, - and _ (like "
        "`evening` or `coach-weekly`)"
    )


def no_such_template(name: object, known: object) -> str:
    return f"no template named {name!r}; available: {known}"


def yaml_tag_allowed_templates(name: object) -> str:
    return (
        f"the YAML tag {name} is not allowed in templates (nothing in a template can run code); "
        "remove the tag"
    )


def value_starts_needs_quotes() -> str:
    return 'a value that starts with { needs quotes around it, like `title: "{long_date}, morning"`'


def value_needs_quotes_around() -> str:
    return 'a value with `: ` in it needs quotes around it, like `prompt: "Sleep: how was it?"`'


def indent_spaces_tabs() -> str:
    return "indent with spaces, not tabs"


def cannot_make_template_name(name: object) -> str:
    return f"cannot make a template name from {name!r}; give one with --name"


def template_sections_add_least() -> str:
    return "the template has no sections; add at least one prompt as a `## ` heading"


def template_can_one_scored() -> str:
    return (
        "a template can have one scored questionnaire (its score is the entry's `score`); put "
        "the other in a template of its own"
    )


def must_text_if_starts(what: object) -> str:
    return (
        f"{what} must be text; if it starts with {{ or [, put it in quotes, like `{what}: "
        '"{weekday} check-in"`'
    )


def must_list_square_brackets(what: object, listed: object) -> str:
    return f"{what} must be a list in square brackets, like `{what}: [{listed}]`"


def unknown_setting_field_can(extra: object, listed: object) -> str:
    return f"unknown setting {extra!r}; a field can have {listed}"


def unknown_field_type_one(kind: object, types: object) -> str:
    return f"unknown field type {kind!r}; use one of: {types}"


def field_key_add_one() -> str:
    return "this field has no key; add one like `key: sleep_hours`"


def field_key_must_lowercase(key: object) -> str:
    return f"field key {key!r} must be lowercase letters, digits and _, like sleep_hours"


def key_own_choose_another(key: object) -> str:
    return f"the key {key!r} is kapdiary's own; choose another"


def key_type_choose_another(key: object) -> str:
    return f"the key {key!r} is for the type `{key}`; choose another key"


def notes_must_yes_notes() -> str:
    return "notes must be yes or no, like `notes: no`"


def items_must_key_question() -> str:
    return "items must be `key: question` lines, indented under `items:`"


def bands_must_lowest_score() -> str:
    return "bands must be `lowest score: name` pairs, like `bands: {0: minimal, 5: mild}`"


def must_number(what: object) -> str:
    return f"{what} must be a number, like `{what}: 10`"


def follow_template_name(other: object) -> str:
    return f"{other!r} in follow_with is not a template name"


def unknown_key(key: object, listed: object) -> str:
    return f"unknown key {key!r}; use {listed}"


def front_matter_must_key() -> str:
    return "the front matter must be `key: value` lines"


def fields_must_list_each() -> str:
    return "`fields` must be a list, each item starting with `- key:`"


def valid_yaml_fix_lines(exc: object) -> str:
    return f"not valid YAML ({exc}); fix the lines between the ---"


def front_matter_nests_too() -> str:
    return "the front matter nests too deeply; write the values out plainly"


def value_cannot_read_fix(reason: object) -> str:
    return f"a value cannot be read ({reason}); fix it between the ---"


def appears_twice_keep_one(key: object, where: object) -> str:
    return f"{key!r} appears twice{where}; keep one"


def each_must_word_few(what: object) -> str:
    return f"each of the {what} must be a word or a few words; put it in quotes"


def each_field_must_key() -> str:
    return "each field must be `key:`, `type:` and `prompt:` lines"


def field_key_used_twice(key: object) -> str:
    return f"the field key {key!r} is used twice; rename one"


def field_type_add_type(types: object) -> str:
    return f"this field has no type; add `type:` with one of: {types}"


def type_scored_fields_remove(only: object) -> str:
    return f"{only} is for `type: scored` fields; remove it"


def each_item_needs_question() -> str:
    return "each item needs its question as text, in quotes"


def one_empty(what: object) -> str:
    return f"one of the {what} is empty"


def heading_empty_write_prompt() -> str:
    return "this heading is empty; write the prompt after `## `"


def section_already_line_each(heading: object, seen: object) -> str:
    return f"the section {heading!r} is already on line {seen}; give each section its own heading"


def problems_found(count: int) -> str:
    return f"{count} problem{'s' if count != 1 else ''} found."


def unknown_placeholder(name: str, known: Iterable[str]) -> str:
    listed = ", ".join(f"{{{p}}}" for p in known)
    return f"unknown placeholder {{{name}}}; use one of: {listed}"


def broken_template(path: object) -> str:
    """A template list row for a template that does not load (Rich markup)."""
    return f"[red]broken: kapdiary template check {path}[/red]"


def and_more_problems(count: object, path: object) -> str:
    return f" (and {count} more: `kapdiary template check {path}`)"


def keep_kapdiarys_scale(low: object, high: object) -> str:
    return f"keep `type: scale`, `min: {low:g}`, `max: {high:g}`"


def kapdiarys_own_scale(key: object, low: object, high: object, fix: object) -> str:
    return (
        f"`{key}` is kapdiary's own {low:g}–{high:g} scale (progress and exports read it so); "
        f"{fix}, or give your own measure another key, like `{key}_evening`"
    )


def kapdiarys_own_field(key: object, kind: object) -> str:
    return f"`{key}` is kapdiary's own field of type {kind}; use `type: {kind}` or another key"


def not_valid_yaml() -> str:
    return "not valid YAML"


def one_key_two_ranges(key: object, here: object, theirs: object, template: object) -> str:
    return (
        f"`{key}` is {here} here but {theirs} in the template {template!r}: progress will show "
        "two series; use the same range, or another key"
    )


def in_this_field() -> str:
    return " in this field"
