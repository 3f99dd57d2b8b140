"""Writes record what they make stale, in their own transaction: the search outbox.

After every ORM flush, `_record` looks at the rows flushed (new, changed, deleted) that a source watches
(app.search.sources.Watch) and inserts their document keys into `search_outbox` on the same connection, so the
keys commit or roll back with the change itself. A Subject whose `hidden_reason` changed is recorded as
("@subject", its id): hiding and showing again re-index whatever owns it. Once the transaction has committed,
one background job drains the outbox (app.search.indexer.drain) unless SEARCH_INDEX_AFTER_COMMIT is off (the test
suite; `flask search index` drains it then).

Bulk `UPDATE` statements bypass the ORM and are not seen: services use them for counters only, which no document
holds.
"""
from __future__ import annotations

from flask import current_app, has_app_context
from sqlalchemy import event, insert
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.orm import Session

from app.models import Subject, utcnow
from app.search import sources
from app.search.documents import Key
from app.search.models import SearchOutbox
from app.unit_of_work import UnitOfWorkSession, queue_once_after_commit

SUBJECT = "@subject"


def init_app(app) -> None:
    """Listen to every flush of the app's sessions (once per process: the listener is global)."""
    if not event.contains(UnitOfWorkSession, "after_flush", _record):
        event.listen(UnitOfWorkSession, "after_flush", _record)


def _record(session: Session, flush_context) -> None:
    if not has_app_context():
        return
    keys = stale_keys(session)
    if not keys:
        return
    now = utcnow()
    session.connection().execute(insert(SearchOutbox.__table__),
                                 [{"kind": kind, "object_id": object_id, "created_at": now}
                                  for kind, object_id in sorted(keys)])
    if current_app.config.get("SEARCH_INDEX_AFTER_COMMIT", True):
        queue_once_after_commit(session, _kick)


def stale_keys(session: Session) -> set[Key]:
    """The keys the pending flush makes stale (called in after_flush, while new/dirty/deleted still hold it)."""
    keys: set[Key] = set()
    watches = sources.watches()
    for obj in list(session.new) + list(session.deleted):
        if isinstance(obj, Subject):
            continue
        for watch in watches:
            if isinstance(obj, watch.model):
                keys.update(watch.keys(obj))
    for obj in session.dirty:
        if isinstance(obj, Subject):
            if _changed(obj, frozenset({"hidden_reason"})):
                keys.add((SUBJECT, obj.id))
            continue
        for watch in watches:
            if isinstance(obj, watch.model) and _changed(obj, watch.attributes):
                keys.update(watch.keys(obj))
    return {(kind, object_id) for kind, object_id in keys if object_id is not None}


def _changed(obj, attributes: frozenset[str] | None) -> bool:
    state = sa_inspect(obj)
    names = attributes if attributes is not None else state.mapper.column_attrs.keys()
    return any(state.attrs[name].history.has_changes() for name in names if name in state.attrs)


def _kick() -> None:
    from app import jobs
    from app.search.indexer import drain_job

    jobs.enqueue(drain_job)
