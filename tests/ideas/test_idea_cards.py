"""The buttons on the idea list's cards: Support, Follow and Reply, for visitors (to log in and back) and members."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from factories import PASSWORD, make_idea, make_user
from helpers import soup, words
from sqlalchemy import func, select

from app.extensions import db
from app.notifications.models import Follow
from app.users.models import Role, User
from ideas.categories import CategoryInput, save_category
from voting.models import Vote

ENGLISH = {"Accept-Language": "en"}


@pytest.fixture
def ideas(db):
    """alice proposes "Online appointments" (authors may not support their own ideas here); carol reads."""
    alice = make_user("alice", locale="en")
    make_user("carol", locale="en")
    category = save_category(None, CategoryInput(
        slug="admin", names={"de": "Verwaltung", "en": "Administration"}, descriptions={}, support_threshold=50))
    return make_idea(alice, category, title="Online appointments").id


def login(client, username: str) -> None:
    assert client.post("/login", data={"login": username, "password": PASSWORD}).status_code == 302


def card_actions(response):
    return soup(response).select_one("ol.idea-list article .card-actions")


def test_a_visitor_s_support_and_follow_buttons_lead_to_log_in_and_back_to_the_list(client, ideas):
    actions = card_actions(client.get("/ideas?sort=supported", headers=ENGLISH))

    support, follow, reply = actions.find_all("a")
    for link in (support, follow):
        target = urlsplit(link["href"])
        assert target.path == "/login" and parse_qs(target.query)["next"] == ["/ideas?sort=supported"]
        assert "button" in link["class"]
    assert words(support.get_text(" ")).startswith("Support “Online appointments”")
    assert words(follow.get_text(" ")).startswith("Follow “Online appointments”")
    assert reply["href"] == f"/ideas/{ideas}#discussion" and "Reply" in reply.get_text()
    assert actions.find("form") is None  # a cached visitor's page carries no CSRF token


def test_a_member_supports_from_the_card_and_comes_back_to_the_list(client, ideas):
    login(client, "carol")
    form = card_actions(client.get("/ideas?sort=supported")).find("form", action=f"/ideas/{ideas}/support")
    assert form.find("input", attrs={"name": "next"})["value"] == "/ideas?sort=supported"

    response = client.post(f"/ideas/{ideas}/support", data={"next": "/ideas?sort=supported"})

    assert response.status_code == 302 and response.headers["Location"] == "/ideas?sort=supported"
    assert db.session.scalar(select(func.count(Vote.id))) == 1
    actions = card_actions(client.get("/ideas?sort=supported"))
    assert "You support this" in words(actions.get_text(" "))
    assert actions.find("form", action=f"/ideas/{ideas}/support") is None


def test_a_support_button_never_sends_anyone_to_another_host(client, ideas):
    login(client, "carol")
    response = client.post(f"/ideas/{ideas}/support", data={"next": "https://example.org/ideas"})
    assert response.headers["Location"] == f"/ideas/{ideas}#supports"


def test_the_author_gets_no_support_button_where_authors_may_not_support(client, ideas):
    login(client, "alice")
    actions = card_actions(client.get("/ideas"))
    assert actions.find("form", action=f"/ideas/{ideas}/support") is None


def test_a_member_follows_from_the_card_and_the_card_then_offers_to_unfollow(client, ideas):
    login(client, "carol")
    follow_form = card_actions(client.get("/ideas")).find("form", class_="follow-form")
    assert words(follow_form.button.get_text(" ")) == "Follow “Online appointments”"

    response = client.post(follow_form["action"], data={"next": "/ideas"})

    assert response.status_code == 302 and response.headers["Location"] == "/ideas"
    carol = db.session.scalar(select(User.id).where(User.username == "carol"))
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.user_id == carol)) == 1
    again = card_actions(client.get("/ideas")).find("form", class_="follow-form")
    assert words(again.button.get_text(" ")) == "Unfollow “Online appointments”"


def test_an_idea_answered_early_shows_its_supports_without_the_meter(client, ideas):
    from ideas.models import Idea, Status
    from ideas.services import change_status
    staff = make_user("stefan", roles=(Role.CITY_STAFF,), locale="en")
    change_status(staff, db.session.get(Idea, ideas), Status.ACCEPTED, "We build it.")

    card = soup(client.get("/ideas", headers=ENGLISH)).select_one("ol.idea-list article")
    assert card.find("progress") is None and "needed for an answer" not in card.get_text()
    assert "0 supports" in words(card.get_text(" ")) and "Answered on" in card.get_text()
