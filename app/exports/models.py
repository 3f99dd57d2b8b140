"""A data export: one request of a person for their data, the archive the background job made, and when it expires.

It is a Subject of its own (kind "data_export"), so the notification that it is ready goes through the one
notification pipeline (in the app, and by e-mail as the person chose for this kind), visible to its owner only.
"""
from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, deferred, mapped_column

from app.extensions import db
from app.models import SubjectMixin, UTCDateTime, utcnow

WAITING, BUILDING, READY, FAILED, EXPIRED = "waiting", "building", "ready", "failed", "expired"


def new_token() -> str:
    return secrets.token_urlsafe(32)


class DataExport(SubjectMixin, db.Model):  # type: ignore[name-defined]
    """The archive of a person's data: asked for at `created_at`, built by a background job part by part
    (`parts_done` of `parts_total`), downloadable by its owner with `token` until `expires_at`."""

    __tablename__ = "data_export"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)
    token: Mapped[str] = mapped_column(String(64), unique=True, default=new_token)
    status: Mapped[str] = mapped_column(String(10), default=WAITING)
    parts_done: Mapped[int] = mapped_column(default=0)
    parts_total: Mapped[int] = mapped_column(default=0)
    size: Mapped[int] = mapped_column(default=0)
    archive: Mapped[bytes | None] = deferred(mapped_column(LargeBinary))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def state(self) -> str:
        """What the export is now: its stored status, but EXPIRED once a ready archive is past `expires_at` (even
        before `forget_expired` dropped its data)."""
        if self.status == READY and self.expires_at is not None and self.expires_at <= utcnow():
            return EXPIRED
        return self.status

    @property
    def percent(self) -> int:
        return round(100 * self.parts_done / self.parts_total) if self.parts_total else 0
