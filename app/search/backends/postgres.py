"""The PostgreSQL full-text backend: the index is the `search_document` table in the application's own database.

Each row holds a document with its weighted `tsvector` (A the title, B the body), built by PostgreSQL in the
text-search configuration of the document's language (app.search.backends.postgres_query.CONFIGURATIONS), and a
GIN index answers the matches. Writes go through the current `db.session` transaction, so the indexer commits the
index and the drained outbox rows together; a rebuild is one transaction (DELETE everything, INSERT every
document), so searches answer from the old rows until it commits, and a rebuild that dies leaves them.

A search takes two statements: the tsquery of every term in every configuration, then the counts per kind and
the page with its highlights (ts_headline, only for the page's rows) from one scan of the matches. A database
error on the way rolls the session back (so the page goes on), is logged, and raises Unavailable.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable

from sqlalchemy import Integer, bindparam, delete, text, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.models import UTCDateTime
from app.search.backends import Unavailable
from app.search.backends.postgres_query import (COUNT, LT, all_configurations, compose, configuration,
                                                lexemes_statement, search_statement, terms_of)
from app.search.documents import Document, Key
from app.search.models import SearchDocument
from app.search.query import Hit, Results, SearchRequest

log = logging.getLogger("werkstadt.search")

MAX_INDEXED_BODY = 200_000  # characters of a body that go into its tsvector (PostgreSQL caps one at 1 MB)

_UPSERT = text(
    "INSERT INTO search_document (kind, object_id, title, body, language, config, tsv, created_at, category,"
    " status, author_id, hidden, visible_to) VALUES (:kind, :object_id, :title, :body, :language, :config,"
    " setweight(to_tsvector(CAST(:regconfig AS regconfig), :title), 'A')"
    " || setweight(to_tsvector(CAST(:regconfig AS regconfig), left(:body, :max_body)), 'B'),"
    " :created_at, :category, :status, :author_id, :hidden, :visible_to)"
    " ON CONFLICT (kind, object_id) DO UPDATE SET title = EXCLUDED.title, body = EXCLUDED.body,"
    " language = EXCLUDED.language, config = EXCLUDED.config, tsv = EXCLUDED.tsv,"
    " created_at = EXCLUDED.created_at, category = EXCLUDED.category, status = EXCLUDED.status,"
    " author_id = EXCLUDED.author_id, hidden = EXCLUDED.hidden, visible_to = EXCLUDED.visible_to"
).bindparams(bindparam("created_at", type_=UTCDateTime()), bindparam("visible_to", type_=ARRAY(Integer)))


def _row(document: Document) -> dict:
    return {
        "kind": document.kind, "object_id": document.id,
        "title": document.title.replace("\x00", ""), "body": document.body.replace("\x00", ""),
        "language": document.language, "config": configuration(document.language),
        "regconfig": configuration(document.language), "max_body": MAX_INDEXED_BODY,
        "created_at": document.created_at, "category": document.category, "status": document.status,
        "author_id": document.author_id, "hidden": bool(document.hidden),
        "visible_to": sorted(document.visible_to),
    }


class PostgresBackend:
    """Search in PostgreSQL (see the module). Stateless: every call uses the current `db.session`."""

    name = "postgres"

    def apply(self, documents: list[Document], removed: list[Key]) -> None:
        """Upsert `documents` and delete `removed` in the current transaction (the caller commits); a document
        whose key is also in `removed` is kept. Raises Unavailable (the session rolled back) on a database error."""
        with self._database("index"):
            if removed:
                table = SearchDocument.__table__
                db.session.execute(delete(table).where(tuple_(table.c.kind, table.c.object_id).in_(
                    sorted(set(removed)))))
            self._upsert(documents)

    def rebuild(self, batches: Iterable[list[Document]]) -> int:
        """Replace every row by the documents of `batches` in one transaction, committed at the end (readers see
        the old rows until then); anything that stops it rolls back to the old rows. Returns the number of
        documents. Raises Unavailable on a database error."""
        keys: set[Key] = set()
        with self._database("rebuild"):
            try:
                db.session.execute(text("DELETE FROM search_document"))
                for batch in batches:
                    self._upsert(batch)
                    keys.update(document.key for document in batch)
                db.session.commit()
            except BaseException:
                db.session.rollback()
                raise
        try:
            settle()
        except SQLAlchemyError:  # not the index's owner, say: the rebuild is done, autovacuum will settle it
            db.session.rollback()
            log.warning("search rebuild done, but the GIN index could not be settled", exc_info=True)
        return len(keys)

    def check(self) -> None:
        """Raise Unavailable unless the table and every text-search configuration are there."""
        with self._database("check"):
            configurations = all_configurations()
            found = db.session.execute(text(
                "SELECT (SELECT count(*) FROM pg_ts_config WHERE cfgname = ANY(CAST(:names AS text[]))"
                " AND pg_ts_config_is_visible(oid)), EXISTS (SELECT 1 FROM search_document)"),
                {"names": list(configurations)}).one()
        if found[0] != len(configurations):
            raise Unavailable(f"text search configurations missing: need {', '.join(configurations)}")

    def search(self, request: SearchRequest) -> Results:
        """The page of `request` (see app.search.backends.Backend) in two statements: the terms' tsqueries, then
        the counts and the page together (one scan of the matches)."""
        page, per_page = max(request.page, 1), max(request.per_page, 1)
        empty = Results([], 0, {}, page, per_page)
        if request.parsed.is_empty:
            return empty
        with self._database("search"):
            terms = terms_of(request.parsed)
            sql, params = lexemes_statement(terms)
            queries = compose(request.parsed, terms, db.session.execute(sql, params).all())
            if not queries.match:
                return empty
            sql, params = search_statement(request, queries, (page - 1) * per_page, per_page)
            rows = db.session.execute(sql, params).all()
        by_kind = {row.kind: row.number for row in rows if row.part == COUNT}
        total = sum(by_kind.get(kind, 0) for kind in set(request.kinds)) if request.kinds else sum(by_kind.values())
        hits = [Hit(row.kind, row.number, float(row.score or 0), _text(row.title, ""), _text(row.snippet, ""),
                    bool(row.hidden)) for row in rows if row.part != COUNT]
        return Results(hits, total, by_kind, page, per_page)

    def _upsert(self, documents: list[Document]) -> None:
        rows = {document.key: _row(document) for document in documents}  # the last of a key wins
        if rows:
            db.session.execute(_UPSERT, list(rows.values()))

    def _database(self, what: str) -> _Guard:
        return _Guard(what)


def settle() -> None:
    """After many writes (a rebuild): move the GIN index's pending entries (GIN's fast update list, which every
    search would read through) into the index and refresh the planner's statistics, so the next search uses the
    index at once rather than after the next autovacuum. Commits."""
    db.session.execute(text("SELECT gin_clean_pending_list(CAST('ix_search_document_tsv' AS regclass))"))
    db.session.execute(text("ANALYZE search_document"))
    db.session.commit()


def _text(value: str | None, fallback: str) -> str:
    return (value if value is not None else fallback).replace(LT, "<")


class _Guard:
    """Around a backend call: Unavailable unless the database is PostgreSQL; a database error rolls the session
    back, is logged with its cause, and becomes Unavailable."""

    def __init__(self, what: str) -> None:
        self.what = what

    def __enter__(self) -> None:
        dialect = db.session.get_bind().dialect.name
        if dialect != "postgresql":
            raise Unavailable(f"SEARCH_BACKEND 'postgres' needs a PostgreSQL database, not {dialect}")

    def __exit__(self, kind, error, traceback) -> bool:
        if isinstance(error, SQLAlchemyError):
            db.session.rollback()
            log.warning("search %s failed: the PostgreSQL index is unavailable", self.what, exc_info=error)
            raise Unavailable(f"search {self.what} failed: {error.__class__.__name__}") from error
        return False
