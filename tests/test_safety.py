"""Where help is: the helplines file, the `country` setting, `kapdiary help-now`, and the
message shown after a PHQ-9 answer about self-harm (kapdiary.safety)."""

from __future__ import annotations

import json
import os
import re
import tomllib
from pathlib import Path

import pytest

from conftest import one_error_line
from kapdiary import safety
from kapdiary.errors import UsageError

EVERY_COUNTRY = [None, *safety.COUNTRIES, "FR"]


def config_file() -> Path:
    return Path(os.environ["KAPDIARY_CONFIG"])


# -- the data file ------------------------------------------------------------------------------


def test_the_helplines_file_lists_each_country_with_its_emergency_number_and_lines() -> None:
    data = tomllib.loads(safety.DATA_FILE.read_text(encoding="utf-8"))

    assert "findahelpline.com" in data["findahelpline"]
    assert data["default"]["emergency"] == "your local emergency number"
    assert set(data["countries"]) == {"US", "CA", "GB", "IE", "AU", "NZ", "DE"}
    assert tuple(sorted(data["countries"])) == safety.COUNTRIES
    for code, country in data["countries"].items():
        assert re.fullmatch(r"[A-Z]{2}", code), code
        assert country["name"] and re.search(r"\d", country["emergency"]), code
        assert country["lines"], code
        for line in country["lines"]:
            assert line["name"] and re.search(r"\d", line["reach"]) and line["when"], code


@pytest.mark.parametrize(
    ("code", "emergency", "reach"),
    [
        ("US", "911", "call or text 988"),
        ("CA", "911", "call or text 988"),
        ("GB", "999", "call 116 123"),
        ("IE", "112 or 999", "call 116 123"),
        ("AU", "000", "call 13 11 14"),
        ("NZ", "111", "call or text 1737"),
        ("DE", "112", "call 0800 111 0 111 or 0800 111 0 222"),
    ],
)
def test_each_listed_country_has_its_numbers(code: str, emergency: str, reach: str) -> None:
    resources = safety.load_resources(code.lower())

    assert resources.country == code and resources.listed
    assert resources.emergency == emergency
    assert resources.lines[0].reach == reach
    assert "findahelpline.com" in resources.findahelpline


def test_gb_also_lists_nhs_111() -> None:
    lines = safety.load_resources("GB").lines

    assert [(line.name, line.reach) for line in lines] == [
        ("Samaritans", "call 116 123"),
        ("NHS 111", "call 111"),
    ]


@pytest.mark.parametrize("country", [None, "", "FR", "fr", "XX"])
def test_no_country_or_an_unlisted_one_gets_the_default_help(country: str | None) -> None:
    resources = safety.load_resources(country)

    assert not resources.listed and resources.country_name is None
    assert resources.emergency == "your local emergency number"
    assert [(line.where, line.reach) for line in resources.lines] == [
        ("in the US", "call or text 988")
    ]
    assert "findahelpline.com" in resources.findahelpline


@pytest.mark.parametrize("country", ["G", "GBR", "g1", "🇬🇧", "ß"])
def test_a_malformed_country_code_is_a_usage_error(country: str) -> None:
    with pytest.raises(UsageError, match="two-letter code like US, GB or DE"):
        safety.load_resources(country)


# -- the message after a PHQ-9 answer about self-harm -------------------------------------------


@pytest.mark.parametrize("country", EVERY_COUNTRY)
def test_the_safety_message_says_what_matters_calmly(country: str | None) -> None:
    message = safety.safety_message(country)

    assert message.startswith("You said you have had thoughts")
    for words in ("saved", "Nobody monitors", "therapist, prescriber or coach"):
        assert words in message, words
    assert "findahelpline.com" in message
    assert "If you are in danger, call " in message
    assert message.splitlines()[-1].startswith("`kapdiary help-now`")
    assert "!" not in message
    assert len(message.splitlines()) <= 10


def test_the_safety_message_for_the_us() -> None:
    message = safety.safety_message("US")

    assert "call or text 988" in message and "988 Suicide & Crisis Lifeline" in message
    assert "If you are in danger, call the emergency number, 911." in message
    for words in ("988", "findahelpline.com", "emergency", "nobody", "therapist"):
        assert words in message.lower(), words


def test_the_safety_message_without_a_country() -> None:
    message = safety.safety_message(None)

    assert "in the US, call or text 988" in message
    assert "Elsewhere, findahelpline.com lists free, confidential helplines" in message
    assert "call your local emergency number" in message
    for words in ("988", "findahelpline.com", "emergency", "nobody", "therapist"):
        assert words in message.lower(), words


def test_the_safety_message_never_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    assert safety.safety_message("not a code") == safety.safety_message(None)

    monkeypatch.setattr(safety, "DATA_FILE", tmp_path / "missing.toml")
    message = safety.safety_message("GB")

    assert "988" in message and "findahelpline.com" in message
    assert "your local emergency number" in message


# -- kapdiary help-now --------------------------------------------------------------------------


def test_help_now_without_a_country(run, home: Path) -> None:
    home.rmdir()  # help is never refused, not even for a home that is missing

    result = run("help-now")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "not a medical device and not a crisis service" in out
    assert "nobody monitors it" in out
    assert "If you are in danger now, call your local emergency number." in out
    assert "in the US, call or text 988" in out
    assert "findahelpline.com lists free, confidential helplines by country" in out
    assert "therapist, prescriber or coach" in out
    assert "kapdiary config set country" in out
    assert result.stderr == ""
    assert not home.exists()  # it needs no diary


def test_help_now_for_a_country(run, home: Path) -> None:
    result = run("help-now", "--country", "GB")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "If you are in danger now, call the emergency number, 999." in out
    assert "To talk to someone now in the UK:" in out
    assert "Samaritans — call 116 123, any time, day or night." in out
    assert "NHS 111" in out
    assert "findahelpline.com" in out
    assert "988" not in out
    assert "kapdiary config set country" not in out


def test_help_now_uses_the_country_in_the_config(run, home: Path) -> None:
    set_result = run("config", "set", "country", "nz")
    assert set_result.exit_code == 0, set_result.output

    result = run("help-now")

    assert result.exit_code == 0, result.output
    assert "call or text 1737" in result.stdout and "emergency number, 111." in result.stdout
    overridden = run("help-now", "--country", "au")
    assert "call 13 11 14" in overridden.stdout and "emergency number, 000." in overridden.stdout


def test_help_now_for_a_country_it_does_not_list(run, home: Path) -> None:
    result = run("help-now", "--country", "fr")

    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "call your local emergency number" in out
    assert "findahelpline.com" in out and "in the US, call or text 988" in out
    assert "not yet for FR" in out


def test_help_now_refuses_a_malformed_country_with_the_fix(run, home: Path) -> None:
    result = run("help-now", "--country", "GBR")

    assert result.exit_code == 2
    assert "two-letter code like US, GB or DE" in one_error_line(result)


def test_help_now_still_helps_when_the_config_is_broken(run, home: Path) -> None:
    config_file().parent.mkdir(parents=True)
    config_file().write_text('country = "Germany"\n')

    result = run("help-now")

    assert result.exit_code == 0
    assert "call your local emergency number" in result.stdout
    assert "findahelpline.com" in result.stdout
    assert str(config_file()) in one_error_line(result)


def test_help_now_json(run, home: Path) -> None:
    result = run("help-now", "--country", "gb", "--json")

    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data == {
        "country": "GB",
        "listed": True,
        "country_name": "the UK",
        "emergency": "999",
        "lines": [
            {
                "name": "Samaritans",
                "reach": "call 116 123",
                "when": "any time, day or night",
                "where": None,
            },
            {
                "name": "NHS 111",
                "reach": "call 111",
                "when": "when you need help urgently and it is not an emergency",
                "where": None,
            },
        ],
        "findahelpline": "findahelpline.com lists free, confidential helplines by country",
        "countries": ["AU", "CA", "DE", "GB", "IE", "NZ", "US"],
    }
    default = json.loads(run("help-now", "--json").stdout)
    assert default["country"] is None and default["listed"] is False
    assert default["emergency"] == "your local emergency number"
    assert default["lines"][0]["where"] == "in the US"


# -- the `country` setting ----------------------------------------------------------------------


def test_config_set_country_stores_it_in_capitals(run, home: Path) -> None:
    result = run("config", "set", "country", " gb ")

    assert result.exit_code == 0, result.output
    assert "country = GB" in result.stdout
    assert tomllib.loads(config_file().read_text(encoding="utf-8"))["country"] == "GB"
    assert run("config", "get", "country").stdout == "GB\n"
    shown = run("config")
    assert re.search(r"(?m)^country\s+GB\s+your country code", shown.stdout), shown.stdout
    assert json.loads(run("config", "--json").stdout)["settings"]["country"] == "GB"

    assert run("config", "set", "country", "").exit_code == 0  # an empty value resets it
    assert "country" not in tomllib.loads(config_file().read_text(encoding="utf-8"))


@pytest.mark.parametrize("value", ["Germany", "g", "U5", "🇩🇪"])
def test_config_set_country_refuses_anything_but_two_letters(run, home: Path, value: str) -> None:
    result = run("config", "set", "country", value)

    assert result.exit_code == 2
    line = one_error_line(result)
    assert "two-letter code like US, GB or DE" in line and repr(value) in line
    assert not config_file().exists()
