"""Solution notifications: followers hear of milestones and updates, the owner of offers, volunteers of the
decision, and the supporters of linked ideas are asked once whether the live solution meets the need."""
from __future__ import annotations

from datetime import date

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_user
from flask_babel import force_locale
from helpers import mail_parts
from sqlalchemy import select

from app.extensions import db
from app.notifications import delivery
from app.notifications.models import Follow, Notification
from app.notifications.notices import notices_for
from app.notifications.services import follow
from app.users.models import Role
from ideas.models import Status
from ideas.services import change_status as change_idea_status
from ideas.solutions import services
from ideas.solutions.models import Role as HelpRole
from ideas.solutions.models import SolutionStatus
from ideas.solutions.services import SolutionInput

TEXT = SolutionInput(title="Online appointments", summary="Book online.", description_md="A service.",
                     language="en")


def kinds_of(user) -> list[str]:
    db.session.expire_all()
    return [n.kind for n in db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                               .order_by(Notification.id)).scalars()]


@pytest.fixture
def scene(db):
    staff = make_user("staff", roles=(Role.CITY_STAFF,), locale="en")
    author = make_user("author", locale="en")
    idea = make_idea(author, make_idea_category(threshold=2), title="Book appointments online")
    supporters = add_supporters(idea, 2)
    change_idea_status(staff, idea, Status.ACCEPTED, "We do it.")
    solution = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="Built from it.")
    return staff, author, idea, supporters, solution


def test_the_creator_follows_and_hears_of_offers_and_volunteers_of_decisions(scene):
    staff, _author, _idea, supporters, solution = scene
    assert db.session.execute(select(Follow).where(Follow.user_id == staff.id,
                                                   Follow.subject_id == solution.subject_id)).first()
    offer = services.volunteer(supporters[0], solution, role=HelpRole.TESTING, note="Happy to test.")
    services.decide_volunteer(staff, offer, accept=True)
    assert "volunteer_offer" in kinds_of(staff)
    assert kinds_of(supporters[0])[-1] == "volunteer_decision"


def test_followers_hear_of_milestones_and_updates_not_the_one_who_made_them(scene):
    staff, _author, _idea, supporters, solution = scene
    fan = make_user("fan", locale="en")
    follow(fan, solution)
    milestone = services.add_milestone(staff, solution, title="Prototype <b>1</b>", planned_on=date(2026, 2, 1))
    services.set_milestone_done(staff, milestone, True)
    services.post_update(staff, solution, "Going **well**.")
    assert kinds_of(fan) == ["solution_milestone", "solution_milestone", "solution_update"]
    assert "solution_milestone" not in kinds_of(staff)
    rows = db.session.execute(select(Notification).where(Notification.user_id == fan.id)
                              .order_by(Notification.id)).scalars().all()
    from flask import current_app

    with current_app.test_request_context(), force_locale("en"):
        added, done, posted = notices_for(fan, list(rows))
        assert added.sentence == "“Online appointments” has a new milestone."
        assert done.sentence == "“Online appointments” reached a milestone."
        assert "Prototype &lt;b&gt;1&lt;/b&gt;" in added.excerpt_html
        assert posted.sentence == "Staff posted an update on “Online appointments”."
        assert "<strong>well</strong>" in posted.excerpt_html
        assert added.url == f"/solutions/{solution.id}"


def test_going_live_asks_every_supporter_once_and_the_idea_followers_hear_it_is_implemented(smtp_server, scene):
    staff, author, _idea, supporters, solution = scene
    services.change_status(staff, solution, SolutionStatus.PILOTING)
    services.change_status(staff, solution, SolutionStatus.LIVE, "Online now.")
    services.change_status(staff, solution, SolutionStatus.PILOTING)
    services.change_status(staff, solution, SolutionStatus.LIVE, "Online again.")
    for supporter in supporters:
        assert kinds_of(supporter).count("closure_question") == 1
    assert "closure_question" not in kinds_of(author)  # the author did not support (own ideas may not)
    assert kinds_of(author)[-2:] == ["status_changed", "status_changed"]  # in development, implemented
    delivery.send_due()
    asked = [m for m in smtp_server.to(supporters[0].email) if "Online appointments" in m["Subject"]
             and "Trifft die Lösung den Bedarf?" in m["Subject"]]  # the supporter reads German
    assert len(asked) == 1
    text, _html = mail_parts(asked[0])
    assert f"http://localhost/solutions/{solution.id}" in text
