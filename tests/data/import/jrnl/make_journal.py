"""Make journal.txt and journal.json with the real jrnl 4.6 CLI (deterministic).

    python3 -m venv /tmp/jrnlvenv && /tmp/jrnlvenv/bin/pip install jrnl==4.6
    cd /tmp/jrnlgen && cp .../config.yaml . && /tmp/jrnlvenv/bin/python make_journal.py
    /tmp/jrnlvenv/bin/jrnl --config-file config.yaml --export json > journal.json

config.yaml (jrnl's defaults: timeformat %F %r, tagsymbols #@) names the journal file
/tmp/jrnlgen/journal.txt. Each entry is added by one `jrnl "DATE: text"` run, as a person
would; a `*` after the date stars it.
"""

import datetime as dt
import random
import subprocess

JRNL = "/tmp/jrnlvenv/bin/jrnl"

rng = random.Random(18)
tags = [
    "@family",
    "@sleep",
    "@work",
    "#insight",
    "#calm",
    "@body",
    "#gratitude",
    "@nature",
    "#anxious",
]
titles = [
    "A quiet day.",
    "Hard morning.",
    "Walked by the river.",
    "Session thoughts.",
    "Could not sleep.",
    "Dinner with friends.",
    "Tired but okay.",
    "Something shifted today!",
    "Rain all day.",
    "Café au lait with Zoë.",
    "Back at work.",
    "Felt the old fear again?",
]
lines = [
    "The light was soft in the evening.",
    "I noticed my breathing slow down.",
    "Called my sister; we talked for an hour.",
    "Still thinking about what came up last week.",
    "Less tension in the shoulders than yesterday.",
    "Wrote three things I'm grateful for.",
    "Kids were loud and I stayed present — mostly.",
    "Headache after lunch 🙃.",
]
start = dt.datetime(2025, 1, 1, 21, 0)
day = start
entries = []
for n in range(320):
    day += dt.timedelta(days=rng.choice([1, 1, 2, 2, 3]))
    if rng.random() < 0.06:
        when = (day + dt.timedelta(days=1)).replace(
            hour=rng.choice([0, 1, 2, 3]), minute=rng.randrange(60)
        )
    else:
        when = day.replace(hour=rng.randrange(7, 24), minute=rng.randrange(60))
    title = rng.choice(titles)
    body_lines = rng.sample(lines, rng.randrange(0, 4))
    chosen = rng.sample(tags, rng.choice([0, 1, 1, 2, 3]))
    if chosen:
        body_lines.append("With " + " and ".join(chosen) + ".")
    if rng.random() < 0.3 and body_lines:
        body_lines.insert(1, "")
    if n % 50 == 7:
        body_lines += ["", "## About my brother (private)", "", "This stays with me."]
    star = " *" if rng.random() < 0.12 else ""
    text = f"{when:%Y-%m-%d %H:%M}{star}: {title}" + (
        "\n" + "\n".join(body_lines) if body_lines else ""
    )
    entries.append(text)
    # a second entry the same day now and then
for text in entries:
    subprocess.run(
        [JRNL, "--config-file", "config.yaml", text],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
