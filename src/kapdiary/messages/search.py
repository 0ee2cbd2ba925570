"""What `search` (and `review --text`, which speaks the same language) says to people."""

from __future__ import annotations

LABEL_SEP = " › "  # between a section's prompt and the snippet of what was written under it


def no_words(text: str) -> str:
    return (
        f'{text!r} has no words to look for; try a word, a "quoted phrase" or a '
        "prefix like integrat*"
    )


def unclosed_quote(text: str) -> str:
    return (
        f"{text!r} opens a quote it does not close; put a quote at both ends of a phrase, "
        'like "school gate"'
    )


def unclosed_parenthesis(text: str) -> str:
    return f"{text!r} opens a parenthesis it does not close; close it, like (grief OR loss) kids"


def unopened(text: str) -> str:
    return (
        f"{text!r} closes a parenthesis it never opened; write them in pairs, like (grief OR loss)"
    )


def empty_parentheses(text: str) -> str:
    return f"{text!r} has parentheses with nothing inside; put words in them, like (grief OR loss)"


def lonely_operator(operator: str) -> str:
    example = {"AND": "grief AND kids", "OR": "grief OR loss", "NOT": "grief NOT work"}[operator]
    return (
        f"{operator} needs words on both sides, like {example}; to look for the word itself, "
        f'write it in small letters or in quotes ("{operator.lower()}")'
    )


def near() -> str:
    return (
        "NEAR(…) is not something search understands; for words next to each other use a "
        'quoted phrase, like "school gate", for words anywhere in an entry list them, '
        "like school gate"
    )


def too_many(limit: int) -> str:
    return f"that is more than {limit} words to look for; search for the few that matter most"


def too_deep(limit: int) -> str:
    return f"parentheses go at most {limit} deep in a search; write it more simply"


def nothing(query: str, scope: str, *, elsewhere: int = 0) -> str:
    """No entry matches; ``scope`` is `` in <period>`` or empty; ``elsewhere`` entries
    match in the template's prompts and titles, which a search leaves out."""
    if not elsewhere:
        return f"Nothing matches {query}{scope}."
    some = "one entry" if elsewhere == 1 else "some entries"
    return (
        f"Nothing you wrote matches {query}{scope}; the prompts or title of {some} do: "
        "add --everywhere to include them."
    )
