"""User accounts and their roles."""
from __future__ import annotations

import secrets
from datetime import datetime
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, SmallInteger, String, Text, false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db
from app.models import Subject, TimestampMixin, UTCDateTime, utcnow
from app.users import usernames


class Role(StrEnum):
    """What a person may do beyond taking part; a user may hold several."""

    MEMBER = "member"
    MODERATOR = "moderator"
    CITY_STAFF = "city_staff"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return str(ROLE_LABELS[self])


ROLE_LABELS = {
    Role.MEMBER: _l("Member"),
    Role.MODERATOR: _l("Moderator"),
    Role.CITY_STAFF: _l("City staff"),
    Role.ADMIN: _l("Administrator"),
}


def new_session_token() -> str:
    return secrets.token_urlsafe(16)


class User(UserMixin, TimestampMixin, db.Model):  # type: ignore[name-defined]
    """A registered person. Usernames and e-mail addresses are stored lower-case and unique; a username's key
    (app.users.usernames.key: case folded) is unique too, so names that differ only in case or form collide."""

    __tablename__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(30), unique=True)
    username_key: Mapped[str] = mapped_column(String(usernames.KEY_LENGTH), unique=True)  # usernames.key(username)
    display_name: Mapped[str] = mapped_column(String(50))
    email: Mapped[str] = mapped_column(String(254), unique=True)
    pending_email: Mapped[str | None] = mapped_column(String(254))
    password_hash: Mapped[str] = mapped_column(String(255))
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    bio_md: Mapped[str] = mapped_column(Text, default="")
    locale: Mapped[str] = mapped_column(String(8), default="de")
    session_token: Mapped[str] = mapped_column(String(32), default=new_session_token)
    is_active_account: Mapped[bool] = mapped_column(default=True)
    # Moderation: the Subject that reports on this profile point to (made on the first report), and the end of
    # the silence or suspension in force (app/moderation/sanctions.py); both lapse by themselves.
    subject_id: Mapped[int | None] = mapped_column(ForeignKey("subject.id", ondelete="SET NULL"), unique=True)
    silenced_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    suspended_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Trust (app/trust): 0 sandbox, 1 member; promotion is automatic unless a moderator locked the level.
    # Server-side defaults only, so the migration tests' inserts at older revisions leave the columns out.
    trust_level: Mapped[int] = mapped_column(SmallInteger, server_default="0")
    trust_locked: Mapped[bool] = mapped_column(server_default=false())
    trust_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    subject: Mapped[Subject | None] = relationship(foreign_keys=[subject_id])
    roles: Mapped[list[UserRole]] = relationship(
        back_populates="user", cascade="all, delete-orphan", order_by="UserRole.role"
    )

    # Flask-Login: the session id carries the session token (a new one ends every session) and the key of the
    # browser's UserSession (ending it ends that browser's); `session_key` is set at login and by the loader.
    session_key = ""

    def get_id(self) -> str:
        return f"{self.id}:{self.session_token}:{self.session_key}"

    @property
    def is_active(self) -> bool:
        """Flask-Login's test: an account that exists and is not suspended right now."""
        return self.is_active_account and not self.is_suspended

    @property
    def is_suspended(self) -> bool:
        return self.suspended_until is not None and self.suspended_until > utcnow()

    @property
    def is_silenced(self) -> bool:
        return self.silenced_until is not None and self.silenced_until > utcnow()

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def role_names(self) -> set[Role]:
        return {Role(r.role) for r in self.roles}

    def has_role(self, *roles: Role) -> bool:
        """True if the user holds any of `roles`."""
        return bool(self.role_names.intersection(roles))

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)

    def __repr__(self) -> str:
        return f"<User {self.username}>"


class UserSession(db.Model):  # type: ignore[name-defined]
    """One browser signed in to an account (app/users/sessions.py): what /settings/sessions lists and ends. Its
    cookie names it by `key`; `network` is the address it signed in from, cut to its network (no whole IP)."""

    __tablename__ = "user_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(32), unique=True, default=new_session_token)
    user_agent: Mapped[str] = mapped_column(String(255), default="")
    network: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserRole(db.Model):  # type: ignore[name-defined]
    """One role held by one user."""

    __tablename__ = "user_role"
    __table_args__ = (
        CheckConstraint("role IN ('member', 'moderator', 'city_staff', 'admin')", name="role_known"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)

    user: Mapped[User] = relationship(back_populates="roles")
