"""Brings the index up to date: drains the outbox, and rebuilds everything.

`drain()` takes the oldest outbox rows in batches, loads the current documents of their keys from the database
(a key without a document is removed), hands them to the backend, and deletes exactly the rows it has indexed.
The rows go only after the index has the documents, so a process killed half-way leaves them for the next run,
which indexes them again (storing a document twice is harmless). With the PostgreSQL backend the index writes,
the row deletions and the commit are one transaction, and workers skip each other's locked rows.

`rebuild()` builds a whole new index from every source and swaps it in; outbox rows older than the rebuild's start
are done by it, newer ones are drained afterwards.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Iterator

from sqlalchemy import delete, func, select

from app import subjects
from app.extensions import db
from app.search import sources
from app.search.backends import Unavailable, get_backend
from app.search.documents import Document, Key
from app.search.models import SearchOutbox
from app.search.outbox import SUBJECT

log = logging.getLogger("werkstadt.search")

BATCH = 500


def drain(batch: int = BATCH, max_batches: int | None = None) -> int:
    """Index the outbox's keys until it is empty (or `max_batches` batches are done); returns the number of
    outbox rows done. Raises Unavailable when the backend cannot take the documents (the rows stay)."""
    done = 0
    batches = 0
    backend = get_backend()
    while max_batches is None or batches < max_batches:
        query = select(SearchOutbox.id, SearchOutbox.kind, SearchOutbox.object_id).order_by(SearchOutbox.id)
        if db.session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True)
        rows = db.session.execute(query.limit(batch)).all()
        if not rows:
            db.session.rollback()
            break
        documents, removed = documents_for({(row.kind, row.object_id) for row in rows})
        try:
            backend.apply(documents, removed)
        except BaseException:
            db.session.rollback()
            raise
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id.in_([row.id for row in rows])))
        db.session.commit()
        done += len(rows)
        batches += 1
    return done


def drain_job() -> None:
    """The background job a commit enqueues (app.search.outbox): drain, and log (never raise) when the index is
    unavailable, so the page that wrote goes on; the rows wait for the next drain or a rebuild."""
    try:
        drain()
    except Unavailable:
        log.warning("search index unavailable; %s outbox rows wait", pending())


def pending() -> int:
    """How many outbox rows wait."""
    return db.session.scalar(select(func.count()).select_from(SearchOutbox)) or 0


def documents_for(keys: set[Key]) -> tuple[list[Document], list[Key]]:
    """The current documents of `keys` and the keys that have none (to remove). Subject keys ("@subject", id)
    stand for whatever owns the Subject, and for the documents shown with it (a source's `shown_with`); a
    source's `related` keys come along. A fixed number of queries per
    kind."""
    wanted: dict[str, set[int]] = {}
    subject_ids = [object_id for kind, object_id in keys if kind == SUBJECT]
    for subject_id, owner in subjects.resolve_many(subject_ids).items():
        source = sources.by_subject_kind(subjects.kind_of(owner).kind)
        if source is not None:
            wanted.setdefault(source.kind, set()).add(owner.id)
    for kind, object_id in keys:
        if kind != SUBJECT:
            wanted.setdefault(kind, set()).add(object_id)
    for source in sources.all_sources() if subject_ids else ():  # documents shown with those Subjects
        for shown_kind, shown_id in source.shown_with(subject_ids) if source.shown_with is not None else ():
            wanted.setdefault(shown_kind, set()).add(shown_id)
    for kind, ids in sorted(list(wanted.items())):  # documents that carry something of these (one level)
        source = sources.find(kind)
        if source is not None and source.related is not None:
            for related_kind, related_id in source.related(sorted(ids)):
                wanted.setdefault(related_kind, set()).add(related_id)
    documents: list[Document] = []
    removed: list[Key] = []
    for kind, ids in sorted(wanted.items()):
        try:
            source = sources.get(kind)
        except KeyError:
            log.warning("outbox names unknown search kind %r", kind)
            continue
        loaded = source.load(sorted(ids))
        documents.extend(loaded[object_id] for object_id in sorted(loaded))
        removed.extend((kind, object_id) for object_id in sorted(ids - set(loaded)))
    return documents, removed


def rebuild(progress: Callable[[int], None] | None = None, batch: int = BATCH) -> int:
    """Replace the index by one built from every source; `progress(n)` is called after each batch of n
    documents. Outbox rows that existed when it started are deleted once it is done. Returns the number of
    documents."""
    backend = get_backend()
    last_row = db.session.scalar(select(func.max(SearchOutbox.id)))
    db.session.rollback()
    count = backend.rebuild(_all_documents(progress, batch))
    if last_row is not None:
        db.session.execute(delete(SearchOutbox).where(SearchOutbox.id <= last_row))
    db.session.commit()
    return count


def total() -> int:
    """How many ids all sources may index (the length of a rebuild's progress bar)."""
    return sum(db.session.scalar(select(func.count()).select_from(source.all_ids().subquery())) or 0
               for source in sources.all_sources())


def _all_documents(progress: Callable[[int], None] | None, batch: int) -> Iterator[list[Document]]:
    for source in sources.all_sources():
        ids = list(db.session.scalars(source.all_ids()))
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            loaded = source.load(chunk)
            db.session.expunge_all()  # a rebuild of 100,000 documents must not keep them all in the session
            yield [loaded[object_id] for object_id in chunk if object_id in loaded]
            if progress is not None:
                progress(len(chunk))
