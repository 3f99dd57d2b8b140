"""Download my data: ask for an archive, build it in the background, hand it to its owner only, and forget it.

- `request_export(user)`: a new DataExport (or the one still being made), built by the job `build` after the
  commit (app.jobs). Commits.
- `build(export_id)`: the job. It writes the archive part by part (app.exports.archive), committing the progress
  the page shows after each part, stores it with an expiry EXPIRY from now and notifies the owner (in the app, and
  by e-mail as they chose for "data_export"; app.notifications). A failure marks the export failed, keeps nothing
  of it and raises for the job runner's log. It also forgets every expired archive (`forget_expired`, which
  `flask exports forget-expired` runs too, from cron, so no archive outlives its week when nobody asks).
- `download(user, token)`: the archive of a ready, unexpired export of `user` with `token`, else None (the view
  answers 404: another person's, a guessed or an old token alike).
"""
from __future__ import annotations

import io
from datetime import timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import undefer

from app import jobs, subjects
from app.exports import archive
from app.exports.models import BUILDING, EXPIRED, FAILED, READY, WAITING, DataExport
from app.extensions import db
from app.models import utcnow
from app.unit_of_work import use_case
from app.users.models import User

EXPIRY = timedelta(days=7)
KIND = "data_export"


def latest(user) -> DataExport | None:
    """The newest export of `user`, or None."""
    return db.session.execute(select(DataExport).where(DataExport.user_id == user.id)
                              .order_by(DataExport.id.desc()).limit(1)).scalar_one_or_none()


@use_case
def request_export(user) -> DataExport:
    """Ask for an archive of `user`'s data: the one waiting or being built, or a new one whose job starts after
    the commit. Commits."""
    current = latest(user)
    if current is not None and current.state in (WAITING, BUILDING):
        return current
    export = DataExport(user_id=user.id, subject=subjects.new_subject(KIND))
    db.session.add(export)
    db.session.flush()
    jobs.enqueue(build, export.id)
    return export


def build(export_id: int) -> None:
    """The job: write the archive of export `export_id` and tell its owner (see the module)."""
    export = db.session.get(DataExport, export_id)
    if export is None or export.status != WAITING:
        return
    owner = db.session.get(User, export.user_id)
    export.status = BUILDING
    db.session.commit()
    buffer = io.BytesIO()
    try:
        archive.write(buffer, owner, progress=lambda done, total: _progress(export_id, done, total))
    except Exception:
        db.session.rollback()
        db.session.execute(update(DataExport).where(DataExport.id == export_id).values(status=FAILED))
        db.session.commit()
        raise
    _finish(export_id, buffer.getvalue())
    forget_expired()


def _progress(export_id: int, done: int, total: int) -> None:
    db.session.execute(update(DataExport).where(DataExport.id == export_id)
                       .values(parts_done=done, parts_total=total))
    db.session.commit()


@use_case
def _finish(export_id: int, data: bytes) -> None:
    from app.notifications.publishing import publish

    export = db.session.get(DataExport, export_id)
    now = utcnow()
    export.archive, export.size, export.status = data, len(data), READY
    export.finished_at, export.expires_at = now, now + EXPIRY
    publish([(KIND, [export.user_id])], event="export_ready", about=export)


@use_case
def forget_expired() -> int:
    """Drop the archive of every export past its expiry (the row stays, marked expired); how many. Commits."""
    return db.session.execute(update(DataExport).where(DataExport.status == READY, DataExport.expires_at <= utcnow())
                              .values(status=EXPIRED, archive=None, size=0)).rowcount


def download(user, token: str) -> DataExport | None:
    """The ready, unexpired export of `user` with `token`, with its archive; None for anything else."""
    export = db.session.execute(select(DataExport).options(undefer(DataExport.archive))
                                .where(DataExport.token == token, DataExport.user_id == user.id)).scalar_one_or_none()
    return export if export is not None and export.state == READY else None
