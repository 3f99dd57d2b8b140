"""Helpers for the tests of the search sources and the outbox: documents without a backend, the outbox's keys,
what `show` gives each viewer, and statement counts of a source's load and show."""
from __future__ import annotations

from flask import current_app, has_request_context
from flask_login import AnonymousUserMixin
from sqlalchemy import delete, select

from app.extensions import db
from app.search import indexer, sources
from app.search.models import SearchOutbox

ANONYMOUS = AnonymousUserMixin()


def documents(*keys):
    """key -> Document for the keys (and what they bring along) that have one, and the set of removed keys."""
    found, removed = indexer.documents_for(set(keys))
    return {document.key: document for document in found}, set(removed)


def document(kind: str, object_id: int):
    """The current Document of (kind, id), or None when the source gives it none."""
    return documents((kind, object_id))[0].get((kind, object_id))


def outbox_keys() -> set[tuple[str, int]]:
    """Every key in search_outbox (read on a fresh transaction)."""
    db.session.expire_all()
    return {(row.kind, row.object_id) for row in db.session.execute(select(SearchOutbox)).scalars()}


def clear_outbox() -> None:
    db.session.execute(delete(SearchOutbox))
    db.session.commit()


def shown(kind: str, object_id: int, viewer):
    """The Shown of (kind, id) for `viewer` (None: left out), as a request shows it (in its own request context
    unless the test is in one)."""
    if has_request_context():
        return sources.get(kind).show([object_id], viewer).get(object_id)
    with current_app.test_request_context():
        return sources.get(kind).show([object_id], viewer).get(object_id)


def statements(count_queries, call) -> int:
    """How many SQL statements `call()` sends (with every loaded row expired, as on a fresh request)."""
    db.session.expire_all()
    with current_app.test_request_context(), count_queries() as counter:
        call()
    return counter.count
