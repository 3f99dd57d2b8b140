"""A solution scene for the write-page tests: one person per role, a planned solution, and a second one beside it.

Call `build_cast()` inside an app context, or `cast_in_database()` for the same rows built once per test process and
copied back for every later test (tests/ideas/solutions/conftest.py makes that the `cast` fixture).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from factories import make_idea, make_idea_category, make_user
from flask import current_app
from helpers import soup, words
from snapshots import loaded_once
from sqlalchemy import func, select

from app.extensions import db
from app.notifications.models import Notification
from app.users.models import Role, User
from config import TestingConfig
from ideas.models import Status
from ideas.services import change_status as change_idea_status
from ideas.services import support
from ideas.solutions import services
from ideas.solutions.models import Role as HelpRole
from ideas.solutions.services import SolutionInput

ENGLISH = {"Accept-Language": "en"}

# Who plays which part (every one reads English). The staff member and the administrator are on no team.
# sue and sam support the idea the solution is built from.
STAFF, ADMIN, OWNER, MEMBER, VOLUNTEER, CONTRIBUTOR, SUPPORTER, SECOND_SUPPORTER = (
    "clara", "ada", "olga", "bob", "vera", "carl", "sue", "sam")


@dataclass(frozen=True)
class Cast:
    """Ids of the scene's rows (objects would go stale across the client's requests)."""

    solution: int          # planned, led by olga, built from `idea` (now in development), one open milestone
    idea: int              # supported by sue and sam
    accepted: int          # another accepted idea, linked to nothing yet
    milestone: int         # of `solution`, not done
    offer: int             # vera's pending offer to `solution`
    contribution: int      # carl's accepted offer to `solution`
    other: int             # a second planned solution, led by clara
    other_milestone: int   # of `other`
    other_offer: int       # a pending offer to `other`
    category: str          # the idea category's slug (solutions may use it)


def solution_text(title: str = "Online appointments") -> SolutionInput:
    return SolutionInput(title=title, summary="Book the citizens' office online.",
                         description_md="A **booking** service.", language="en")


def build_cast() -> Cast:
    """Build the scene inside an app context."""
    staff = make_user(STAFF, roles=(Role.CITY_STAFF,), locale="en", display_name="Clara Staff")
    make_user(ADMIN, roles=(Role.ADMIN,), locale="en", display_name="Ada Admin")
    owner = make_user(OWNER, locale="en", display_name="Olga Owner")
    make_user(MEMBER, locale="en", display_name="Bob Member")
    volunteer = make_user(VOLUNTEER, locale="en", display_name="Vera Volunteer")
    contributor = make_user(CONTRIBUTOR, locale="en", display_name="Carl Contributor")
    supporters = [make_user(name, locale="en", display_name=f"{name.capitalize()} Supporter")
                  for name in (SUPPORTER, SECOND_SUPPORTER)]
    category = make_idea_category("city", threshold=5, name="City services")
    idea = make_idea(make_user("alice", locale="en"), category, title="Book appointments online")
    for supporter in supporters:
        support(supporter, idea)
    change_idea_status(staff, idea, Status.ACCEPTED, "We do it.")
    accepted = make_idea(make_user("amir", locale="en"), category, title="Reminders by text message")
    change_idea_status(staff, accepted, Status.ACCEPTED, "Good idea.")
    solution = services.create_solution(staff, solution_text(), owner=owner, ideas=(idea,),
                                        explanation_md="Built from it.")
    milestone = services.add_milestone(staff, solution, title="Prototype", planned_on=date(2030, 1, 31))
    offer = services.volunteer(volunteer, solution, role=HelpRole.TESTING, note="I test with NVDA.")
    contribution = services.volunteer(contributor, solution, role=HelpRole.DEVELOPMENT, public=True)
    services.decide_volunteer(owner, contribution, accept=True)
    other = services.create_solution(staff, solution_text("Open data portal"))
    other_milestone = services.add_milestone(staff, other, title="Data catalogue", planned_on=date(2030, 6, 30))
    other_offer = services.volunteer(make_user("otto", locale="en"), other, role=HelpRole.DESIGN)
    return Cast(solution=solution.id, idea=idea.id, accepted=accepted.id, milestone=milestone.id, offer=offer.id,
                contribution=contribution.id, other=other.id, other_milestone=other_milestone.id,
                other_offer=other_offer.id, category=category.slug)


# Settings that only change how requests are checked, not what building the scene writes.
_REQUEST_ONLY = frozenset({"WTF_CSRF_ENABLED"})


def cast_in_database() -> Cast:
    """The rows of `build_cast()`, built by this process's first test that asks and copied back for the next ones
    (tests/snapshots.py): the scene runs some 350 statements through the use cases (half a second on PostgreSQL)
    and a hundred and fifty tests start from it. An app configured otherwise than TestingConfig (other than in
    how requests are checked) gets a scene of its own: building it may index, enqueue or write differently."""
    config = current_app.config
    changed = tuple(sorted((name, repr(config[name])) for name in dir(TestingConfig)
                           if name.isupper() and name not in _REQUEST_ONLY and name in config
                           and config[name] != getattr(TestingConfig, name)))
    return loaded_once(("solution cast", changed), build_cast)


def fresh(model, row_id: int):
    """The row as the database holds it now (the client's requests write through other sessions)."""
    db.session.rollback()
    db.session.expire_all()
    return db.session.get(model, row_id)


def count(model, *where) -> int:
    db.session.rollback()
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def user_id(username: str) -> int:
    return db.session.execute(select(User.id).where(User.username == username)).scalar_one()


def notices(username: str, kind: str) -> int:
    """How many notifications of `kind` the user has."""
    return count(Notification, Notification.user_id == user_id(username), Notification.kind == kind)


def group_error(response, group_id: str) -> str | None:
    """The error of a group of radio buttons, or None; checks it is tied to the group and marks each option."""
    page = soup(response)
    error, group = page.find(id=f"{group_id}-error"), page.find(id=group_id)
    options = group.find_all("input", type="radio")
    if error is None:
        assert all(o.get("aria-invalid") is None for o in options)
        return None
    assert group.name == "fieldset" and f"{group_id}-error" in group.get("aria-describedby", "").split()
    assert options and all(o.get("aria-invalid") == "true" for o in options)
    return words(error.get_text(" "))


def checked(response, group_id: str) -> list[str]:
    """The values of the checked radio buttons in a group."""
    return [o["value"] for o in soup(response).find(id=group_id).find_all("input", type="radio", checked=True)]
