"""app.auth.password_policy: which passwords may be chosen, and the reason given for each refusal."""
from __future__ import annotations

import pytest

from app.auth.password_policy import MAX_LENGTH, MIN_LENGTH, common_passwords, refusal

CONTROL = "Your password contains a control character"
SHORT = "Your password needs at least"
LONG = "Your password may have at most"
COMMON = "This is one of the most common passwords"
PERSONAL = "Your password must not contain your username or e-mail address"


def english(app):
    return app.test_request_context(headers={"Accept-Language": "en"})


def reason(password: str, **person) -> str | None:
    found = refusal(password, **person)
    return None if found is None else str(found)


@pytest.mark.parametrize("password", [
    "correct horse battery",          # a few unrelated words
    "x" * MIN_LENGTH,                 # exactly the minimum (length is all this check knows of it)
    "ü" * MAX_LENGTH,                 # exactly the maximum, counted in characters, not bytes
    "Straßenbahn fährt um 7",         # umlauts, ß, spaces and digits are welcome
    "كلمة سر طويلة جدا",              # any script
])
def test_a_long_uncommon_impersonal_password_is_accepted(app, password):
    with english(app):
        assert reason(password, username="nina", email="nina@example.org") is None


@pytest.mark.parametrize("password", ["a pass\x00word that is long", "line one\nline two!", "tab\there is long"])
def test_control_characters_are_refused_first(app, password):
    with english(app):
        assert reason(password).startswith(CONTROL)
        assert reason(password[:3] + "\x00").startswith(CONTROL)  # even when it is also too short


def test_length_is_counted_in_characters_and_the_message_names_both_numbers(app):
    with english(app):
        assert reason("x" * (MIN_LENGTH - 1)) == (
            f"{SHORT} {MIN_LENGTH} characters; it has {MIN_LENGTH - 1}. A few unrelated words make a long password "
            "that is easy to remember.")
        assert reason("ü" * (MAX_LENGTH + 1)).startswith(f"{LONG} {MAX_LENGTH} characters; it has {MAX_LENGTH + 1}.")


def test_the_shipped_list_is_read_and_long_common_passwords_are_refused_in_any_case(app):
    passwords = common_passwords()
    assert len(passwords) > 19_000 and "password" in passwords and "qwertyuiop123" in passwords
    with english(app):
        for variant in ("qwertyuiop123", "QWERTYUIOP123", "Qwertyuiop123", "ｑｗｅｒｔｙｕｉｏｐ１２３"):  # fullwidth too
            assert reason(variant).startswith(COMMON), variant
        assert reason("qwertyuiop1234") is None  # not on the list: the list is exact, not a pattern


@pytest.mark.parametrize(("password", "person"), [
    ("my name is Nina_K!", {"username": "nina_k"}),
    ("write to NINA@Example.org now", {"email": "nina@example.org"}),
    ("ninakoch and some words", {"email": "NinaKoch@example.org"}),  # the local part alone
    ("ＮＩＮＡ ＫＯＣＨ ＩＳ ＭＥ", {"username": "nina"}),               # compatibility forms fold to the same
])
def test_a_password_holding_the_persons_username_or_address_is_refused(app, password, person):
    with english(app):
        assert reason(password, **person).startswith(PERSONAL)


def test_very_short_names_are_not_looked_for(app):
    """A two-letter username or address part would refuse half the dictionary."""
    with english(app):
        assert reason("bold ideas for munich", username="bo", email="id@example.org") is None


def test_the_refusal_is_translated(app):
    with app.test_request_context(headers={"Accept-Language": "de"}):
        from flask_babel import refresh

        refresh()
        assert reason("qwertyuiop123").startswith("Dies ist eines der häufigsten Passwörter")
