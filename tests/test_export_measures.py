"""Check-ins (PHQ-9, GAD-7, a coach's own scored questionnaire) in every export format.

The diary below is written with the real `kapdiary write` (KAPDIARY_NOW is Saturday
21 November 2026, so the default period is 25 October – 21 November):

- PHQ-9 on 20 Sep (15, moderately severe: the first ever, before the period), 6 Nov
  (9, mild) and 20 Nov (4, minimal): the latest is 11 lower than the first;
- GAD-7 once, on 14 Nov (12, moderate): nothing to compare with yet;
- an evening entry and a dosing session, as in any diary.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from test_export import exported
from test_export_html import CHROMIUM, chromium, png_facts

PHQ9 = ("interest", "down", "sleep", "tired", "appetite", "failure", "concentrating")
PHQ9 += ("moving", "self_harm")
GAD7 = ("nervous", "worrying", "worrying_too_much", "relaxing", "restless", "irritable")
GAD7 += ("afraid",)
PHQ9_BANDS = "0–4 minimal · 5–9 mild · 10–14 moderate · 15–19 moderately severe · 20–27 severe"
GAD7_BANDS = "0–4 minimal · 5–9 mild · 10–14 moderate · 15–21 severe"


def check_in(run, template: str, day: str, answers: tuple[int, ...], *more: str) -> Path:
    items = PHQ9 if template == "phq9" else GAD7
    sets = [f"--set={template}.{k}={v}" for k, v in zip(items, answers, strict=True)]
    result = run("write", template, "--date", day, *sets, "--text", "As it was.", *more)
    assert result.exit_code == 0, result.output
    saved = re.search(r"^Saved (.+\.md)$", result.stdout, re.M)
    assert saved, result.stdout
    return Path(saved[1])


def write(run, *args: str) -> None:
    result = run("write", *args)
    assert result.exit_code == 0, result.output


@pytest.fixture
def out_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    return out


@pytest.fixture
def diary(run, initialised: Path, out_folder: Path) -> Path:
    check_in(run, "phq9", "2026-09-20", (3, 3, 2, 2, 2, 1, 1, 1, 0))  # 15
    check_in(run, "phq9", "2026-11-06", (2, 1, 2, 1, 1, 1, 1, 0, 0))  # 9
    check_in(run, "gad7", "2026-11-14", (3, 2, 2, 2, 1, 1, 1))  # 12
    check_in(run, "phq9", "2026-11-20", (1, 0, 1, 1, 0, 1, 0, 0, 0))  # 4
    write(run, "--date", "2026-11-19", "--set", "mood=6", "--text", "A walk.")
    write(run, "session", "--date", "2026-11-10", "--set", "route=2", "--text", "Warm.")
    return initialised


def text_of(run, *args: str) -> tuple[str, str]:
    """Export with --yes (again, over the same file); the preview and the file's text."""
    preview, path = exported(run, "--force", *args)
    return preview, path.read_text(encoding="utf-8")


def strings(value: Any) -> Iterator[str]:
    """Every string in a JSON document, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings(item)


# --- each format ------------------------------------------------------------------------------


def test_markdown_has_a_check_ins_part_after_mood(run, diary: Path) -> None:
    preview, text = text_of(run)

    assert "check-ins (GAD-7, PHQ-9)" in preview
    progress = text[text.index("## Progress") : text.index("## Dosing sessions")]
    assert progress.index("### Mood") < progress.index("### Check-ins")
    part = progress[progress.index("### Check-ins") :]
    assert "*A lower score means fewer symptoms.*" in part
    phq9 = part[part.index("#### PHQ-9") :]
    for line in (
        "- **Latest:** 4 (minimal) on 20 Nov 2026",
        "- **Change:** -11 since the first check-in, which was 15 (moderately severe) on "
        "20 Sep 2026",
        f"- **Bands:** {PHQ9_BANDS}",
        "| Date        | Score | Severity |",
        "| 6 Nov 2026  |     9 | mild     |",
        "| 20 Nov 2026 |     4 | minimal  |",
    ):
        assert line in phq9, line
    assert "20 Sep 2026 |" not in phq9  # the first check-in is before the period
    gad7 = part[part.index("#### GAD-7") : part.index("#### PHQ-9")]
    assert "- **Latest:** 12 (moderate) on 14 Nov 2026" in gad7
    assert "- **Change:** none yet: this is the first check-in" in gad7
    assert f"- **Bands:** {GAD7_BANDS}" in gad7


def test_html_has_the_check_ins_with_a_chart_over_the_bands(run, diary: Path) -> None:
    _, page = text_of(run, "-f", "html")

    part = page[page.index("<h3>Check-ins</h3>") : page.index('<section class="sessions"')]
    assert page.index("<h3>Mood</h3>") < page.index("<h3>Check-ins</h3>")
    for words in (
        "A lower score means fewer symptoms.",
        "<dt>Latest</dt><dd>4 (minimal) on 20 Nov 2026</dd>",
        "<dt>Change</dt><dd>-11 since the first check-in, which was 15 (moderately severe) "
        "on 20 Sep 2026</dd>",
        f"<dt>Bands</dt><dd>{PHQ9_BANDS}</dd>",
        f"<dt>Bands</dt><dd>{GAD7_BANDS}</dd>",
        "<dt>Change</dt><dd>none yet: this is the first check-in</dd>",
        '<td>6 Nov 2026</td><td class="num">9</td><td>mild</td>',
    ):
        assert words in part, words
    assert part.count('<svg class="chart measure"') == 2
    phq9 = part[part.index("<h4>PHQ-9</h4>") :]
    chart = phq9[phq9.index("<svg") : phq9.index("</svg>")]
    assert chart.count('class="band"') == 5  # one stripe a band
    for name in ("minimal", "mild", "moderate", "moderately severe", "severe"):
        assert f">{name}</text>" in chart, name
    assert chart.count('<circle class="dot"') == 2  # the check-ins in the period
    assert '<polyline class="line"' in chart
    assert '<line class="session"' in chart  # the dosing session on 10 Nov
    assert ">27</text>" in chart and ">0</text>" in chart  # 0 to the highest score


def test_html_with_check_ins_stays_self_contained(run, diary: Path) -> None:
    _, page = text_of(run, "-f", "html")

    for outside in ("<script", "<link", "<img", "<iframe", "@import", "url(", "src="):
        assert outside not in page, outside
    assert page.count("http") == page.count('xmlns="http://www.w3.org/2000/svg"')
    assert str(diary) not in page


def test_json_summary_has_the_measures_without_local_paths(run, diary: Path) -> None:
    _, text = text_of(run, "-f", "json")
    data = json.loads(text)

    measures = {m["id"]: m for m in data["summary"]["measures"]}
    assert list(measures) == ["gad7", "phq9"]
    phq9 = measures["phq9"]
    assert phq9["label"] == "PHQ-9"
    assert phq9["bands"][3] == {"from": 15, "to": 19, "name": "moderately severe"}
    assert phq9["bands"][-1] == {"from": 20, "to": 27, "name": "severe"}
    assert phq9["scores"] == [
        {
            "date": "2026-11-06",
            "score": 9,
            "severity": "mild",
            "file": "2026/11/2026-11-06-phq9.md",
        },
        {
            "date": "2026-11-20",
            "score": 4,
            "severity": "minimal",
            "file": "2026/11/2026-11-20-phq9.md",
        },
    ]
    assert phq9["first"] == {
        "date": "2026-09-20",
        "score": 15,
        "severity": "moderately severe",
        "file": "2026/09/2026-09-20-phq9.md",
    }
    assert phq9["latest"]["file"] == "2026/11/2026-11-20-phq9.md"
    assert phq9["change_since_first"] == -11
    assert measures["gad7"]["change_since_first"] == 0
    assert str(diary) not in text
    assert "path" not in {k for m in measures.values() for c in m["scores"] for k in c}
    assert not [s for s in strings(data) if s.startswith("/")]  # no absolute path anywhere


def test_json_summary_is_still_progress_json_for_what_is_shared(run, diary: Path) -> None:
    _, text = text_of(run, "-f", "json")
    progress = run("progress", "--json")
    assert progress.exit_code == 0, progress.output
    expected = json.loads(progress.stdout)

    expected.pop("flags")
    for session in expected["sessions"]:
        session["file"] = session.pop("path").split("/entries/", 1)[1]
    for measure in expected["measures"]:
        for item in [*measure["scores"], measure["first"], measure["latest"]]:
            item["file"] = item.pop("path").split("/entries/", 1)[1]
    assert json.loads(text)["summary"] == expected


# --- what the user leaves out -----------------------------------------------------------------


def test_without_score_leaves_the_check_ins_out_of_every_format(run, diary: Path) -> None:
    preview, md = text_of(run, "--without", "score")
    _, page = text_of(run, "--without", "score", "-f", "html")
    _, text = text_of(run, "--without", "score", "-f", "json")

    assert "left out  score (everywhere, the figures too)" in preview
    assert "check-ins" not in preview
    assert "Check-ins" not in md and "**Latest:**" not in md
    assert "Check-ins" not in page and "chart measure" not in page
    data = json.loads(text)
    assert "measures" not in data["summary"]
    assert not [e for e in data["entries"] if "score" in e["fields"]]


def test_without_severity_leaves_the_bands_each_score_fell_in_out(run, diary: Path) -> None:
    _, md = text_of(run, "--without", "severity")
    _, page = text_of(run, "--without", "severity", "-f", "html")
    _, text = text_of(run, "--without", "severity", "-f", "json")

    assert "- **Latest:** 4 on 20 Nov 2026" in md
    assert "which was 15 on 20 Sep 2026" in md
    assert "| Date        | Score |\n" in md and "(minimal)" not in md
    assert "<dt>Latest</dt><dd>4 on 20 Nov 2026</dd>" in page and "(minimal)" not in page
    assert "<th>Severity</th>" not in page
    measures = json.loads(text)["summary"]["measures"]
    assert not [c for m in measures for c in [*m["scores"], m["first"]] if "severity" in c]


def test_a_private_check_in_is_not_in_the_figures_unless_asked(run, diary: Path) -> None:
    private = check_in(run, "phq9", "2026-11-21", (3, 3, 3, 3, 2, 2, 2, 2, 0))  # 20, severe
    text = private.read_text(encoding="utf-8")
    private.write_text(text.replace("template: phq9\n", "template: phq9\nprivate: true\n"))

    _, md = text_of(run)
    _, page = text_of(run, "-f", "html")
    data = json.loads(text_of(run, "-f", "json")[1])
    assert "- **Latest:** 4 (minimal) on 20 Nov 2026" in md
    assert "20 (severe)" not in md and "21 Nov 2026" not in md
    assert "20 (severe)" not in page
    phq9 = next(m for m in data["summary"]["measures"] if m["id"] == "phq9")
    assert [c["score"] for c in phq9["scores"]] == [9, 4]

    _, shared = text_of(run, "--include-private")
    assert "- **Latest:** 20 (severe) on 21 Nov 2026" in shared
    assert "- **Change:** +5 since the first check-in" in shared
    assert "| 21 Nov 2026 |    20 | severe   |" in shared


# --- periods with and without check-ins -------------------------------------------------------


def test_an_export_without_check_ins_has_no_check_ins_part(
    run, initialised: Path, out_folder: Path
) -> None:
    write(run, "--date", "2026-11-19", "--set", "mood=6", "--text", "A walk.")

    preview, md = text_of(run)
    _, page = text_of(run, "-f", "html")
    data = json.loads(text_of(run, "-f", "json")[1])

    assert "check-ins" not in preview
    assert "Check-ins" not in md
    assert "Check-ins" not in page and "chart measure" not in page
    assert data["summary"]["measures"] == []


def test_a_period_without_check_ins_still_shows_the_latest_before_it(run, diary: Path) -> None:
    write(run, "--set", "mood=7", "--text", "Tonight.")  # 21 Nov

    _, md = text_of(run, "--since", "2026-11-21")
    _, page = text_of(run, "--since", "2026-11-21", "-f", "html")

    phq9 = md[md.index("#### PHQ-9") :]
    assert "- **Latest:** 4 (minimal) on 20 Nov 2026" in phq9
    assert "- *No check-ins in this period.*" in phq9
    assert "| Date" not in phq9.split("## Entries")[0]
    assert "chart measure" not in page
    assert '<p class="note">No check-ins in this period.</p>' in page


# --- a coach's own questionnaire --------------------------------------------------------------

CALM = """---
title: Calm check — {long_date}
fields:
  - key: calm
    type: scored
    label: Calm & <steady>
    prompt: Over the last week, how often have you felt the following?
    options: [not at all, sometimes, often]
    items:
      settle: "Unable to settle in the evening"
      racing: "Thoughts racing when trying to rest"
      tense: "Tense in the body"
    bands: {0: settled, 3: "unsettled <a little>", 5: very unsettled}
---

## Anything else?
"""


def test_a_coachs_own_questionnaire_is_shown_and_escaped(run, diary: Path) -> None:
    (diary / "templates").mkdir(exist_ok=True)
    (diary / "templates" / "calm.md").write_text(CALM, encoding="utf-8")
    for day, answers in (("2026-11-02", ("2", "2", "1")), ("2026-11-16", ("1", "1", "1"))):
        sets = [
            f"--set=calm.{k}={v}"
            for k, v in zip(("settle", "racing", "tense"), answers, strict=True)
        ]
        write(run, "calm", "--date", day, *sets, "--text", "Hm.")

    _, md = text_of(run)
    _, page = text_of(run, "-f", "html")

    assert "#### Calm & <steady>" in md
    assert "- **Latest:** 3 (unsettled <a little>) on 16 Nov 2026" in md
    assert "- **Bands:** 0–2 settled · 3–4 unsettled <a little> · 5–6 very unsettled" in md
    assert "<steady>" not in page and "<a little>" not in page
    assert "<h4>Calm &amp; &lt;steady&gt;</h4>" in page
    assert "&gt;unsettled &lt;a little&gt;</text>" not in page  # never double-escaped
    assert ">unsettled &lt;a little&gt;</text>" in page
    assert ">6</text>" in page  # the chart goes up to the highest possible score


# --- as a person sees it ----------------------------------------------------------------------


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize(("width", "height"), [(1200, 2000), (390, 2000)])
def test_the_check_in_charts_render_in_a_real_browser(
    run, diary: Path, tmp_path: Path, width: int, height: int
) -> None:
    _, path = exported(run, "-f", "html")
    shot = tmp_path / f"check-ins-{width}.png"

    result = chromium(
        tmp_path, f"--screenshot={shot}", f"--window-size={width},{height}", path.as_uri()
    )

    assert shot.exists(), result.stderr[-2000:]
    shot_width, shot_height, values = png_facts(shot)
    assert (shot_width, shot_height) == (width, height)
    assert values > 50  # a page with content, not a blank one
