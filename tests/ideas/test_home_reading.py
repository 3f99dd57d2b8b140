"""What the home page reads of ideas and solutions (ideas.home): each block's selection rules and their edges —
the threshold share and a threshold reached, due soon against overdue against later, hidden ideas and drafts,
the figures, a member's drafts and supports."""
from __future__ import annotations

from datetime import timedelta

import pytest
from factories import make_idea, make_idea_category, make_user
from sqlalchemy import update

from app.extensions import db
from app.models import utcnow
from app.moderation import hiding
from app.moderation.models import Reason
from app.notifications.services import follow
from app.users.models import Role
from ideas import home
from ideas.models import Idea, Status
from ideas.services import change_status, support
from ideas.solutions.models import SolutionStatus
from ideas.solutions.services import SolutionInput, create_solution
from ideas.solutions.services import change_status as change_solution_status
from voting.models import Vote


def set_columns(idea: Idea, **values) -> None:
    """Move an idea's counters and dates directly: what the reading looks at, without a crowd of supporters."""
    db.session.execute(update(Idea).where(Idea.id == idea.id).values(**values))
    db.session.commit()
    db.session.expire_all()


def hide(idea: Idea) -> None:
    hiding.hide(idea.subject, Reason.SPAM)
    db.session.commit()


def titles(ideas) -> list[str]:
    return [idea.title for idea in ideas]


@pytest.fixture
def author(db):
    return make_user("ida", locale="en")


@pytest.fixture
def staff(db):
    return make_user("clara", roles=(Role.CITY_STAFF,), locale="en")


# --- needs attention: close to the threshold ---------------------------------------------------------------

def test_close_means_half_of_the_threshold_or_more_and_not_reached_the_largest_share_first(author, staff):
    ten = make_idea_category("ten", threshold=10)
    four = make_idea_category("four", threshold=4)
    for title, category, supports in [("Below half", ten, 4), ("Exactly half", ten, 5), ("Nearly there", ten, 9),
                                      ("Three of four", four, 3), ("Nobody yet", ten, 0)]:
        set_columns(make_idea(author, category, title=title), support_count=supports)
    reached = make_idea(author, ten, title="Reached")
    set_columns(reached, support_count=10, threshold_reached_at=utcnow(), answer_due_at=utcnow() + timedelta(days=30))
    # the threshold was raised after this one reached it: reached stays reached
    lowered = make_idea(author, ten, title="Reached before")
    set_columns(lowered, support_count=8, threshold_reached_at=utcnow(), answer_due_at=utcnow())

    assert titles(home.close_to_threshold(limit=10)) == ["Nearly there", "Three of four", "Exactly half"]
    assert titles(home.close_to_threshold()) == ["Nearly there", "Three of four", "Exactly half"]
    assert titles(home.close_to_threshold(limit=2)) == ["Nearly there", "Three of four"]


def test_close_leaves_out_hidden_drafts_closed_and_answered_ideas(author, staff):
    category = make_idea_category("ten", threshold=10)
    shown = make_idea(author, category, title="Shown")
    hidden = make_idea(author, category, title="Hidden")
    draft = make_idea(author, category, title="Draft", publish=False)
    declined = make_idea(author, category, title="Declined")
    change_status(staff, declined, Status.DECLINED, "No.")
    accepted = make_idea(author, category, title="Accepted")
    change_status(staff, accepted, Status.ACCEPTED, "Yes.")
    for idea in (shown, hidden, draft, declined, accepted):
        set_columns(idea, support_count=7)
    hide(db.session.get(Idea, hidden.id))

    assert db.session.get(Idea, accepted.id).answered_at is not None  # the city answered early: no supports needed
    assert titles(home.close_to_threshold(limit=10)) == ["Shown"]


# --- needs attention: answers due soon or overdue -----------------------------------------------------------

def test_due_soon_is_overdue_or_due_within_seven_days_the_earliest_first(author, staff):
    category = make_idea_category("city", threshold=2)
    now = utcnow()
    for title, days in [("Due in three days", 3), ("Overdue", -2), ("Due in ten days", 10), ("Due in a week", 7)]:
        set_columns(make_idea(author, category, title=title), support_count=2, threshold_reached_at=now,
                    answer_due_at=now + timedelta(days=days, minutes=-1))
    answered = make_idea(author, category, title="Answered")
    set_columns(answered, support_count=2, threshold_reached_at=now, answer_due_at=now + timedelta(days=1))
    change_status(staff, db.session.get(Idea, answered.id), Status.ACCEPTED, "Yes.")
    hidden = make_idea(author, category, title="Hidden overdue")
    set_columns(hidden, threshold_reached_at=now, answer_due_at=now - timedelta(days=5))
    hide(db.session.get(Idea, hidden.id))

    assert titles(home.due_soon(now, limit=10)) == ["Overdue", "Due in three days", "Due in a week"]
    rows = home.public_home(None, now).due
    assert [(row.idea.title, row.overdue) for row in rows] == [
        ("Overdue", True), ("Due in three days", False), ("Due in a week", False)]


# --- newest, answered, solutions ------------------------------------------------------------------------------

def test_newest_and_answered_follow_the_idea_list_and_leave_out_hidden_ideas_and_drafts(author, staff):
    category = make_idea_category("city")
    first, second, third = (make_idea(author, category, title=f"Idea {n}") for n in (1, 2, 3))
    make_idea(author, category, title="Draft", publish=False)
    hidden = make_idea(author, category, title="Hidden")
    change_status(staff, second, Status.DECLINED, "No.", official=True)
    change_status(staff, first, Status.ACCEPTED, "Yes.", official=True)
    change_status(staff, hidden, Status.ACCEPTED, "Yes.", official=True)
    hide(hidden)

    assert titles(home.newest()) == ["Idea 3", "Idea 2", "Idea 1"]
    assert titles(home.recently_answered()) == ["Idea 1", "Idea 2"]  # the latest answer first
    assert third.answered_at is None


def test_solutions_in_progress_are_built_or_piloted_and_shown(staff):
    made = {}
    for title, status in [("Planned", None), ("Building", SolutionStatus.IN_DEVELOPMENT),
                          ("Piloting", SolutionStatus.PILOTING), ("Live", SolutionStatus.LIVE),
                          ("Hidden", SolutionStatus.IN_DEVELOPMENT)]:
        solution = create_solution(staff, SolutionInput(title, f"About {title}.", "Text.", "en"))
        if status is not None:
            change_solution_status(staff, solution, status, "It runs.")
        made[title] = solution
    hiding.hide(made["Hidden"].subject, Reason.SPAM)
    db.session.commit()

    shown = home.public_home(None)
    assert sorted(solution.title for solution in shown.solutions) == ["Building", "Piloting"]
    assert shown.followed_solutions == set()
    fan = make_user("fan")
    follow(fan, made["Piloting"])
    follow(fan, made["Live"])
    assert home.public_home(fan).followed_solutions == {made["Piloting"].subject_id}  # of those shown


# --- the figures ----------------------------------------------------------------------------------------------

def test_the_figures_count_shown_ideas_their_supports_and_answers_on_time(author, staff):
    category = make_idea_category("city", threshold=1, answer_days=30)
    now = utcnow()
    on_time, late, open_one = (make_idea(author, category, title=f"Idea {n}") for n in range(3))
    for idea in (on_time, late, open_one):
        support(make_user(), idea)
    change_status(staff, on_time, Status.ACCEPTED, "Yes.")  # within its 30 days
    set_columns(late, answer_due_at=now - timedelta(days=1))
    change_status(staff, db.session.get(Idea, late.id), Status.DECLINED, "No.")
    answered_without_threshold = make_idea(author, make_idea_category("school", threshold=50), title="Early")
    change_status(staff, answered_without_threshold, Status.UNDER_REVIEW, "Looking.", official=True)
    make_idea(author, category, title="Draft", publish=False)
    hidden = make_idea(author, category, title="Hidden")
    support(make_user(), hidden)
    hide(hidden)

    figures = home.figures()

    assert (figures.ideas, figures.supports, figures.answers, figures.on_time) == (4, 3, 2, 1)
    assert figures.on_time_percent == 50


def test_the_figures_of_an_empty_site_have_no_share_yet(db):
    figures = home.figures()
    assert (figures.ideas, figures.supports, figures.answers, figures.on_time_percent) == (0, 0, 0, None)


# --- a signed-in person's own part ----------------------------------------------------------------------------

def test_drafts_are_the_authors_alone_the_last_changed_first_with_their_number(author):
    category = make_idea_category("city")
    drafts = [make_idea(author, category, title=f"Draft {n}", publish=False) for n in range(7)]
    make_idea(author, category, title="Published")
    make_idea(make_user("other"), category, title="Someone else's draft", publish=False)
    set_columns(drafts[2], updated_at=utcnow() + timedelta(hours=1))

    shown, count = home.own_drafts(author)

    assert count == 7
    assert titles(shown) == ["Draft 2", "Draft 6", "Draft 5", "Draft 4", "Draft 3"]
    assert home.own_drafts(make_user("nobody")) == ([], 0)
    assert home.personal_home(None) is None


def test_supported_ideas_are_counted_supports_of_shown_ideas_the_latest_first(author):
    reader = make_user("max")
    category = make_idea_category("city", threshold=50)
    ideas = [make_idea(author, category, title=f"Idea {n}") for n in range(5)]
    for idea in ideas:
        support(reader, idea)
    now = utcnow()
    for n, idea in enumerate(ideas):
        db.session.execute(update(Vote).where(Vote.subject_id == idea.subject_id)
                           .values(created_at=now - timedelta(hours=n)))
    db.session.execute(update(Vote).where(Vote.subject_id == ideas[1].subject_id).values(set_aside_at=now))
    db.session.commit()
    hide(ideas[0])

    mine = home.personal_home(reader)

    assert [row.idea.title for row in mine.supported] == ["Idea 2", "Idea 3", "Idea 4"]
    assert all(row.supported for row in mine.supported)
    assert home.personal_home(author).supported == []
