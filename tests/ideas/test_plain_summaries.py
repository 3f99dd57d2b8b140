"""An idea's summary in plain language: who may write it, the page and its form, and where it shows."""
from __future__ import annotations

import pytest
from factories import make_idea, make_user
from helpers import field_error, soup, summary_links

from app.extensions import db
from app.permissions import NotAllowed
from app.users.models import Role, User
from ideas import policy
from ideas.plain_summaries import write_plain_summary

ENGLISH = {"Accept-Language": "en"}
SUMMARY = "The city should let people book appointments on the internet.\nThen nobody has to queue."


@pytest.fixture
def idea(app, db):
    make_user("max", locale="en")
    make_user("clara", roles=(Role.CITY_STAFF,), locale="en")
    make_user("mia", roles=(Role.MODERATOR,), locale="en")
    return make_idea(make_user("ada", locale="en"), title="Book appointments online")


def test_the_author_city_staff_and_moderators_write_it_others_may_not(idea):
    from sqlalchemy import select

    from app.users.models import User

    people = {u.username: u for u in db.session.execute(select(User)).scalars()}
    assert [name for name in ("ada", "max", "clara", "mia") if policy.can_write_plain_summary(people[name], idea)] \
        == ["ada", "clara", "mia"]
    draft = make_idea(people["ada"], title="A draft for later", publish=False)
    assert policy.can_write_plain_summary(people["ada"], draft)
    assert not policy.can_write_plain_summary(people["clara"], draft)
    with pytest.raises(NotAllowed):
        write_plain_summary(people["max"], idea, SUMMARY)
    assert idea.plain_summary is None


def test_the_summary_is_shown_above_the_description_with_its_writer(client, auth, idea):
    auth.login("clara")

    response = client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": SUMMARY}, headers=ENGLISH)

    assert response.status_code == 302
    page = soup(client.get(f"/ideas/{idea.id}", headers=ENGLISH))
    section = page.find("section", class_="plain-summary")
    assert section.h2.get_text(strip=True) == "In plain language"
    assert section.find("p", class_="plain-summary-text").get_text() == SUMMARY
    assert "Clara" in section.find("p", class_="meta").get_text()
    headings = [h2.get_text(strip=True) for h2 in page.find_all("h2")]
    assert headings.index("In plain language") < headings.index("Description")


def test_too_long_is_refused_next_to_the_field_and_empty_removes_it(client, auth, idea):
    auth.login("ada")

    response = client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": "x" * 601}, headers=ENGLISH)
    assert response.status_code == 200 and field_error(response, "summary")
    assert summary_links(response) == ["summary"]
    assert soup(response).find("textarea", id="summary").get_text().strip() == "x" * 601
    client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": SUMMARY})
    client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": "  "})
    db.session.expire_all()
    assert idea.plain_summary is None and idea.plain_summary_by_id is None


def test_others_get_403_and_visitors_are_sent_to_log_in(client, auth, idea):
    assert client.get(f"/ideas/{idea.id}/plain-summary").status_code == 302
    auth.login("max")
    assert client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": SUMMARY}).status_code == 403
    db.session.expire_all()
    assert idea.plain_summary is None


def _watch(word: str, action) -> None:
    from app.trust import watched
    admin = make_user("wanda", roles=(Role.ADMIN,), locale="en")
    watched.add_word(admin, watched.WordInput(word, "", action, ""))


def test_a_held_summary_holds_the_idea_as_a_held_edit_does(idea, monkeypatch):
    from app.trust import gate
    from app.trust.models import WordAction

    held = []
    monkeypatch.setattr(gate, "_HOLDER", [lambda subject, verdict: held.append((subject.id, verdict.held_because))])
    _watch("free money", WordAction.HOLD)
    ada = db.session.execute(db.select(User).where(User.username == "ada")).scalar_one()

    write_plain_summary(ada, idea, "Free money for everyone.")

    assert held == [(idea.subject_id, ["watched word: free money"])]


def test_a_blocked_summary_is_refused_next_to_its_field_and_keeps_the_text(client, auth, idea):
    from app.trust.models import WordAction

    _watch("fraud", WordAction.BLOCK)
    auth.login("ada")
    response = client.post(f"/ideas/{idea.id}/plain-summary", data={"summary": "This is fraud."}, headers=ENGLISH)

    assert response.status_code == 200 and field_error(response, "summary") is not None
    assert soup(response).find("textarea", id="summary").get_text().strip() == "This is fraud."
    assert summary_links(response) == ["summary"]
    db.session.expire_all()
    assert db.session.get(type(idea), idea.id).plain_summary is None
