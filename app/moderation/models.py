"""Moderation's tables: reports, notices of illegal content, the review queue, decisions with their statement of
reasons, account sanctions, appeals and the append-only audit log.

Whether a Subject is hidden is kept on the Subject row itself (`Subject.hidden_reason`, app/models.py), so every
feature filters its lists with one column it already joins; everything else about moderation lives here.
"""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import EnumText, Subject, UTCDateTime, utcnow
from app.users.models import User


def _check(column: str, enum: type[StrEnum]) -> CheckConstraint:
    values = ", ".join(f"'{member.value}'" for member in enum)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_known")


class Reason(StrEnum):
    """Why something was reported, and the category a hidden Subject shows ("Hidden by moderation: spam")."""

    SPAM = "spam"
    INSULTING = "insulting"
    OFF_TOPIC = "off_topic"
    ILLEGAL = "illegal"
    OTHER = "other"

    @property
    def label(self) -> str:
        return str(REASON_LABELS[self])


REASON_LABELS = {
    Reason.SPAM: _l("Spam"),
    Reason.INSULTING: _l("Insulting or harassing"),
    Reason.OFF_TOPIC: _l("Off-topic or does not belong here"),
    Reason.ILLEGAL: _l("Illegal content"),
    Reason.OTHER: _l("Something else"),
}


class ReportStatus(StrEnum):
    OPEN = "open"  # waiting for a decision
    UPHELD = "upheld"  # the moderators agreed
    REJECTED = "rejected"  # the moderators disagreed (counts against the reporter's accuracy)
    IGNORED = "ignored"  # closed without a judgement (neither for nor against the reporter)


class Report(db.Model):  # type: ignore[name-defined]
    """A member's report of one Subject. One open report per person and Subject (a partial unique index)."""

    __tablename__ = "report"
    __table_args__ = (
        _check("reason", Reason),
        _check("status", ReportStatus),
        Index("uq_report_open_per_reporter", "reporter_id", "subject_id", unique=True,
              sqlite_where=text("status = 'open'"), postgresql_where=text("status = 'open'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), index=True)
    reporter_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    reason: Mapped[Reason] = mapped_column(EnumText(Reason, 20))
    note: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[ReportStatus] = mapped_column(EnumText(ReportStatus, 20), default=ReportStatus.OPEN)
    snapshot: Mapped[dict] = mapped_column(JSON, default=dict)  # the content as it was reported
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"), index=True)
    # Filed by the platform itself (a watched word), not by a person; server-side default only (see 0013).
    automatic: Mapped[bool] = mapped_column(server_default=false())

    subject: Mapped[Subject] = relationship()
    reporter: Mapped[User | None] = relationship()


class NoticeStatus(StrEnum):
    OPEN = "open"
    ACTED = "acted"  # the content was restricted
    REJECTED = "rejected"  # no action: the notice may be contested


class Notice(db.Model):  # type: ignore[name-defined]
    """A notice of illegal content (DSA Art. 16), open to everyone, signed in or not."""

    __tablename__ = "notice"
    __table_args__ = (_check("status", NoticeStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id", ondelete="SET NULL"), index=True)
    location: Mapped[str] = mapped_column(String(500))  # the exact address the notifier gave
    explanation: Mapped[str] = mapped_column(Text)
    name: Mapped[str] = mapped_column(String(100))
    email: Mapped[str] = mapped_column(String(254))
    good_faith: Mapped[bool] = mapped_column(default=False)
    locale: Mapped[str] = mapped_column(String(8), default="de")
    notifier_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    status: Mapped[NoticeStatus] = mapped_column(EnumText(NoticeStatus, 20), default=NoticeStatus.OPEN)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # the notifier's link to the decision and appeal
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"), index=True)

    subject: Mapped[Subject | None] = relationship()


class ItemStatus(StrEnum):
    PENDING = "pending"
    RESOLVED = "resolved"


class ReviewItem(db.Model):  # type: ignore[name-defined]
    """One entry of the review queue: a Subject with its open reports and notices, ranked by `score`.

    At most one pending item per Subject (a partial unique index); a new report after a decision opens a new one.
    `kind` and `category` are copied from the Subject's owner when the item opens, so the queue filters without
    loading every owner.
    """

    __tablename__ = "review_item"
    __table_args__ = (
        _check("status", ItemStatus),
        Index("uq_review_item_pending", "subject_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
        Index("ix_review_item_queue", "status", "score"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(40))
    category: Mapped[str | None] = mapped_column(String(80))
    status: Mapped[ItemStatus] = mapped_column(EnumText(ItemStatus, 20), default=ItemStatus.PENDING)
    score: Mapped[float] = mapped_column(default=0.0)
    report_count: Mapped[int] = mapped_column(default=0)
    notice_count: Mapped[int] = mapped_column(default=0)
    top_reason: Mapped[Reason | None] = mapped_column(EnumText(Reason, 20))
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"), index=True)
    # The author edited the content while it was hidden, and it came back to the queue (migration 0012).
    edited_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    subject: Mapped[Subject] = relationship()
    author: Mapped[User | None] = relationship()


class Action(StrEnum):
    """What a decision did. The first five answer a review item; silence and suspend restrict an account."""

    HIDE = "hide"
    KEEP = "keep"
    IGNORE = "ignore"
    REDACT = "redact"
    DELETE = "delete"
    SILENCE = "silence"
    SUSPEND = "suspend"

    @property
    def restricts(self) -> bool:
        """Whether the decision restricts someone, and so needs a statement of reasons (DSA Art. 17)."""
        return self in RESTRICTIONS


RESTRICTIONS = frozenset({Action.HIDE, Action.REDACT, Action.DELETE, Action.SILENCE, Action.SUSPEND})


class Source(StrEnum):
    """What led to a decision."""

    REPORT = "report"  # members' reports
    NOTICE = "notice"  # a notice of illegal content
    OWN_INITIATIVE = "own_initiative"  # a moderator acted on what they saw
    AUTOMATIC = "automatic"  # enough reports hid it before anyone looked


class Decision(db.Model):  # type: ignore[name-defined]
    """A moderation decision and, for a restriction, its statement of reasons (DSA Art. 17): what was restricted
    and until when, the facts, what led to it, whether it was automatic, the house rule or legal ground, and (read
    with the appeal rules) how to contest it. Stored once, shown in-app and e-mailed in the reader's language."""

    __tablename__ = "decision"
    __table_args__ = (_check("action", Action), _check("source", Source))

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[Action] = mapped_column(EnumText(Action, 20))
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id", ondelete="SET NULL"), index=True)
    affected_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    moderator_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    source: Mapped[Source] = mapped_column(EnumText(Source, 20))
    automated: Mapped[bool] = mapped_column(default=False)
    reason: Mapped[Reason | None] = mapped_column(EnumText(Reason, 20))
    facts: Mapped[str] = mapped_column(Text, default="")
    # The house rule, by its number on the house rules page; quoted from the page's revision in the reader's
    # language that was current at `created_at` (app/pages keeps every revision).
    rule_number: Mapped[int | None] = mapped_column()
    legal_ground: Mapped[str] = mapped_column(Text, default="")
    ends_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # a restriction's end; None: for good
    content_before: Mapped[dict] = mapped_column(JSON, default=dict)
    content_after: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    reversed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    subject: Mapped[Subject | None] = relationship()
    affected: Mapped[User | None] = relationship(foreign_keys=[affected_id])
    moderator: Mapped[User | None] = relationship(foreign_keys=[moderator_id])


class SanctionKind(StrEnum):
    SILENCE = "silence"  # may read and sign in, may not write
    SUSPEND = "suspend"  # may not sign in


class Sanction(db.Model):  # type: ignore[name-defined]
    """A restriction on an account until `ends_at`. The account's `silenced_until` / `suspended_until` carry the
    one in force, so a request needs no query to know; both lapse by themselves when the time passes."""

    __tablename__ = "sanction"
    __table_args__ = (_check("kind", SanctionKind),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    kind: Mapped[SanctionKind] = mapped_column(EnumText(SanctionKind, 20))
    reason: Mapped[str] = mapped_column(Text)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    lifted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # ended early (appeal, moderator)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decision.id", ondelete="SET NULL"), index=True)

    user: Mapped[User] = relationship()


class AppealStatus(StrEnum):
    OPEN = "open"
    UPHELD = "upheld"  # the decision stands
    REVERSED = "reversed"  # the decision is undone


class Appeal(db.Model):  # type: ignore[name-defined]
    """A complaint against a decision (DSA Art. 20), by the affected person or by a reporter or notifier whose
    report was rejected; decided by a moderator other than the one who decided."""

    __tablename__ = "appeal"
    __table_args__ = (_check("status", AppealStatus),)

    id: Mapped[int] = mapped_column(primary_key=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decision.id", ondelete="CASCADE"), index=True)
    appellant_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    notice_id: Mapped[int | None] = mapped_column(ForeignKey("notice.id", ondelete="SET NULL"), index=True)
    text: Mapped[str] = mapped_column(Text)
    status: Mapped[AppealStatus] = mapped_column(EnumText(AppealStatus, 20), default=AppealStatus.OPEN)
    handler_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    response: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    decision: Mapped[Decision] = relationship()
    appellant: Mapped[User | None] = relationship(foreign_keys=[appellant_id])
    handler: Mapped[User | None] = relationship(foreign_keys=[handler_id])


class AuditEntry(db.Model):  # type: ignore[name-defined]
    """One moderator or administrator action, or a refused attempt on a moderation route. Append-only: the
    database refuses UPDATE and DELETE on this table (triggers, migration 0011)."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    # No foreign keys: the log outlives the accounts and things it names, and an ON DELETE rule would update it.
    actor_id: Mapped[int | None] = mapped_column(index=True)
    actor_name: Mapped[str] = mapped_column(String(30), default="")  # the username when it happened
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_kind: Mapped[str] = mapped_column(String(40), default="")
    object_id: Mapped[int | None] = mapped_column()
    subject_id: Mapped[int | None] = mapped_column(index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict] = mapped_column(JSON, default=dict)
    after: Mapped[dict] = mapped_column(JSON, default=dict)
    refused: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)

    actor: Mapped[User | None] = relationship(primaryjoin="foreign(AuditEntry.actor_id) == User.id", viewonly=True)
