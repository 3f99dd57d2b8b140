"""A scene for the review queue's tests: a throwaway moderatable kind (`test_note`, with a table of its own whose
redaction and deletion the tests can watch), review items with their reports made directly (the intake is built
elsewhere), house rules, and one account of every role."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import ForeignKey, MetaData, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from app import subjects
from app.extensions import db as _db
from app.models import Subject, utcnow
from app.moderation import profiles
from app.moderation.models import Notice, Reason, Report, ReviewItem
from app.pages.services import save_page
from app.users.models import Role, User
from factories import make_user
from snapshots import database_is_empty, loaded_once


class _Base(DeclarativeBase):
    metadata = MetaData()


Subject.__table__.to_metadata(_Base.metadata)


class Note(_Base):
    """A stand-in for a post: an author, a title and a body, and a flag its deletion sets."""

    __tablename__ = "test_moderation_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    subject_id: Mapped[int] = mapped_column(ForeignKey("subject.id", ondelete="CASCADE"), unique=True)
    author_id: Mapped[int | None] = mapped_column()
    title: Mapped[str] = mapped_column(String(100))
    body: Mapped[str] = mapped_column(Text)
    deleted: Mapped[bool] = mapped_column(default=False)

    @property
    def subject(self) -> Subject:
        return _db.session.get(Subject, self.subject_id)


def _redact(note: Note, actor, fields: dict[str, str]) -> None:
    for key, value in fields.items():
        setattr(note, key, value)
    _db.session.flush()


def _delete(note: Note, actor) -> None:
    note.deleted, note.body = True, ""
    _db.session.flush()


@pytest.fixture
def notes(db):
    """The `test_note` kind and its table, for one test."""
    _Base.metadata.create_all(db.engine, tables=[Note.__table__])
    subjects.register("test_note", Note, title=lambda n: n.title, url=lambda n: f"/notes/{n.id}",
                      moderation=subjects.Moderation(
                          author_id=lambda n: n.author_id, content=lambda n: {"title": n.title, "body": n.body},
                          redact=_redact, delete=_delete, category=lambda n: "forum:general"))
    yield Note
    subjects.unregister("test_note")
    db.session.remove()
    _Base.metadata.drop_all(db.engine, tables=[Note.__table__])


def make_note(author, title: str = "Cheap watches", body: str = "Buy cheap watches at example.com!") -> Note:
    subject = subjects.new_subject("test_note")
    _db.session.add(subject)
    _db.session.flush()
    note = Note(subject_id=subject.id, author_id=author.id if author else None, title=title, body=body)
    _db.session.add(note)
    _db.session.commit()
    return note


def make_item(subject: Subject, author, *, reporters=(), reason: Reason = Reason.SPAM, score: float = 1.0,
              notices: int = 0, category: str | None = None, age_days: int = 0, note: str = "") -> ReviewItem:
    """A pending review item on `subject` with an open report by each of `reporters` (and `notices` notices)."""
    owner = subjects.resolve(subject)
    content = subjects.get(subject.kind).moderation.content(owner)
    created = utcnow() - timedelta(days=age_days)
    for reporter in reporters:
        _db.session.add(Report(subject_id=subject.id, reporter_id=reporter.id, reason=reason, note=note,
                               snapshot=dict(content), created_at=created))
    for number in range(notices):
        _db.session.add(Notice(subject_id=subject.id, location=f"/x/{subject.id}", explanation="Illegal.",
                               name=f"Notifier {number}", email=f"notifier{number}@example.org", good_faith=True,
                               locale="en" if number % 2 else "de", token=f"tok-{subject.id}-{number}"))
    item = ReviewItem(subject_id=subject.id, kind=subject.kind, category=category, score=score,
                      report_count=len(reporters), notice_count=notices, top_reason=reason,
                      author_id=author.id if author else None, created_at=created)
    _db.session.add(item)
    _db.session.commit()
    return item


def profile_subject(user) -> Subject:
    subject = profiles.subject_of(user)
    _db.session.commit()
    return subject


HOUSE_RULES = {
    "de": "# Hausordnung\n\n1. Sei freundlich.\n2. Keine Werbung: Wer hier verkauft, fliegt raus.\n3. Bleib beim Thema.\n",
    "en": "# House rules\n\n1. Be kind.\n2. No advertising: selling here gets you removed.\n3. Stay on topic.\n",
}


def make_house_rules(texts: dict[str, str] | None = None) -> None:
    for locale, body in (texts or HOUSE_RULES).items():
        save_page("house-rules", locale, title="Hausordnung" if locale == "de" else "House rules", body_md=body,
                  editor=None)


ROLES = {"member": (), "moderator": (Role.MODERATOR,), "city_staff": (Role.CITY_STAFF,), "admin": (Role.ADMIN,)}


@pytest.fixture
def people(db):
    """One account of each role, plus a silenced and a suspended member, all English-speaking but `max`.

    On an empty database (the usual case) they are made by this process's first test that asks and copied back
    for the next ones (tests/snapshots.py); a test that wrote rows before asks for them gets them made anew."""
    ids = loaded_once(("moderation people",), _make_people) if database_is_empty() else _make_people()
    return {role: db.session.get(User, user_id) for role, user_id in ids.items()}


def _make_people() -> dict[str, int]:
    later = utcnow() + timedelta(days=5)
    found = {
        "member": make_user("max", locale="de"),
        "silenced": make_user("sil", silenced_until=later, locale="en"),
        "suspended": make_user("sus", suspended_until=later, locale="en"),
        "city_staff": make_user("cit", roles=(Role.CITY_STAFF,), locale="en"),
        "moderator": make_user("mod", roles=(Role.MODERATOR,), locale="en"),
        "admin": make_user("adm", roles=(Role.ADMIN,), locale="en"),
    }
    return {role: user.id for role, user in found.items()}
