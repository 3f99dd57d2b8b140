"""Who may do what with solutions: every actor against every action and solution state, each cell asserted.

The policy is pure, so the matrix runs on objects built in memory (no database).
"""
from __future__ import annotations

from datetime import timedelta

import pytest
from flask_login import AnonymousUserMixin

from app.models import utcnow
from app.users.models import Role, User, UserRole
from ideas.solutions import policy
from ideas.solutions.models import Contribution, ContributionState, Solution, SolutionStatus

ACTORS = ("anonymous", "member", "unconfirmed", "volunteer", "contributor", "owner", "city_staff", "admin")
OWNER_ID, VOLUNTEER_ID, CONTRIBUTOR_ID = 1, 7, 8
S = SolutionStatus

#                                 anon   member unconf volunt contrib owner  staff  admin
MATRIX = {
    "view":                       (True,  True,  True,  True,  True,  True,  True,  True),
    "create":                     (False, False, False, False, False, False, True,  True),
    "edit planned":               (False, False, False, False, False, True,  True,  True),
    "edit live":                  (False, False, False, False, False, True,  True,  True),
    "change status":              (False, False, False, False, False, False, True,  True),
    "link idea planned":          (False, False, False, False, False, False, True,  True),
    "link idea live":             (False, False, False, False, False, False, True,  True),
    "link idea discontinued":     (False, False, False, False, False, False, False, False),
    "add milestone planned":      (False, False, False, False, False, True,  True,  True),
    "add milestone piloting":     (False, False, False, False, False, True,  True,  True),
    "add milestone live":         (False, False, False, False, False, False, False, False),
    "tick milestone":             (False, False, False, False, True,  True,  True,  True),
    "post update":                (False, False, False, False, True,  True,  True,  True),
    "volunteer planned":          (False, True,  False, False, False, False, True,  True),
    "volunteer in development":   (False, True,  False, False, False, False, True,  True),
    "volunteer live":             (False, False, False, False, False, False, False, False),
    "volunteer discontinued":     (False, False, False, False, False, False, False, False),
    "decide on a volunteer":      (False, False, False, False, False, True,  False, True),
    "log in to volunteer planned": (True, False, False, False, False, False, False, False),
    "log in to volunteer piloting": (True, False, False, False, False, False, False, False),
    "log in to volunteer live":   (False, False, False, False, False, False, False, False),
    "rate live as supporter":     (False, True,  False, True,  True,  True,  True,  True),
    "rate live, no support":      (False, False, False, False, False, False, False, False),
    "rate piloting as supporter": (False, False, False, False, False, False, False, False),
}

CASES = [(actor, action, allowed) for action, row in MATRIX.items()
         for actor, allowed in zip(ACTORS, row, strict=True)]


def person(user_id: int, *roles: Role, confirmed: bool = True) -> User:
    return User(id=user_id, username=f"user{user_id}", email_confirmed_at=utcnow() if confirmed else None,
                is_active_account=True,
                roles=[UserRole(role=role.value) for role in sorted({Role.MEMBER, *roles})])


def actor(name: str):
    """The user and their contribution to the solution (a pending one for the volunteer)."""
    return {
        "anonymous": lambda: (AnonymousUserMixin(), None),
        "member": lambda: (person(2), None),
        "unconfirmed": lambda: (person(3, confirmed=False), None),
        "volunteer": lambda: (person(VOLUNTEER_ID), Contribution(user_id=VOLUNTEER_ID, state=ContributionState.PENDING,
                                                                  role="testing")),
        "contributor": lambda: (person(CONTRIBUTOR_ID),
                                Contribution(user_id=CONTRIBUTOR_ID, state=ContributionState.ACCEPTED, role="design")),
        "owner": lambda: (person(OWNER_ID), None),  # a member who leads it; staff may hand a solution over
        "city_staff": lambda: (person(5, Role.CITY_STAFF), None),
        "admin": lambda: (person(6, Role.ADMIN), None),
    }[name]()


def solution(status: SolutionStatus = S.PLANNED) -> Solution:
    return Solution(id=3, owner_id=OWNER_ID, status=status.value, title="Online appointments", summary="s",
                    description_md="d", description_html="<p>d</p>", language="en")


def ask(user, contribution, action: str) -> bool:
    checks = {
        "view": lambda: policy.can_view(user, solution()),
        "create": lambda: policy.can_create(user),
        "edit planned": lambda: policy.can_edit(user, solution()),
        "edit live": lambda: policy.can_edit(user, solution(S.LIVE)),
        "change status": lambda: policy.can_change_status(user, solution()),
        "link idea planned": lambda: policy.can_link_idea(user, solution()),
        "link idea live": lambda: policy.can_link_idea(user, solution(S.LIVE)),
        "link idea discontinued": lambda: policy.can_link_idea(user, solution(S.DISCONTINUED)),
        "add milestone planned": lambda: policy.can_add_milestone(user, solution()),
        "add milestone piloting": lambda: policy.can_add_milestone(user, solution(S.PILOTING)),
        "add milestone live": lambda: policy.can_add_milestone(user, solution(S.LIVE)),
        "tick milestone": lambda: policy.can_tick_milestone(user, solution(S.IN_DEVELOPMENT), contribution),
        "post update": lambda: policy.can_post_update(user, solution(S.IN_DEVELOPMENT), contribution),
        "volunteer planned": lambda: policy.can_volunteer(user, solution(), contribution),
        "volunteer in development": lambda: policy.can_volunteer(user, solution(S.IN_DEVELOPMENT), contribution),
        "volunteer live": lambda: policy.can_volunteer(user, solution(S.LIVE), contribution),
        "volunteer discontinued": lambda: policy.can_volunteer(user, solution(S.DISCONTINUED), contribution),
        "decide on a volunteer": lambda: policy.can_decide_volunteer(user, solution()),
        "log in to volunteer planned": lambda: policy.may_volunteer_after_login(user, solution()),
        "log in to volunteer piloting": lambda: policy.may_volunteer_after_login(user, solution(S.PILOTING)),
        "log in to volunteer live": lambda: policy.may_volunteer_after_login(user, solution(S.LIVE)),
        "rate live as supporter": lambda: policy.can_rate(user, solution(S.LIVE), supported=True),
        "rate live, no support": lambda: policy.can_rate(user, solution(S.LIVE), supported=False),
        "rate piloting as supporter": lambda: policy.can_rate(user, solution(S.PILOTING), supported=True),
    }
    return checks[action]()


@pytest.mark.parametrize(("who", "action", "allowed"), CASES, ids=[f"{a}-{w}" for w, a, _ in CASES])
def test_policy_matrix(who, action, allowed):
    user, contribution = actor(who)
    assert ask(user, contribution, action) is allowed


def test_someone_elses_contribution_does_not_make_a_contributor():
    user = person(2)
    theirs = Contribution(user_id=CONTRIBUTOR_ID, state=ContributionState.ACCEPTED, role="design")
    assert policy.can_post_update(user, solution(S.IN_DEVELOPMENT), theirs) is False


def test_a_declined_volunteer_is_no_contributor_and_cannot_volunteer_again():
    user = person(VOLUNTEER_ID)
    declined = Contribution(user_id=VOLUNTEER_ID, state=ContributionState.DECLINED, role="other")
    assert policy.can_tick_milestone(user, solution(S.IN_DEVELOPMENT), declined) is False
    assert policy.can_volunteer(user, solution(), declined) is False


def test_progress_comes_from_milestones_unless_set_by_hand():
    built = solution(S.IN_DEVELOPMENT)
    built.milestone_count, built.milestones_done = 4, 1
    assert built.progress == 25
    built.progress_manual = 60
    assert built.progress == 60
    empty = solution(S.LIVE)
    empty.milestone_count, empty.milestones_done = 0, 0
    assert empty.progress == 100


@pytest.mark.parametrize(("roles", "status", "offered"), [
    ((Role.CITY_STAFF,), "accepted", True), ((Role.ADMIN,), "in_development", True),
    ((Role.CITY_STAFF,), "new", False), ((Role.CITY_STAFF,), "implemented", False),
    ((Role.CITY_STAFF,), "declined", False), ((), "accepted", False), ((Role.MODERATOR,), "accepted", False),
])
def test_staff_are_offered_to_start_a_solution_from_an_accepted_idea(roles, status, offered):
    from ideas.models import Idea

    assert policy.can_start_from(person(9, *roles), Idea(status=status)) is offered
    assert policy.can_start_from(AnonymousUserMixin(), Idea(status="accepted")) is False


# Sanctions (app/moderation): silenced people write no content (help offers, updates, ratings, an owner's edits),
# while staff duties and ticking milestones stay; a suspended person is treated as anonymous.
SILENCED_WRITES = ("post update", "volunteer ", "rate ")
OWNER_WRITES = ("edit ", "add milestone ")


def _sanctioned(who: str, column: str):
    user, contribution = actor(who)
    setattr(user, column, utcnow() + timedelta(days=2))
    return user, contribution


@pytest.mark.parametrize("who", ["member", "volunteer", "contributor", "owner", "city_staff", "admin"])
@pytest.mark.parametrize("action", list(MATRIX))
def test_a_silenced_person_writes_no_content(who, action):
    expected = MATRIX[action][ACTORS.index(who)]
    if action.startswith(SILENCED_WRITES) or (who == "owner" and action.startswith(OWNER_WRITES)):
        expected = False
    user, contribution = _sanctioned(who, "silenced_until")
    assert ask(user, contribution, action) is expected


@pytest.mark.parametrize("who", ["member", "volunteer", "contributor", "owner", "city_staff", "admin"])
@pytest.mark.parametrize("action", [a for a in MATRIX if not a.startswith("log in to")])
def test_a_suspended_person_may_do_what_an_anonymous_visitor_may(who, action):
    user, contribution = _sanctioned(who, "suspended_until")
    assert ask(user, contribution, action) is MATRIX[action][ACTORS.index("anonymous")]
