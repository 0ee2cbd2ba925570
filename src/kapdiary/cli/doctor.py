"""`kapdiary doctor`: the findings of kapdiary.doctor, each with its fix, and the safe fixes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from kapdiary.cli import state
from kapdiary.cli.app import app
from kapdiary.messages import doctor as said

if TYPE_CHECKING:
    from kapdiary.doctor import Finding, Repair, Report
    from kapdiary.locations import Home

MAX_ALSO = 5  # further files named under a finding; the count says how many more

DOCTOR_HELP = """Check your diary folder and say how to fix what is wrong.

It looks for files that cannot be read or are not UTF-8, front matter that does not read,
missing dates, ratings out of range, intentions missing from intentions.toml, session
numbers used twice, copies left by Syncthing, Dropbox or Nextcloud, leftovers of
interrupted saves, unfinished drafts, links, empty and huge files, and folders and files
other users could read. It exits 1 if there is a problem; warnings alone exit 0.

--fix does only the safe fixes: it makes folders 0700 and files 0600 (never looser, never
through a link, never outside the diary folder) and removes leftovers of interrupted saves
whose words are already saved. Entries, drafts, conflict copies and templates are never
changed; doctor says what to do with them.

Examples:

    kapdiary doctor

    kapdiary doctor --fix

    kapdiary doctor --json
"""


@app.command(help=DOCTOR_HELP)
def doctor(
    ctx: typer.Context,
    fix: Annotated[
        bool, typer.Option("--fix", help="Tighten permissions and remove stale leftovers.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the findings as JSON.")] = False,
) -> None:
    from kapdiary import doctor as checkup
    from kapdiary.errors import EXIT_FAILURE

    st = state.get(ctx)
    report = checkup.check(_home(st), config_path=st.config_path)
    repairs = checkup.repair(report) if fix else []
    fixed = {id(r.finding) for r in repairs if r.done}
    left = [f for f in report.findings if id(f) not in fixed]
    if as_json:
        state.print_json([_data(f, id(f) in fixed) for f in report.findings])
    elif fix:
        _draw_fixed(report, repairs, left)
    else:
        _draw(report)
    if any(f.problem for f in left):
        raise typer.Exit(EXIT_FAILURE)


def _home(st: state.State) -> Home:
    """The home as every command finds it; with a broken config (one of the findings),
    the home that --home, KAPDIARY_HOME or the default give."""
    from kapdiary.errors import KapdiaryError
    from kapdiary.locations import resolve_home

    try:
        return st.home
    except KapdiaryError:
        return resolve_home(st.home_option, None)


def _data(finding: Finding, fixed: bool) -> dict[str, Any]:
    return {
        "kind": finding.kind,
        "severity": finding.severity,
        "path": finding.path,
        "line": finding.line,
        "description": finding.description,
        "fix": finding.fix,
        "fixable": finding.fixable,
        "fixed": fixed,
        "also": list(finding.also),
    }


def _draw(report: Report) -> None:
    from kapdiary import messages
    from kapdiary.render import pages

    out = state.console()
    if not report.findings:
        out.print(messages.doctor_clean(report.home), markup=False, highlight=False)
        return
    shown = _grouped(report.findings)
    for finding in shown:
        pages.finding(out, finding, max_also=MAX_ALSO)
    problems = sum(1 for f in shown if f.problem)
    fixable = sum(1 for f in shown if f.fixable)
    summary = messages.doctor_summary(report.home, problems, len(shown) - problems, fixable=fixable)
    out.print(summary, markup=False, highlight=False, style="bold")


def _draw_fixed(report: Report, repairs: list[Repair], left: list[Finding]) -> None:
    from kapdiary import messages
    from kapdiary.render import pages

    out = state.console()
    done = [r for r in repairs if r.done]
    tightened = [r for r in done if r.finding.kind == "permissions"]
    if done:
        out.print("Fixed:", markup=False, highlight=False, style="bold")
        if len(tightened) > MAX_ALSO:
            made = _things([r.finding for r in tightened])
            out.print(said.made_private(made), markup=False, highlight=False)
        for r in done:
            if r not in tightened or len(tightened) <= MAX_ALSO:
                out.print(f"  {r.finding.path}: {r.note}", markup=False, highlight=False)
        out.print()
    for r in repairs:
        if not r.done:
            out.print(
                said.not_fixed(r.finding.path, r.note),
                markup=False,
                highlight=False,
                style="yellow",
            )
    shown = _grouped(left)
    for finding in shown:
        pages.finding(out, finding, max_also=MAX_ALSO)
    problems = sum(1 for f in shown if f.problem)
    summary = messages.doctor_after_fix(report.home, len(done), problems, len(shown) - problems)
    out.print(summary, markup=False, highlight=False, style="bold")


def _grouped(findings: list[Finding]) -> list[Finding]:
    """Loose permissions as one finding: a clone or a copy often leaves hundreds of them."""
    from dataclasses import replace

    loose = [f for f in findings if f.kind == "permissions" and f.fixable]
    if len(loose) < 2:
        return findings
    first = loose[0]
    group = replace(
        first,
        description=said.all_open_to_others(_things(loose)),
        fix=said.fix_makes_them_private(),
        line=None,
        also=tuple(f.path for f in loose[1:]),
    )
    return [group if f is first else f for f in findings if f not in loose or f is first]


def _things(findings: list[Finding]) -> str:
    """``2 folders (0755) and 13 files (0644)``, for permission findings."""
    from kapdiary.storage import DIR_MODE

    kinds: dict[str, list[int | None]] = {"folder": [], "file": []}
    for finding in findings:
        kinds["folder" if finding.wanted == DIR_MODE else "file"].append(finding.mode)
    return said.things_with_modes(kinds)
