"""What kapdiary says about templates."""

from __future__ import annotations


def template_saved(name: object, path: object) -> str:
    return f"Saved your template {name!r} in {path}"


def edit_then_check_template(path: object) -> str:
    return f"Edit it in any text editor, then check it with: kapdiary template check {path}"


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
