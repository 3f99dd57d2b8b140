"""Avatars of initials (app/users/avatars.py, `_macros/people.html`): letters of any script, a colour that
stays with the username, white letters readable on every colour, decoration hidden from screen readers."""
from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pytest
from factories import PASSWORD, make_category, make_reply, make_thread, make_user
from helpers import soup

from app.extensions import db
from app.users import avatars
from app.users.deletion import delete_account

CSS = Path(__file__).resolve().parents[3] / "app" / "static" / "css" / "site.css"


@pytest.mark.parametrize(("name", "language", "expected"), [
    ("Nina Nowak", "de", "NN"),
    ("nina", "de", "N"),
    ("Jean-Luc Picard", "en", "JP"),
    ("Anna Maria von Berg", "de", "AB"),
    ("ilker yılmaz", "tr", "İY"),   # Turkish capitals: i -> İ, ı -> I
    ("ılgın", "tr", "I"),
    ("ilse", "de", "I"),
    ("İlker", "de", "İ"),
    ("عبد الله", "ar", "ع"),       # no capitals in Arabic: one letter, never two joined into a word
    ("Nina محمد", "ar", "N"),
    ("李 小龙", "en", "李"),
    ("🚲 Bike Fan!", "en", "BF"),   # what is no letter is passed over
    ("  élodie   durand ", "fr", "ÉD"),
])
def test_initials_are_the_first_letters_of_the_first_and_last_word(name, language, expected):
    assert avatars.initials(name, "someone", language) == expected


def test_a_letter_keeps_its_marks():
    decomposed = unicodedata.normalize("NFD", "ömer şahin")
    assert avatars.initials(decomposed, "omer", "tr") == "ÖŞ"


def test_a_name_without_letters_falls_back_on_the_username():
    assert avatars.initials("123 ***", "nina", "de") == "N"
    assert avatars.initials("", "", "de") == ""


def test_the_colour_stays_with_the_username_and_the_palette_is_used():
    assert avatars.colour("nina") == avatars.colour("nina") == 4  # CRC-32: the same in every process
    assert {avatars.colour(f"user{n}") for n in range(200)} == set(range(avatars.COLOURS))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: str, other: str) -> float:
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_avatar_colour_carries_its_letters_at_4_5_to_1_or_more():
    css = CSS.read_text(encoding="utf-8")
    letters = re.search(r"\.avatar \{[^}]*?[^-]color: (#[0-9a-f]{6})", css).group(1)
    backgrounds = dict(re.findall(r"\.avatar-colour-(\d) \{ background: (#[0-9a-f]{6}); \}", css))
    assert sorted(backgrounds) == [str(n) for n in range(avatars.COLOURS)]
    for number, background in backgrounds.items():
        assert contrast(letters, background) >= 4.5, (number, background, contrast(letters, background))


def test_the_avatar_stands_beside_the_name_hidden_from_screen_readers(app, client):
    with app.app_context():
        nina = make_user("nina", display_name="Nina Nowak", locale="en")
        thread = make_thread(nina, make_category("talk"), title="Benches")
        make_reply(thread, make_user("ilker", display_name="ilker yılmaz", locale="tr"), "Merhaba")
        thread_id = thread.id

    page = soup(client.get(f"/t/{thread_id}", headers={"Accept-Language": "en"}))

    shown = {a.get_text(strip=True): a.find_previous("span", class_="avatar") for a in page.select(".post-byline a")
             if a.get_text(strip=True) in ("Nina Nowak", "ilker yılmaz")}
    assert shown["Nina Nowak"].get_text() == "NN"
    assert shown["ilker yılmaz"].get_text() == "İY"
    for avatar in shown.values():
        assert avatar["aria-hidden"] == "true"
        assert avatar.get("style") is None
    assert f"avatar-colour-{avatars.colour('nina')}" in shown["Nina Nowak"]["class"]


def test_the_profile_shows_a_large_avatar_and_a_deleted_author_a_neutral_one(app, client):
    with app.app_context():
        nina = make_user("nina", display_name="Nina Nowak", locale="en")
        gone = make_user("gone", display_name="Gone Away", locale="en")
        thread = make_thread(nina, make_category("talk"), title="Benches")
        make_reply(thread, gone, "Bye")
        thread_id = thread.id
        delete_account(gone, PASSWORD)
        db.session.remove()

    profile = soup(client.get("/u/nina"))
    assert profile.select_one(".profile-heading .avatar-large").get_text() == "NN"

    page = soup(client.get(f"/t/{thread_id}", headers={"Accept-Language": "en"}))
    neutral = page.select(".post-byline .avatar-deleted")
    assert len(neutral) == 1 and neutral[0].get_text() == "" and neutral[0]["aria-hidden"] == "true"
    assert "Deleted participant" in neutral[0].find_parent(class_="post-byline").get_text()
