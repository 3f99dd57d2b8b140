"""Ideas written in Arabic and Turkish: a title is counted in characters as stored (vowel signs included, as the
database counts them), the limit's error is in the reader's language next to the field, and the text renders
with its language and direction."""
from __future__ import annotations

import pytest
from factories import PASSWORD, make_idea_category, make_user
from helpers import field_error, soup, translated
from sqlalchemy import select

from app.extensions import db
from ideas.models import TITLE_MAX, Idea

WORD = "مُدُن "  # five characters and a space: three letters, two vowel signs


@pytest.fixture
def writer(app, db, client):
    make_user("layla", locale="ar")
    make_idea_category("administration", name="Administration")
    client.post("/login", data={"login": "layla", "password": PASSWORD})
    return client


def proposal(title: str, body: str = "نريد **إنترنت** مجانيًا في الحدائق.\n\n- الحدائق\n- المكتبات",
             language: str = "ar") -> dict:
    return {"title": title, "body": body, "category": "administration", "language": language, "action": "publish"}


def test_an_arabic_title_of_the_longest_length_is_kept_whole_and_shown_right_to_left(writer):
    title = (WORD * 30)[:TITLE_MAX - 1] + "ة"
    assert len(title) == TITLE_MAX

    response = writer.post("/ideas/new", data=proposal(title))

    assert response.status_code == 302
    idea = db.session.execute(select(Idea)).scalar_one()
    assert idea.title == title and idea.language == "ar"
    page = soup(writer.get(response.location))
    assert page.html["dir"] == "rtl" and page.h1.get_text() == title
    assert page.find(class_="idea-description").find("strong").get_text() == "إنترنت"


def test_one_character_more_is_refused_in_arabic_next_to_the_title(app, writer):
    title = (WORD * 30)[:TITLE_MAX + 1]

    response = writer.post("/ideas/new", data=proposal(title))

    assert response.status_code == 200
    expected = translated(app, "ar", "Please use between %(min)d and %(max)d characters.", min=5, max=TITLE_MAX)
    assert expected in field_error(response, "title")
    assert soup(response).find("input", id="title")["value"] == title
    assert db.session.execute(select(Idea)).first() is None


def test_a_turkish_title_keeps_its_dotted_and_dotless_i(writer):
    title = "İstanbul'da ışıklı bisiklet yolları"

    response = writer.post("/ideas/new", data=proposal(title, body="Geceleri **ışık** olsun.", language="tr"))

    assert response.status_code == 302
    assert soup(writer.get(response.location)).h1.get_text() == title
