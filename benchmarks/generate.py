#!/usr/bin/env python3
"""Generate a synthetic kapdiary diary home for benchmarks.

Writes entries in the on-disk format of DESIGN.md section 4 (Markdown files with
YAML front matter under ``<home>/entries/YYYY/MM/``) plus ``intentions.toml``, and
optionally the same entries as a jrnl 4.x plain-text journal with a ready config.

Standalone: needs only the standard library and PyYAML. Deterministic for a seed.

    python benchmarks/generate.py --entries 10000 --home /tmp/bench-home
    python benchmarks/generate.py --entries 200 --home /tmp/h --jrnl /tmp/j.txt
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# --------------------------------------------------------------------------- model

INTENTIONS: tuple[tuple[str, str, str], ...] = (
    ("present-with-kids", "Be present with my kids", "relationships"),
    ("self-compassion", "Meet myself with compassion", "mind"),
    ("move-my-body", "Move my body every day", "body"),
)
INTENTION_IDS = tuple(i[0] for i in INTENTIONS)
AREAS = ("mind", "body", "spirit", "relationships", "lifestyle", "nature")

# fmt: off
# Plain YAML scalars only (no yes/no/on/off/null look-alikes).
TAGS = (
    "family", "insight", "kids", "partner", "work", "sleep", "grief", "anxiety",
    "gratitude", "nature", "walk", "therapy", "music", "rest", "anger", "joy",
    "breath", "friends", "boundaries", "cooking", "hope", "fear", "memory",
    "self-care", "creativity", "integration", "childhood", "tears",
)

EVENING_SECTIONS = (
    "What came up for me today?",
    "How did I move toward my intentions?",
    "What do I carry into tomorrow?",
)
SESSION_SECTIONS = (
    "Setting and intention",
    "What came up?",
    "Body and after-effects",
)
SESSION_FIELDS = (
    "route: nasal spray\n"
    "dose_mg: 56\n"
    "duration_min: 90\n"
    "side_effects: [dissociation]\n"
)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December",
)

# fmt: on

MARKER_SHARE = 0.05
PRIVATE_SHARE = 0.03
INLINE_TAG_SHARE = 0.3
WORDS_PER_ENTRY = 250

# ---------------------------------------------------------------------- vocabulary
# A small grammar: sentence patterns with {slots} filled from word lists. Gives
# diary-like prose (a few hundred distinct words) at the cost of a dict lookup
# and a random choice per slot.

# fmt: off
SLOTS: dict[str, tuple[str, ...]] = {
    "person": (
        "my partner", "my daughter", "my son", "the kids", "my mother", "my father",
        "my sister", "my brother", "an old friend", "my therapist", "my coach",
        "a neighbour", "my colleague", "the little one", "my best friend",
    ),
    "feeling": (
        "calm", "tired", "raw", "tender", "restless", "hopeful", "heavy", "light",
        "anxious", "grateful", "sad", "curious", "irritated", "soft", "open",
        "numb", "steady", "overwhelmed", "relieved", "lonely", "warm", "grounded",
        "scattered", "peaceful", "ashamed", "proud", "fragile", "awake",
    ),
    "thing": (
        "the kitchen table", "a cup of tea", "the rain on the window", "my breath",
        "the old photographs", "the garden", "a song from years ago", "the dishes",
        "the morning light", "my shoulders", "the tightness in my chest",
        "an email from work", "the dog", "the unfinished letter", "the bedtime story",
        "the smell of bread", "a long shower", "the empty chair", "my notebook",
        "the school run", "the river path", "the park bench", "a quiet moment",
        "the noise in my head", "the pile of laundry", "my phone", "the candle",
    ),
    "time": (
        "this morning", "at lunch", "in the afternoon", "after dinner",
        "before bed", "on the way home", "during the meeting", "at the school gate",
        "in the shower", "while cooking", "on my walk", "late in the evening",
        "in the car", "around noon", "after the call",
    ),
    "place": (
        "in the kitchen", "by the window", "at my desk", "in the garden",
        "on the sofa", "in the park", "at the bus stop", "on the stairs",
        "in the supermarket", "by the river", "in bed", "on the balcony",
        "at the playground", "in the waiting room", "under the trees",
    ),
    "past": (
        "noticed", "remembered", "held", "watched", "avoided", "welcomed",
        "carried", "missed", "enjoyed", "resisted", "touched", "forgot",
        "returned to", "listened to", "put down", "made space for",
    ),
    "did": (
        "breathed slowly", "cried a little", "laughed out loud", "stayed with it",
        "went for a walk", "stretched for ten minutes", "called someone",
        "put the phone away", "sat in silence", "wrote a few lines", "said no",
        "asked for help", "took a nap", "cooked something simple", "danced in the kitchen",
        "lay on the floor", "played a game with the kids", "went to bed early",
    ),
    "abstract": (
        "grief", "trust", "patience", "change", "healing", "tenderness", "anger",
        "forgiveness", "rest", "fear", "hope", "shame", "joy", "love", "control",
        "letting go", "belonging", "presence", "courage", "kindness",
    ),
    "quality": (
        "time", "practice", "gentleness", "honesty", "space", "company", "repetition",
        "small steps", "a lot of breath", "slowness", "humour", "care",
    ),
    "image": (
        "a wave", "an open door", "a child on a swing", "a dark forest",
        "a warm hand", "a field of snow", "deep water", "a mountain path",
        "a flock of birds", "an empty room", "a burning candle", "a bridge",
        "roots under the ground", "a window at night", "a slow river",
    ),
    "future": (
        "tomorrow", "this week", "in the morning", "at breakfast", "after school",
        "before work", "on the weekend", "when it gets hard", "next time",
    ),
    "wish": (
        "slow down", "listen more", "be kind to myself", "go outside", "drink more water",
        "put the phone in a drawer", "ask for a hug", "rest without guilt",
        "notice my breath", "say what I need", "move a little", "stay curious",
        "leave work at work", "sit with the kids", "write before bed",
    ),
    "adverb": (
        "quietly", "slowly", "suddenly", "gently", "again", "finally", "almost",
        "briefly", "fully", "honestly", "clumsily", "easily",
    ),
}

PATTERNS: tuple[str, ...] = (
    "I {past} {thing} {time} and felt {feeling}.",
    "{time}, I felt {feeling} and a little {feeling}.",
    "There was a moment {place} when I {did}.",
    "I {past} {thing} {place}, {adverb}.",
    "{person} said something {time} and I felt {feeling}.",
    "I noticed {thing} and let it be there.",
    "Sitting with {abstract} for a while left me {feeling}.",
    "I am learning that {abstract} takes {quality}.",
    "Maybe {abstract} is not the enemy, maybe it just needs {quality}.",
    "{person} and I shared {thing} for a moment.",
    "My body felt {feeling} {time}, so I {did}.",
    "I keep seeing {image} when I close my eyes.",
    "The image of {image} came back {time}.",
    "I {did} {time}, and that was enough.",
    "Part of me wanted to run, part of me stayed {feeling}.",
    "I could feel {abstract} {place}, {adverb}.",
    "When {person} looked at me {time}, I felt {feeling}.",
    "I want to {wish} {future}.",
    "{future} I will try to {wish}.",
    "Small thing: I {did} {place}.",
    "I was {feeling} with {person} and then {feeling} again.",
    "The old story about {abstract} showed up {time}.",
    "What would it mean to {wish}?",
    "I {past} {abstract} instead of pushing it away.",
    "I am {feeling}, and that is allowed.",
    "Thinking of {image} helps me remember {abstract}.",
    "{person} reminded me that {abstract} takes {quality}.",
    "There is {abstract} in me that I did not see before.",
    "I made tea {time} and just listened to the house.",
    "{person} needed me {time}, and I stayed with them.",
    "I got angry {place} and then came back to my breath.",
    "The kids were loud {time}; I tried to stay {feeling}.",
    "I could not sleep well, so everything felt {feeling}.",
    "I took the long way home and let myself feel {feeling}.",
    "A memory about {abstract} surfaced {place}.",
    "I told {person} how I really felt, which was {feeling}.",
    "My mind kept running back to {thing}.",
    "I forgot my intentions for a while {time}, then remembered.",
    "I moved my body {time}: nothing big, but I {did}.",
    "When the heaviness came, I {did}.",
    "I was hard on myself {time}, and then I caught it.",
    "Something about {thing} made me think of {image}.",
    "I wonder what {person} would say about {abstract}.",
    "It is strange how {abstract} and {abstract} sit so close together.",
)

MARKER_PATTERNS: tuple[str, ...] = (
    "I thought of the {w} on the coast road again.",
    "The {w} from the session came back {time}.",
    "{W} is the word that stayed with me.",
    "In my mind I walked up to the {w} and stood there, {feeling}.",
)

# fmt: on

_SLOT_RE = re.compile(r"\{(\w+)\}")


def _compile(pattern: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Split a pattern into literal pieces and slot names (literals interleave slots)."""
    parts = _SLOT_RE.split(pattern)
    return tuple(parts[0::2]), tuple(parts[1::2])


COMPILED = tuple(_compile(p) for p in PATTERNS)
COMPILED_MARKER = tuple(_compile(p) for p in MARKER_PATTERNS)


def vocabulary_text() -> str:
    """All fixed text the generator can emit, for checking the marker word is unique."""
    pieces = [*PATTERNS, *TAGS, *EVENING_SECTIONS, *SESSION_SECTIONS, SESSION_FIELDS]
    pieces += [
        *WEEKDAYS,
        *MONTHS,
        *AREAS,
        *INTENTION_IDS,
        "Evening integration",
        "Dosing session",
        "evening",
        "session",
        "template",
        "private",
    ]
    pieces += [text for _, text, _ in INTENTIONS]
    for words in SLOTS.values():
        pieces.extend(words)
    return "\n".join(pieces).casefold()


# ------------------------------------------------------------------------ entries


@dataclass
class Entry:
    day: dt.date
    clock: str  # 'HH:MM'
    template: str  # evening | session
    file_name: str
    mood: int
    intentions: dict[str, int]
    areas: dict[str, int]
    tags: list[str]
    private: bool = False
    session: int | None = None
    title: str = ""
    sections: list[tuple[str, list[str]]] = field(default_factory=list)  # heading, sentences


class Walk:
    """A bounded random walk, so ratings drift like a real diary instead of noise."""

    def __init__(self, rng: random.Random, low: float, high: float) -> None:
        self.rng, self.low, self.high = rng, low, high
        self.value = rng.uniform(low + 1, high - 1)

    def step(self) -> int:
        self.value += self.rng.gauss(0.01, 0.7)
        self.value = min(self.high, max(self.low, self.value))
        return round(self.value)


class Prose:
    def __init__(self, rng: random.Random, word: str) -> None:
        self.rng = rng
        self.word = word
        self.deck: list[int] = []

    def new_entry(self) -> None:
        """Shuffle the patterns, so one entry rarely repeats a sentence shape."""
        self.deck = list(range(len(COMPILED)))
        self.rng.shuffle(self.deck)

    def _fill(self, compiled: tuple[tuple[str, ...], tuple[str, ...]]) -> str:
        literals, slots = compiled
        choice = self.rng.choice
        out = [literals[0]]
        used: set[str] = set()
        for slot, literal in zip(slots, literals[1:], strict=True):
            if slot == "w":
                out.append(self.word)
            elif slot == "W":
                out.append(self.word[:1].upper() + self.word[1:])
            else:
                word = choice(SLOTS[slot])
                while word in used:  # "tired and a little tired"
                    word = choice(SLOTS[slot])
                used.add(word)
                out.append(word)
            out.append(literal)
        text = "".join(out)
        return text[:1].upper() + text[1:]

    def sentence(self) -> str:
        if not self.deck:
            self.new_entry()
        return self._fill(COMPILED[self.deck.pop()])

    def marker_sentence(self) -> str:
        return self._fill(self.rng.choice(COMPILED_MARKER))

    def paragraph(self, words: int) -> list[str]:
        sentences: list[str] = []
        count = 0
        while count < words - 5:  # stop near the target rather than past it
            s = self.sentence()
            sentences.append(s)
            count += s.count(" ") + 1
        return sentences


def long_date(day: dt.date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def plan_days(rng: random.Random, n: int, days: int, end: dt.date) -> list[tuple[dt.date, int]]:
    """Return (day, entry count) oldest first: one per day, extras spread at random."""
    counts = [1] * days
    order = list(range(days))
    rng.shuffle(order)
    for i in range(n - days):
        counts[order[i % days]] += 1
    start = end - dt.timedelta(days=days - 1)
    return [(start + dt.timedelta(days=i), counts[i]) for i in range(days)]


def build_entries(seed: int, n: int, days: int, end: dt.date, word: str) -> list[Entry]:
    # Two streams: the plan (days, ratings, sessions, which entries get the marker) and
    # the prose, so changing the wording never moves the structure, and vice versa.
    rng = random.Random(seed)
    text_rng = random.Random(f"prose-{seed}")
    prose = Prose(text_rng, word)
    mood_walk = Walk(rng, 1, 10)
    intention_walks = {i: Walk(rng, 0, 10) for i in INTENTION_IDS}
    area_walks = {a: Walk(rng, 0, 10) for a in AREAS}

    entries: list[Entry] = []
    session_no = 0
    next_session = rng.randint(0, 9)
    for index, (day, count) in enumerate(plan_days(rng, n, days, end)):
        is_session_day = index == next_session
        if is_session_day:
            next_session += rng.randint(8, 12)
        minutes = (
            rng.randint(12 * 60, 17 * 60)
            if is_session_day
            else rng.randint(19 * 60 + 30, 22 * 60 + 30)
        )
        per_template: dict[str, int] = {}
        for k in range(count):
            template = "session" if is_session_day and k == 0 else "evening"
            per_template[template] = per_template.get(template, 0) + 1
            nth = per_template[template]
            suffix = "" if nth == 1 else f"-{nth}"
            if k:
                minutes = min(23 * 60 + 59, minutes + rng.randint(5, 90))
                if template == "evening" and minutes < 19 * 60:
                    minutes = rng.randint(19 * 60, 22 * 60)
            picked_intentions = sorted(rng.sample(range(len(INTENTION_IDS)), rng.randint(2, 3)))
            picked_areas = sorted(rng.sample(range(len(AREAS)), rng.randint(2, 4)))
            tags = rng.sample(TAGS, rng.randint(1, 3))
            entry = Entry(
                day=day,
                clock=f"{minutes // 60:02d}:{minutes % 60:02d}",
                template=template,
                file_name=f"{day.isoformat()}-{template}{suffix}.md",
                mood=mood_walk.step(),
                intentions={
                    INTENTION_IDS[i]: intention_walks[INTENTION_IDS[i]].step()
                    for i in picked_intentions
                },
                areas={AREAS[i]: area_walks[AREAS[i]].step() for i in picked_areas},
                tags=tags,
                private=rng.random() < PRIVATE_SHARE,
            )
            if template == "session":
                session_no += 1
                entry.session = session_no
                entry.tags = ["session", *[t for t in tags if t != "session"]]
                entry.title = f"Dosing session {session_no} — {long_date(day)}"
                headings = SESSION_SECTIONS
            else:
                entry.title = f"Evening integration — {long_date(day)}"
                headings = EVENING_SECTIONS
            prose.new_entry()
            budget = WORDS_PER_ENTRY + text_rng.randint(-30, 30)
            weights = [text_rng.uniform(0.7, 1.3) for _ in headings]
            total = sum(weights)
            for heading, weight in zip(headings, weights, strict=True):
                sentences = prose.paragraph(round(budget * weight / total))
                if text_rng.random() < INLINE_TAG_SHARE / len(headings):
                    sentences.append(f"#{text_rng.choice(TAGS)}")  # an inline tag
                entry.sections.append((heading, sentences))
            entries.append(entry)

    # Plant the marker word in an exact, seeded sample of entries.
    for entry in rng.sample(entries, max(1, round(len(entries) * MARKER_SHARE))):
        _, sentences = entry.sections[text_rng.randrange(len(entry.sections))]
        sentences.insert(text_rng.randrange(len(sentences)), prose.marker_sentence())
    return entries


# ---------------------------------------------------------------------- rendering


def render_markdown(entry: Entry) -> str:
    lines = [
        "---",
        f"date: {entry.day.isoformat()}",
        f"time: '{entry.clock}'",
        f"template: {entry.template}",
    ]
    # Key order is kapdiary's own (entry.ordered_meta): known keys, then template fields.
    if entry.session is not None:
        lines.append(f"session: {entry.session}")
    lines.append(f"mood: {entry.mood}")
    lines.append("intentions:")
    lines += [f"  {key}: {value}" for key, value in entry.intentions.items()]
    lines.append("areas:")
    lines += [f"  {key}: {value}" for key, value in entry.areas.items()]
    if entry.session is not None:
        lines.append(SESSION_FIELDS.rstrip("\n"))
    lines.append(f"tags: [{', '.join(entry.tags)}]")
    if entry.private:
        lines.append("private: true")
    lines += ["---", "", f"# {entry.title}"]
    for heading, sentences in entry.sections:
        lines += ["", f"## {heading}", "", " ".join(sentences)]
    return "\n".join(lines) + "\n"


def render_jrnl(entry: Entry) -> str:
    # No Markdown heading marks: jrnl would read "##" as a tag. Inline tags become
    # @tags, since jrnl tells "#family" and "@family" apart and kapdiary does not.
    lines = [f"[{entry.day.isoformat()} {entry.clock}] {entry.title}"]
    for heading, sentences in entry.sections:
        words = (f"@{s[1:]}" if s.startswith("#") else s for s in sentences)
        lines += [heading, " ".join(words), ""]
    lines.append(" ".join(f"@{tag}" for tag in entry.tags))
    return "\n".join(lines) + "\n"


def render_intentions(since: dt.date) -> str:
    blocks = [
        f'[[intentions]]\nid = "{ident}"\ntext = "{text}"\narea = "{area}"\n'
        f"set_on = {since.isoformat()}\n"
        for ident, text, area in INTENTIONS
    ]
    return "\n".join(blocks)


def jrnl_config(journal: Path) -> str:
    config = {
        # jrnl compares this with its own __version__ ("4.6", no "v") and rewrites the
        # file with a notice on stderr when they differ.
        "version": "4.6",
        "journals": {"default": {"journal": str(journal)}},
        "encrypt": False,
        "editor": "",
        "default_hour": 21,
        "default_minute": 0,
        "timeformat": "%Y-%m-%d %H:%M",
        "tagsymbols": "#@",
        "highlight": False,
        "linewrap": 79,
        "colors": {"body": "none", "date": "none", "tags": "none", "title": "none"},
        "indent_character": "|",
        "template": False,
        "display_format": "",
    }
    return yaml.safe_dump(config, sort_keys=False, allow_unicode=True)


# -------------------------------------------------------------------------- files


def write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)  # whatever the umask
    with os.fdopen(fd, "wb") as f:
        f.write(text.encode("utf-8"))


def make_dir(path: Path) -> None:
    path.mkdir(mode=0o700, exist_ok=True)
    path.chmod(0o700)


def write_home(home: Path, entries: list[Entry]) -> None:
    make_dir(home)
    entries_dir = home / "entries"
    make_dir(entries_dir)
    made: set[tuple[int, int]] = set()
    for entry in entries:
        year, month = entry.day.year, entry.day.month
        folder = entries_dir / f"{year:04d}" / f"{month:02d}"
        if (year, month) not in made:
            make_dir(folder.parent)
            make_dir(folder)
            made.add((year, month))
        write_private(folder / entry.file_name, render_markdown(entry))
    write_private(home / "intentions.toml", render_intentions(entries[0].day))


def write_jrnl(journal: Path, entries: list[Entry]) -> Path:
    ordered = sorted(entries, key=lambda e: (e.day, e.clock))
    write_private(journal, "\n".join(render_jrnl(e) for e in ordered))
    config = journal.with_name(journal.name + ".yaml")
    write_private(config, jrnl_config(journal))
    return config


# ---------------------------------------------------------------------------- cli


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Generate a synthetic kapdiary home (and optionally a jrnl journal).",
    )
    parser.add_argument(
        "--entries", type=int, required=True, metavar="N", help="number of entries to write"
    )
    parser.add_argument(
        "--home",
        type=Path,
        required=True,
        metavar="DIR",
        help="diary home to create (must be new or empty)",
    )
    parser.add_argument(
        "--days",
        type=int,
        metavar="D",
        help="spread the entries over D days ending at --end "
        "(default: N, one entry per day); extra entries "
        "become second entries (-2, -3, ...)",
    )
    parser.add_argument(
        "--jrnl",
        type=Path,
        metavar="FILE",
        help="also write the entries as a jrnl journal, with a jrnl config next to it at FILE.yaml",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--word", default="lighthouse", help="marker word planted in about 5%% of entries"
    )
    parser.add_argument(
        "--end",
        type=dt.date.fromisoformat,
        default=dt.date(2026, 11, 20),
        help="the newest diary day (ISO date, default 2026-11-20)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    n: int = args.entries
    days: int = n if args.days is None else args.days
    word: str = args.word
    home: Path = args.home.expanduser().resolve()
    journal: Path | None = args.jrnl.expanduser().resolve() if args.jrnl else None

    def fail(message: str) -> int:
        print(f"generate.py: {message}", file=sys.stderr)
        return 2

    if n < 1:
        return fail("--entries must be at least 1")
    if not 1 <= days <= n:
        return fail("--days must be between 1 and --entries")
    if not re.fullmatch(r"[A-Za-z][A-Za-z-]*", word):
        return fail("--word must be a single word of letters")
    if word.casefold() in vocabulary_text():
        return fail(f"--word {word!r} occurs in the generated text; pick a rarer word")
    if home.exists() and (not home.is_dir() or any(home.iterdir())):
        return fail(f"{home} exists and is not an empty folder; pick a new one")
    if journal is not None:
        for path in (journal, journal.with_name(journal.name + ".yaml")):
            if path.exists():
                return fail(f"{path} exists; pick a new jrnl file name")
        if not journal.parent.is_dir():
            return fail(f"{journal.parent} is not a folder")
    if days - 1 > (args.end - dt.date.min).days:
        return fail("too many days before --end")

    entries = build_entries(args.seed, n, days, args.end, word)
    write_home(home, entries)
    config = write_jrnl(journal, entries) if journal is not None else None

    needle = word.casefold()
    marked = [e for e in entries if needle in render_markdown(e).casefold()]
    summary = {
        "home": str(home),
        "entries": len(entries),
        "evening": sum(e.template == "evening" for e in entries),
        "session": sum(e.template == "session" for e in entries),
        "private": sum(e.private for e in entries),
        "first_day": entries[0].day.isoformat(),
        "last_day": entries[-1].day.isoformat(),
        "word": word,
        "word_entries": len(marked),
        "word_entries_private": sum(e.private for e in marked),
        "jrnl": str(journal) if journal else None,
        "jrnl_config": str(config) if config else None,
        "seconds": round(time.perf_counter() - started, 3),
    }
    if args.json:
        print(json.dumps(summary, indent=2))
        return 0
    print(f"wrote {_count(len(entries), 'entry', 'entries')} to {home}")
    print(
        f"  {summary['evening']} evening, {summary['session']} session, "
        f"{summary['private']} private; {summary['first_day']} .. {summary['last_day']}"
    )
    print(
        f"  marker word {word!r} is in {_count(len(marked), 'entry', 'entries')} "
        f"({summary['word_entries_private']} of them private)"
    )
    if journal is not None:
        print(f"  jrnl journal: {journal}")
        print(f"  jrnl config:  {config}")
    print(f"  took {summary['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
