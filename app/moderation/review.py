"""What the review pages show, in a fixed number of queries: the queue (filtered, ranked by score, paginated) and
one item with its reports, notices, the content as reported and as it is now, and the author's history."""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload, selectinload

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.moderation.models import (Decision, ItemStatus, Notice, NoticeStatus, Reason, Report, ReportStatus,
                                   ReviewItem, Sanction)
from app.users.models import User

PER_PAGE = 25
HISTORY = 20  # earlier decisions shown about an author


@dataclass(frozen=True)
class QueueFilters:
    status: ItemStatus = ItemStatus.PENDING
    reason: Reason | None = None
    kind: str | None = None
    category: str | None = None

    @classmethod
    def from_args(cls, args) -> QueueFilters:
        """Filters from a query string; unknown values are ignored (the filter falls back to "all")."""
        status = args.get("status", ItemStatus.PENDING.value)
        reason = args.get("reason") or None
        kind = args.get("kind") or None
        return cls(status=ItemStatus(status) if status in ItemStatus._value2member_map_ else ItemStatus.PENDING,
                   reason=Reason(reason) if reason in Reason._value2member_map_ else None,
                   kind=kind if kind in subjects.kinds("reportable") else None,
                   category=(args.get("category") or None))


@dataclass
class QueueRow:
    item: ReviewItem
    owner: Any | None
    title: str
    url: str | None


@dataclass
class QueuePage:
    rows: list[QueueRow]
    page: int
    pages: int
    total: int


def queue(filters: QueueFilters, page: int) -> QueuePage:
    """One page of the queue: most urgent (highest score) first, then the oldest. Three queries plus one per
    Subject kind on the page, however many items there are."""
    where = [ReviewItem.status == filters.status]
    if filters.reason is not None:
        where.append(ReviewItem.top_reason == filters.reason)
    if filters.kind is not None:
        where.append(ReviewItem.kind == filters.kind)
    if filters.category is not None:
        where.append(ReviewItem.category == filters.category)
    total = db.session.execute(select(func.count()).select_from(ReviewItem).where(*where)).scalar_one()
    pages = max(1, math.ceil(total / PER_PAGE))
    order = ((ReviewItem.score.desc(), ReviewItem.created_at, ReviewItem.id) if filters.status is ItemStatus.PENDING
             else (ReviewItem.resolved_at.desc(), ReviewItem.id.desc()))
    items = db.session.execute(
        select(ReviewItem).where(*where).options(joinedload(ReviewItem.subject), joinedload(ReviewItem.author))
        .order_by(*order).limit(PER_PAGE).offset((page - 1) * PER_PAGE)).scalars().all()
    owners = subjects.resolve_many([item.subject_id for item in items])
    rows = []
    for item in items:
        owner = owners.get(item.subject_id)
        rows.append(QueueRow(item, owner, *(_title_and_url(owner) if owner is not None else ("", None))))
    return QueuePage(rows, page, pages, total)


def _title_and_url(owner) -> tuple[str, str]:
    return subjects.title_of(owner), subjects.url_of(owner)


def categories() -> list[str]:
    """The categories items were filed under, for the filter (one query)."""
    return list(db.session.execute(select(ReviewItem.category).where(ReviewItem.category.is_not(None))
                                   .distinct().order_by(ReviewItem.category)).scalars())


def pending_items(ids: list[int]) -> list[ReviewItem]:
    """The pending items among `ids` (the bulk selection), in the order asked."""
    found = {item.id: item for item in db.session.execute(
        select(ReviewItem).where(ReviewItem.id.in_(ids), ReviewItem.status == ItemStatus.PENDING)).scalars()}
    return [found[i] for i in ids if i in found]


@dataclass
class Change:
    key: str
    reported: str
    now: str


@dataclass
class AuthorHistory:
    author: User
    account_days: int
    decisions: list[Decision] = field(default_factory=list)
    sanctions: list[Sanction] = field(default_factory=list)


@dataclass
class ItemView:
    item: ReviewItem
    owner: Any | None
    title: str
    url: str | None
    reports: list[Report]
    notices: list[Notice]
    reported: dict[str, str]  # the content in the first report's snapshot
    now: dict[str, str]  # the content as it is now (empty if it is gone)
    changes: list[Change]
    history: AuthorHistory | None
    can_delete: bool


def item_view(item: ReviewItem) -> ItemView:
    """Everything the item page shows about `item`."""
    owner = subjects.resolve(item.subject)
    hooks = subjects.get(item.kind).moderation if item.kind in subjects.kinds() else None
    pending = item.status is ItemStatus.PENDING  # this item's reports: the open ones, or those its decision closed
    reports = list(db.session.execute(
        select(Report).where(Report.subject_id == item.subject_id,
                             Report.status == ReportStatus.OPEN if pending else Report.decision_id == item.decision_id)
        .options(selectinload(Report.reporter)).order_by(Report.created_at)).scalars())
    notices = list(db.session.execute(
        select(Notice).where(Notice.subject_id == item.subject_id,
                             Notice.status == NoticeStatus.OPEN if pending else Notice.decision_id == item.decision_id)
        .order_by(Notice.created_at)).scalars())
    reported = next((report.snapshot for report in reports if report.snapshot), {})
    now = hooks.content(owner) if hooks is not None and owner is not None else {}
    changes = [Change(key, reported.get(key, ""), now.get(key, "")) for key in dict.fromkeys([*reported, *now])
               if reported and reported.get(key, "") != now.get(key, "")]
    title, url = _title_and_url(owner) if owner is not None else ("", None)
    return ItemView(item, owner, title, url, reports, notices, reported, now, changes,
                    author_history(item.author) if item.author is not None else None,
                    can_delete=hooks is not None and hooks.delete is not None and owner is not None)


def author_history(author: User) -> AuthorHistory:
    """The author's account age, the latest decisions about them and the sanctions in force."""
    now = utcnow()
    earlier = list(db.session.execute(select(Decision).where(Decision.affected_id == author.id)
                                      .order_by(Decision.created_at.desc()).limit(HISTORY)).scalars())
    open_sanctions = list(db.session.execute(select(Sanction).where(
        Sanction.user_id == author.id, Sanction.lifted_at.is_(None), Sanction.ends_at > now)
        .order_by(Sanction.ends_at)).scalars())
    return AuthorHistory(author, (now - author.created_at).days, earlier, open_sanctions)
