"""/forums/discussions and the forum index's card list the discussions about other Subjects (forums.discussions),
whatever kind they are about: a kind's own wording, a generic one, or none for a kind nobody registered."""
from __future__ import annotations

from factories import make_category, make_discussion, make_reply, make_thread
from helpers import soup, words

from app.extensions import db
from forums import discussions, services

ENGLISH = {"Accept-Language": "en"}


def test_without_discussions_the_index_has_no_card_and_the_list_says_so(client, db):
    make_thread(category=make_category("talk"), title="Just talk")

    assert soup(client.get("/forums", headers=ENGLISH)).find("section", class_="forum-discussions") is None
    assert discussions.summary() == (0, None)
    page = soup(client.get("/forums/discussions", headers=ENGLISH))
    assert page.find("table") is None
    assert "There are no discussions of ideas or solutions yet." in words(page.find("main").get_text(" "))


def test_a_discussion_about_a_kind_without_wording_is_marked_generically(client, db):
    forum_thread = make_thread(category=make_category("talk"), title="Bike lanes")
    about_it = services.open_thread(forum_thread.subject, title="About the bike lanes")
    db.session.commit()

    page = soup(client.get("/forums/discussions", headers=ENGLISH))

    marker = page.find(class_="discussion-of")
    assert words(marker.get_text(" ")) == "Discussion of Bike lanes"
    assert marker.find("a")["href"] == f"/t/{forum_thread.id}/{forum_thread.slug}"
    assert page.find("a", class_="thread-title")["href"] == f"/t/{about_it.id}/{about_it.slug}"
    assert [link.get_text() for link in page.find_all("a", class_="thread-title")] == ["About the bike lanes"]


def test_a_discussion_about_an_unregistered_kind_is_listed_without_a_marker(client, db):
    thread = make_discussion(title="About a test subject")
    make_reply(thread)

    page = soup(client.get("/forums/discussions", headers=ENGLISH))

    assert page.find("a", class_="thread-title").get_text() == "About a test subject"
    assert page.find(class_="discussion-of") is None
    assert discussions.summary()[0] == 1
