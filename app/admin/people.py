"""What the people pages show: the filtered, paginated list of accounts and one person's facts.

The list costs the same few statements however many people there are: one count, one page of accounts, one for
their roles.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, and_, func, or_, select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.models import utcnow
from app.moderation.models import Report, ReportStatus, ReviewItem
from app.trust.models import TrustLevel
from app.users import usernames
from app.users.models import Role, User, UserRole

PER_PAGE = 50
RECENT = 10  # reports shown on a person's page; the counts cover all


class State(StrEnum):
    """The states an account can be in, as the people filter offers them."""

    ACTIVE = "active"
    UNCONFIRMED = "unconfirmed"
    SILENCED = "silenced"
    SUSPENDED = "suspended"
    DEACTIVATED = "deactivated"


STATE_LABELS = {
    State.ACTIVE: _l("Active"),
    State.UNCONFIRMED: _l("E-mail not confirmed"),
    State.SILENCED: _l("Silenced"),
    State.SUSPENDED: _l("Suspended"),
    State.DEACTIVATED: _l("Deactivated"),
}

REPORT_STATUS_LABELS = {
    ReportStatus.OPEN: _l("open"),
    ReportStatus.UPHELD: _l("upheld"),
    ReportStatus.REJECTED: _l("rejected"),
    ReportStatus.IGNORED: _l("closed without a judgement"),
}

TRUST_LABELS = {TrustLevel.SANDBOX: _l("New member (sandbox)"), TrustLevel.MEMBER: _l("Member")}


def states_of(user: User) -> list[State]:
    """Every state `user` is in right now (a suspended account may be silenced too)."""
    if not user.is_active_account:
        return [State.DEACTIVATED]
    found = [state for state, holds in ((State.UNCONFIRMED, not user.is_confirmed),
                                        (State.SUSPENDED, user.is_suspended),
                                        (State.SILENCED, user.is_silenced)) if holds]
    return found or [State.ACTIVE]


@dataclass(frozen=True)
class PeopleFilters:
    """What the people list is narrowed to; empty values filter nothing."""

    text: str = ""
    role: Role | None = None
    state: State | None = None
    trust: int | None = None
    joined_since: date | None = None
    joined_until: date | None = None

    @property
    def active(self) -> bool:
        return any(value not in ("", None) for value in self.__dict__.values())


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=timezone.utc)


def _state_condition(state: State, now: datetime) -> ColumnElement[bool]:
    live = User.is_active_account.is_(True)
    suspended = and_(User.suspended_until.is_not(None), User.suspended_until > now)
    silenced = and_(User.silenced_until.is_not(None), User.silenced_until > now)
    return {
        State.DEACTIVATED: User.is_active_account.is_(False),
        State.UNCONFIRMED: and_(live, User.email_confirmed_at.is_(None)),
        State.SUSPENDED: and_(live, suspended),
        State.SILENCED: and_(live, silenced),
        State.ACTIVE: and_(live, User.email_confirmed_at.is_not(None), ~or_(suspended, silenced)),
    }[state]


def _conditions(filters: PeopleFilters) -> list[ColumnElement[bool]]:
    found: list[ColumnElement[bool]] = []
    if filters.text:
        pattern = "%" + filters.text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        found.append(or_(User.username.like(pattern, escape="\\"), User.email.like(pattern, escape="\\"),
                         func.lower(User.display_name).like(pattern, escape="\\")))
    if filters.role is not None:
        found.append(User.id.in_(select(UserRole.user_id).where(UserRole.role == filters.role.value)))
    if filters.state is not None:
        found.append(_state_condition(filters.state, utcnow()))
    if filters.trust is not None:
        found.append(User.trust_level == filters.trust)
    if filters.joined_since is not None:
        found.append(User.created_at >= _day_start(filters.joined_since))
    if filters.joined_until is not None:
        found.append(User.created_at < _day_start(filters.joined_until + timedelta(days=1)))
    return found


def people_page(filters: PeopleFilters, page: int) -> tuple[list[User], int, int]:
    """(accounts on `page`, newest first, with their roles loaded; number of pages; number of matches)."""
    conditions = _conditions(filters)
    total = db.session.execute(select(func.count(User.id)).where(*conditions)).scalar_one()
    pages = max(1, math.ceil(total / PER_PAGE))
    rows = db.session.execute(
        select(User).where(*conditions).options(selectinload(User.roles))
        .order_by(User.created_at.desc(), User.id.desc()).offset((page - 1) * PER_PAGE).limit(PER_PAGE)
    ).scalars().all()
    return list(rows), pages, total


@dataclass
class ReportsOf:
    """A person's reports: those they made and those about their content, each counted and the latest few."""

    made: int
    made_recent: list[Report]
    about: int
    about_items: list[ReviewItem]


def reports_of(user: User) -> ReportsOf:
    """The reports `user` made and the review items about what they wrote (four queries)."""
    made = db.session.execute(select(func.count(Report.id)).where(Report.reporter_id == user.id)).scalar_one()
    made_recent = db.session.execute(
        select(Report).where(Report.reporter_id == user.id).order_by(Report.created_at.desc(), Report.id.desc())
        .limit(RECENT)).scalars().all()
    about = db.session.execute(
        select(func.count(func.distinct(Report.id))).select_from(Report)
        .join(ReviewItem, ReviewItem.subject_id == Report.subject_id).where(ReviewItem.author_id == user.id)
    ).scalar_one()
    items = db.session.execute(
        select(ReviewItem).where(ReviewItem.author_id == user.id)
        .order_by(ReviewItem.updated_at.desc(), ReviewItem.id.desc()).limit(RECENT)).scalars().all()
    return ReportsOf(made, list(made_recent), about, list(items))


def find_person(username: str) -> User | None:
    """The account named `username` (any state), with its roles."""
    return db.session.execute(
        select(User).where(User.username_key == usernames.key(username)).options(selectinload(User.roles))
    ).scalar_one_or_none()
