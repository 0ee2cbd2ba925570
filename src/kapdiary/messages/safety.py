"""The words about help and safety: what `kapdiary help-now` shows, and what is said right
after a check-in answer about self-harm. Read these first when reviewing tone: they are
for people on their hardest days. The helplines themselves are data
(kapdiary/data/helplines.toml); kapdiary.safety chooses them."""

from __future__ import annotations

IN_DANGER = "If you are in danger now"


def after_self_harm_answer(talk_now: list[str], emergency: str) -> str:
    """Shown right after saving a PHQ-9 whose ninth answer is above 0."""
    return "\n".join(
        [
            "You said you have had thoughts that you would be better off dead, "
            "or of hurting yourself.",
            "Thank you for answering honestly. Your entry is saved.",
            "Nobody monitors this diary, so please tell your therapist, prescriber or coach.",
            *talk_now,
            f"If you are in danger, call {emergency}.",
            "`kapdiary help-now` shows where to find help at any time.",
        ]
    )


def help_now(talk_now: list[str], emergency: str) -> list[str]:
    """`kapdiary help-now`'s paragraphs (a note on the country may follow)."""
    return [
        "kapdiary is a personal diary. It is not a medical device and not a crisis service, "
        "and nobody monitors it.",
        f"{IN_DANGER}, call {emergency}.",
        "\n".join(talk_now),
        "Tell your therapist, prescriber or coach how you are; "
        "they can help in ways a diary cannot.",
    ]


def talk_now(country_name: str | None, lines: list[str], findahelpline: str) -> list[str]:
    """``To talk to someone now`` with each line indented, then findahelpline.com."""
    heading = "To talk to someone now"
    if country_name:
        heading += f" in {country_name}"
    return [f"{heading}:", *(f"  {line}" for line in lines), f"  Elsewhere, {findahelpline}."]


def helpline(name: str, where: str | None, reach: str, when: str) -> str:
    """``Samaritans — call 116 123, any time, day or night.``"""
    place = f"{where}, " if where else ""
    return f"{name} — {place}{reach}, {when}."


def emergency_number(number: str) -> str:
    """``the emergency number, 999`` (a listed country's)."""
    return f"the emergency number, {number}"


def countries(codes: list[str]) -> str:
    """The listed countries: ``DE, GB and US``."""
    if len(codes) < 2:
        return "".join(codes) or "no country"
    return f"{', '.join(codes[:-1])} and {codes[-1]}"


def helplines_file_empty(path: object) -> str:
    return f"the helplines file {path} has no [default] or [countries]"


def set_your_country(example: object) -> str:
    return (
        "To see your country's helplines here, set your country, for example `kapdiary config "
        f"set country GB` (kapdiary lists {example})."
    )


def cannot_read_helplines(path: object, problem: object) -> str:
    return f"cannot read the helplines file {path} ({problem}); reinstall kapdiary"


def helplines_file_lacks(path: object, key: object, where: object) -> str:
    return f"the helplines file {path} lacks {key} in {where}; reinstall kapdiary"


def no_helplines_for_country(listed: object, country: object) -> str:
    return (
        f"kapdiary lists helplines for {listed}, not yet for {country}; findahelpline.com has them."
    )
