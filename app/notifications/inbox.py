"""A person's notifications as entries (app.notifications.entries): the unread count for the header, pages of
them, opening one, marking them read.

Notifications of a groupable kind about one thing that were unread together (or read at the same moment) are one
entry; every other notification is an entry of its own. The grouping happens in SQL, so a page costs the same
few queries however many notifications an entry holds.
"""
from __future__ import annotations

from sqlalchemy import and_, case, distinct, func, literal_column, or_, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import utcnow
from app.notifications import kinds
from app.notifications.entries import Entry
from app.notifications.models import Notification
from app.notifications.notices import notices_for
from app.unit_of_work import use_case

PER_PAGE = 20
HOME_ENTRIES = 5  # unread entries on a member's home page ("what changed in what you follow")
MEMBERS = 10  # notifications of an entry loaded for its link and names: the oldest ones, and the newest


def _entry_key() -> tuple:
    """What makes notifications one entry: kind, thing and read moment; for a kind that does not group, also the
    notification itself."""
    alone = case((Notification.kind.in_(kinds.groupable()), literal_column("0")), else_=Notification.id)
    return Notification.kind, Notification.subject_id, Notification.read_at, alone


def unread_count(user) -> int:
    """How many of `user`'s inbox entries are unread (several unread replies in one thread count once): one query
    on the (user_id, read_at) index."""
    if user is None or not user.is_authenticated:
        return 0
    unread = (select(literal_column("1")).select_from(Notification)
              .where(Notification.user_id == user.id, Notification.read_at.is_(None)).group_by(*_entry_key()))
    return db.session.execute(select(func.count()).select_from(unread.subquery())).scalar_one()


def page_of(user, page: int) -> tuple[list[Entry], int]:
    """One page of `user`'s entries, newest first, and the number of pages.

    Constant queries: the count of entries, the page of entries, their members (at most MEMBERS and the newest
    each) with their actors, then the registry's one query per Subject kind. A notification whose target was
    removed since comes with `gone` set (the page says so instead of linking); an entry about something the
    reader may no longer see is left out.
    """
    entries = _entries(user)
    total = db.session.execute(select(func.count()).select_from(entries.subquery())).scalar_one()
    return _resolved(user, entries, PER_PAGE, (page - 1) * PER_PAGE), max(1, -(-total // PER_PAGE))


def latest_unread(user, limit: int = HOME_ENTRIES) -> list[Entry]:
    """`user`'s newest `limit` unread entries (grouped as in the inbox, a removed target said so, as the header
    counts them), newest first. Constant queries: the entries, their members, the registry's per Subject kind."""
    return _resolved(user, _entries(user, Notification.read_at.is_(None)), limit, 0)


def _entries(user, *conditions):
    """`user`'s entries as rows of (subject_id, newest id, members, people), grouped by _entry_key."""
    return (select(Notification.subject_id, func.max(Notification.id).label("newest"),
                   func.count().label("members"), func.count(distinct(Notification.actor_id)).label("people"))
            .where(Notification.user_id == user.id, *conditions).group_by(*_entry_key()))


def _resolved(user, entries, limit: int, offset: int) -> list[Entry]:
    """The entries of the `entries` query from `offset`, newest first, with their members (two queries and the
    registry's)."""
    rows = db.session.execute(entries.order_by(func.max(Notification.created_at).desc(),
                                               func.max(Notification.id).desc())
                              .limit(limit).offset(offset)).all()
    members = _members(user, rows)
    return [Entry(members[row.newest], row.members, row.people) for row in rows if members.get(row.newest)]


def _members(user, rows) -> dict[int, list]:
    """newest id -> the entry's notices, oldest first: its first MEMBERS and its newest (one query, and those of
    resolving them)."""
    if not rows:
        return {}
    key = _entry_key()
    ranked = (select(Notification.id,
                     func.row_number().over(partition_by=key, order_by=(Notification.created_at, Notification.id))
                     .label("rank"), func.max(Notification.id).over(partition_by=key).label("newest"))
              .where(Notification.user_id == user.id, Notification.subject_id.in_({row.subject_id for row in rows}))
              .subquery())
    found = db.session.execute(
        select(Notification, ranked.c.newest).options(joinedload(Notification.actor))
        .join(ranked, ranked.c.id == Notification.id)
        .where(ranked.c.newest.in_([row.newest for row in rows]),
               or_(ranked.c.rank <= MEMBERS, ranked.c.id == ranked.c.newest))
        .order_by(Notification.created_at, Notification.id)).all()
    notices = {notice.notification.id: notice
               for notice in notices_for(user, [notification for notification, _ in found], with_gone=True)}
    members: dict[int, list] = {}
    for notification, newest in found:
        if notification.id in notices:
            members.setdefault(newest, []).append(notices[notification.id])
    return members


def get_own(user, notification_id: int) -> Notification | None:
    """`user`'s notification `notification_id`, or None (someone else's is as good as missing)."""
    found = db.session.get(Notification, notification_id)
    return found if found is not None and found.user_id == user.id else None


def _same_entry(notification: Notification):
    """A WHERE clause: the notifications of `notification`'s entry up to it (those read with it, or unread with
    it); a later one is not in it yet, even if the page that linked here was older."""
    if notification.kind not in kinds.groupable():
        return Notification.id == notification.id
    return and_(Notification.user_id == notification.user_id, Notification.kind == notification.kind,
                Notification.subject_id == notification.subject_id, Notification.id <= notification.id,
                Notification.read_at.is_not_distinct_from(notification.read_at))


def entry_of(user, notification_id: int) -> Entry | None:
    """The entry `user`'s notification `notification_id` is the newest of, or None when it is not theirs or they
    may no longer see what it is about. Two queries, and those of resolving its first MEMBERS."""
    notification = get_own(user, notification_id)
    if notification is None:
        return None
    found = list(db.session.execute(select(Notification).where(_same_entry(notification))
                                    .order_by(Notification.created_at, Notification.id).limit(MEMBERS)).scalars())
    if notification not in found:
        found.append(notification)
    notices = notices_for(user, found, with_gone=True)
    return Entry(notices, len(notices)) if notices else None


@use_case
def mark_read(user, notification_id: int) -> bool:
    """Mark the entry of `user`'s notification `notification_id` read: the notification and, for a groupable
    kind, the unread ones of its kind about the same thing before it. False if it was read already or is not
    theirs. Commits."""
    notification = get_own(user, notification_id)
    if notification is None or notification.read_at is not None:
        return False
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None), _same_entry(notification))
        .values(read_at=utcnow()).execution_options(synchronize_session=False))
    return result.rowcount >= 1


@use_case
def mark_all_read(user) -> int:
    """Mark every unread notification of `user` read; returns how many. Commits."""
    result = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    return result.rowcount
