"""Solution services: linking ideas moves them along, going live implements them, the team, milestones, ratings."""
from __future__ import annotations

from datetime import date

import pytest
from factories import add_supporters, make_idea, make_idea_category, make_user
from sqlalchemy import func, select

from app.extensions import db
from app.users.models import Role
from forums.models import Thread
from ideas.models import IdeaStatusChange, Status
from ideas.services import change_status as change_idea_status
from ideas.solutions import reading, services
from ideas.solutions.models import Role as HelpRole
from ideas.solutions.models import Contribution, ContributionState, SolutionStatus
from ideas.solutions.services import InvalidInput, NotAllowed, SolutionInput
from ideas.timeline import explained_alone

TEXT = SolutionInput(title="Online appointments", summary="Book the citizens' office online.",
                     description_md="A **booking** service.", language="en")


@pytest.fixture
def scene(db):
    staff = make_user("staff", roles=(Role.CITY_STAFF,))
    idea = make_idea(make_user("author"), make_idea_category(threshold=2), title="Book appointments online")
    supporters = add_supporters(idea, 2)
    change_idea_status(staff, idea, Status.ACCEPTED, "We do it.")
    return staff, idea, supporters


def statuses(idea) -> list[str]:
    db.session.expire_all()
    return [c.to_status for c in db.session.execute(select(IdeaStatusChange).where(
        IdeaStatusChange.idea_id == idea.id).order_by(IdeaStatusChange.id)).scalars()]


def test_creating_opens_a_discussion_and_linking_moves_an_accepted_idea_into_development(scene):
    staff, idea, _ = scene
    solution = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="Part of the booking service.")
    assert solution.owner_id == staff.id and solution.description_html.strip() == "<p>A <strong>booking</strong> service.</p>"
    assert db.session.scalar(select(func.count(Thread.id)).where(Thread.about_subject_id == solution.subject_id)) == 1
    assert statuses(idea)[-1] == Status.IN_DEVELOPMENT.value
    change = db.session.execute(select(IdeaStatusChange).order_by(IdeaStatusChange.id.desc())).scalars().first()
    assert change.reference_subject_id == solution.subject_id and "/solutions/" not in change.explanation_md
    assert f'<a href="/solutions/{solution.id}">Online appointments</a>' in explained_alone(change)
    assert [i.id for i in reading.linked_ideas(solution)] == [idea.id]
    assert services.link_idea(staff, solution, idea, "Again.") is False


def test_an_idea_may_feed_several_solutions_and_a_new_idea_keeps_its_status(scene, db):
    staff, idea, _ = scene
    first = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="One.")
    second = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="Two.")
    fresh = make_idea(make_user(), title="Something new")
    services.link_idea(staff, second, fresh, "Maybe.")
    assert [i.id for i in reading.linked_ideas(first)] == [idea.id]
    assert [i.id for i in reading.linked_ideas(second)] == [idea.id, fresh.id]
    assert statuses(fresh) == [Status.NEW.value]


def test_linking_needs_staff_an_explanation_and_a_published_idea(scene):
    staff, idea, supporters = scene
    solution = services.create_solution(staff, TEXT)
    with pytest.raises(NotAllowed):
        services.link_idea(supporters[0], solution, idea, "Mine now.")
    with pytest.raises(InvalidInput):
        services.link_idea(staff, solution, idea, "  ")
    with pytest.raises(InvalidInput):
        services.link_idea(staff, solution, make_idea(make_user(), publish=False), "Draft.")
    assert reading.linked_ideas(solution) == []


def test_going_live_implements_the_ideas_in_development(scene):
    staff, idea, _ = scene
    solution = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="Built from it.")
    with pytest.raises(InvalidInput):
        services.change_status(staff, solution, SolutionStatus.LIVE, "")
    services.change_status(staff, solution, SolutionStatus.LIVE, "It is online.")
    assert solution.went_live_at is not None and solution.state == SolutionStatus.LIVE
    assert statuses(idea)[-1] == Status.IMPLEMENTED.value


def test_milestones_move_the_progress_and_contributors_tick_them(scene):
    staff, _idea, supporters = scene
    helper = supporters[0]
    solution = services.create_solution(staff, TEXT)
    first = services.add_milestone(staff, solution, title="Prototype", planned_on=date(2026, 1, 10))
    services.add_milestone(staff, solution, title="Pilot", planned_on=date(2026, 3, 1), description_md="In *two* offices.")
    assert (solution.milestone_count, solution.progress) == (2, 0)
    with pytest.raises(NotAllowed):
        services.set_milestone_done(helper, first, True)
    offer = services.volunteer(helper, solution, role=HelpRole.TESTING, note="I test on a screen reader.", public=True)
    with pytest.raises(NotAllowed):
        services.volunteer(helper, solution, role=HelpRole.OTHER)
    services.decide_volunteer(staff, offer, accept=True)
    with pytest.raises(InvalidInput):
        services.decide_volunteer(staff, offer, accept=False)
    assert services.set_milestone_done(helper, first, True, on=date(2026, 1, 12)) is True
    assert services.set_milestone_done(helper, first, True) is False
    assert (solution.milestones_done, solution.progress) == (1, 50)
    assert first.is_late(date(2026, 2, 1)) is False and first.done_on == date(2026, 1, 12)
    posted = services.post_update(helper, solution, "Tested with **NVDA**.")
    assert "<strong>NVDA</strong>" in posted.body_html
    services.set_milestone_done(staff, first, False)
    assert solution.milestones_done == 0


def test_a_declined_volunteer_may_not_post(scene):
    staff, _idea, supporters = scene
    solution = services.create_solution(staff, TEXT)
    offer = services.volunteer(supporters[1], solution, role=HelpRole.DESIGN)
    services.decide_volunteer(staff, offer, accept=False)
    db.session.expire_all()
    assert db.session.get(Contribution, offer.id).state is ContributionState.DECLINED  # read back as the enum
    with pytest.raises(NotAllowed):
        services.post_update(supporters[1], solution, "Hello")
    with pytest.raises(NotAllowed):
        services.decide_volunteer(supporters[0], offer, accept=True)


def test_supporters_rate_once_live_and_may_change_their_answer(scene):
    staff, idea, supporters = scene
    solution = services.create_solution(staff, TEXT, ideas=(idea,), explanation_md="Built from it.")
    with pytest.raises(NotAllowed):
        services.rate(supporters[0], solution, 4)
    services.change_status(staff, solution, SolutionStatus.LIVE, "Online.")
    first = services.rate(supporters[0], solution, 4, "Works <script>x</script> **well**.")
    assert "<strong>well</strong>" in first.comment_html and "<script>" not in first.comment_html
    services.rate(supporters[1], solution, 2)
    services.rate(supporters[0], solution, 5)
    assert (solution.rating_count, solution.rating_sum, solution.average_rating) == (2, 7, 3.5)
    with pytest.raises(NotAllowed):
        services.rate(make_user(), solution, 3)  # supported none of its ideas
    with pytest.raises(InvalidInput):
        services.rate(supporters[1], solution, 6)
