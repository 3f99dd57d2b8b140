"""app.users.usernames: which names may be taken, and when two names are the same."""
from __future__ import annotations

import pytest

from app.users import usernames
from app.users.usernames import key, normalise, refusal, reserved, route_words, scripts


@pytest.mark.parametrize(("one", "other"), [
    ("straße", "STRASSE"), ("Straße", "strasse"), ("ｎｉｎａ", "nina"), ("Nina", "NINA"), ("ﬁsh", "fish"),
    ("Ölbaum", "ölbaum"), ("ΣΟΦΙΑ", "σοφια"),
])
def test_names_that_differ_only_in_case_or_form_have_one_key(one, other):
    assert key(one) == key(other)


def test_normalise_keeps_the_name_as_typed_but_for_compatibility_forms_case_and_spaces():
    assert normalise("  Straße ") == "straße"
    assert normalise("ｎｉｎａ_２") == "nina_2"


@pytest.mark.parametrize("name", ["nina", "böse_straße", "ayşe_yılmaz", "محمد_علي", "σοφία", "иван", "田中さん",
                                  "bürger2026", "x_1"])
def test_a_name_of_letters_of_one_alphabet_digits_and_underscores_may_be_taken(app, name):
    with app.test_request_context():
        assert refusal(name) is None


@pytest.mark.parametrize(("name", "says"), [
    ("ab", "between 3 and 30"), ("n" * 31, "between 3 and 30"),
    ("nina neu", "only letters, digits and underscores"), ("nina-neu", "only letters, digits and underscores"),
    ("nina.neu", "only letters, digits and underscores"), ("nina\u200b", "only letters, digits and underscores"),
    ("12345", "at least one letter"), ("٣٤٥٦", "at least one letter"), ("___", "at least one letter"),
    ("pаypal", "one alphabet"), ("nіna", "one alphabet"), ("ivanιvan", "one alphabet"),  # Cyrillic а, і; Greek ι
    ("admin", "used by the site itself"), ("settings", "used by the site itself"), ("me_", None),
    ("ideas", "used by the site itself"), ("forums", "used by the site itself"), ("search", "used by the site"),
])
def test_a_name_that_may_not_be_taken_is_refused_with_its_reason(app, name, says):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        found = refusal(name)
        if says is None:
            assert found is None
        else:
            assert found is not None and says in str(found), found


def test_every_first_segment_of_the_sites_addresses_is_reserved(app):
    with app.test_request_context():
        assert {"ideas", "forums", "search", "settings", "login", "register", "u", "t", "admin"} <= route_words()
        for rule in app.url_map.iter_rules():
            first = rule.rule.lstrip("/").split("/")[0].split(".")[0]
            if first and "<" not in first and len(first) >= usernames.MIN_LENGTH:
                assert reserved(first) and reserved(first.upper()), first


def test_the_scripts_of_a_name_are_those_of_its_letters():
    assert scripts("nina_2026") == {"LATIN"}
    assert scripts("田中さん") == {"CJK"}  # Han and Hiragana write Japanese together
    assert scripts("pаypal") == {"LATIN", "CYRILLIC"}
