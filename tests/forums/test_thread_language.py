"""A thread's language: chosen when it is started (the reader's language unless another is picked), refused when we
do not offer it, and marked on the thread's title and posts for screen readers when it is not the page's."""
from __future__ import annotations

import pytest
from factories import make_category, make_user
from forum_pages import build_forum, login, reload
from helpers import field_error, soup, summary_links
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import User
from forums import services
from forums.models import Thread


@pytest.fixture
def forum(db):
    return build_forum()


def threads() -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count(Thread.id)))


def test_the_form_offers_every_language_with_the_readers_own_chosen(client, forum):
    login(client, "bob")  # bob reads English

    page = soup(client.get("/forums/mobility/new"))

    select_ = page.find("select", id="language")
    assert [option["value"] for option in select_.find_all("option")] == ["de", "en", "tr", "ar"]
    assert select_.find("option", selected=True)["value"] == "en"
    assert page.find("label", attrs={"for": "language"}) is not None


def test_a_thread_in_another_language_is_marked_so_on_its_page(client, forum):
    login(client, "bob")

    response = client.post("/forums/mobility/new", data={"title": "Mehr Bänke im Park", "body": "Bitte **mehr**.",
                                                         "language": "de"})

    thread = db.session.execute(select(Thread).where(Thread.title == "Mehr Bänke im Park")).scalar_one()
    assert response.status_code == 302 and thread.language == "de"
    page = soup(client.get(response.location))  # bob reads the page in English
    assert (page.find("h1")["lang"], page.find("h1")["dir"]) == ("de", "ltr")
    assert page.find("div", class_="user-text")["lang"] == "de"
    listing = soup(client.get("/forums/mobility")).find("a", string="Mehr Bänke im Park")
    assert listing["lang"] == "de"


def test_a_thread_without_a_chosen_language_is_in_the_readers_and_not_marked(client, forum):
    login(client, "bob")

    response = client.post("/forums/mobility/new", data={"title": "More benches", "body": "Please."})

    assert reload(Thread, int(response.location.split("/")[2])).language == "en"
    page = soup(client.get(response.location))
    assert not page.find("h1").has_attr("lang") and not page.find("div", class_="user-text").has_attr("lang")


def test_a_language_we_do_not_offer_is_refused_next_to_its_field_and_nothing_typed_is_lost(client, forum):
    login(client, "bob")
    before = threads()

    response = client.post("/forums/mobility/new", data={"title": "More benches", "body": "Please.",
                                                         "language": "xx"})

    assert response.status_code == 200
    assert summary_links(response) == ["language"]
    assert field_error(response, "language") is not None
    page = soup(response)
    assert page.find("input", id="title")["value"] == "More benches"
    assert page.find("textarea", id="body").get_text().strip() == "Please."
    assert threads() == before


def test_the_service_writes_in_the_authors_language_by_default_and_refuses_others(db):
    author = make_user("dana", locale="en")
    category = make_category("talk")

    assert services.create_thread(author, category, title="Hello all", body_md="Hi.").language == "en"
    german = make_user("emil", locale="de")
    assert services.create_thread(german, category, title="Hallo alle", body_md="Hi.").language == "de"
    before = threads()
    with pytest.raises(ValueError, match="xx"):
        services.create_thread(db.session.get(User, author.id), category, title="Bad one", body_md="x",
                               language="xx")
    assert threads() == before
