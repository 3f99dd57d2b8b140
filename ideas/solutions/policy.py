"""Who may do what with solutions: pure functions of the user, the solution and the user's part in it.

`contribution` is the user's Contribution to the solution (or None); `supported` says whether the user supports
an idea the solution is built from. Solutions are public; every write needs a confirmed, active account, and a
member's contributions (an owner's edits, help offers, team updates, ratings) one that is not silenced.
"""
from __future__ import annotations

from app.moderation.visibility import hidden_from
from app.permissions import may_contribute, signed_in_member
from app.users.models import Role
from ideas.models import Status
from ideas.policy import is_city_staff
from ideas.solutions.models import ContributionState, SolutionStatus

OPEN_FOR_WORK = frozenset({SolutionStatus.PLANNED, SolutionStatus.IN_DEVELOPMENT, SolutionStatus.PILOTING})


def is_owner(user, solution) -> bool:
    return signed_in_member(user) and solution.owner_id is not None and solution.owner_id == user.id


def is_admin(user) -> bool:
    return signed_in_member(user) and user.has_role(Role.ADMIN)


def is_contributor(user, contribution) -> bool:
    """An accepted member of the team."""
    return signed_in_member(user) and contribution is not None and contribution.state == ContributionState.ACCEPTED \
        and contribution.user_id == user.id


def can_view(user, solution) -> bool:
    """Solutions are built in the open: everyone sees every one of them, unless moderation hid it (then only its
    owner and the moderators)."""
    return not hidden_from(user, solution.subject, solution.owner_id)


def can_create(user) -> bool:
    """City staff and administrators start solutions."""
    return is_city_staff(user)


def can_start_from(user, idea) -> bool:
    """Staff are offered to start a solution from an idea the city accepted (or builds already)."""
    return can_create(user) and idea.state in (Status.ACCEPTED, Status.IN_DEVELOPMENT)


def can_edit(user, solution) -> bool:
    """The owner (not while silenced), city staff and administrators edit title, description, status and
    progress."""
    return (is_owner(user, solution) and may_contribute(user)) or is_city_staff(user)


def can_change_status(user, solution) -> bool:
    """Status moves (going live moves the linked ideas to "implemented"): city staff and administrators."""
    return is_city_staff(user)


def can_link_idea(user, solution) -> bool:
    """Linking moves ideas along their public lifecycle: city staff and administrators only."""
    return is_city_staff(user) and solution.state != SolutionStatus.DISCONTINUED


def can_add_milestone(user, solution) -> bool:
    return can_edit(user, solution) and solution.state in OPEN_FOR_WORK


def can_tick_milestone(user, solution, contribution=None) -> bool:
    """The owner, staff and accepted contributors mark milestones done (or not done again); a tick is no text, so
    a silence does not stop it."""
    return is_owner(user, solution) or is_city_staff(user) or is_contributor(user, contribution)


def can_post_update(user, solution, contribution=None) -> bool:
    return may_contribute(user) and (can_edit(user, solution) or is_contributor(user, contribution))


def can_volunteer(user, solution, contribution=None) -> bool:
    """Signed-in citizens offer their help once, while the work is open; the owner is on the team already."""
    return (may_contribute(user) and contribution is None and not is_owner(user, solution)
            and solution.state in OPEN_FOR_WORK)


def may_volunteer_after_login(user, solution) -> bool:
    """An anonymous visitor is invited to log in and offer help while the work is open."""
    return (user is None or not user.is_authenticated) and solution.state in OPEN_FOR_WORK


def can_decide_volunteer(user, solution) -> bool:
    """The owner accepts or declines volunteers (administrators may stand in)."""
    return is_owner(user, solution) or is_admin(user)


def can_rate(user, solution, *, supported: bool) -> bool:
    """Once live, whoever supported one of its ideas says whether it meets the need."""
    return may_contribute(user) and supported and solution.state == SolutionStatus.LIVE
