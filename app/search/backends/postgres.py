"""The PostgreSQL full-text backend: the index is the `search_document` table in the application's own database.

Each row holds a document with its weighted `tsvector` (A the title, B the body, and its word pairs), built by
PostgreSQL in the text-search configuration of the document's language
(app.search.backends.postgres_tsquery.CONFIGURATIONS), and the title's own; GIN indexes answer the matches
(app.search.models). Writes go through the current `db.session` transaction, so the indexer commits the index and
the drained outbox rows together, and write a row only when the document is new or changed. A rebuild is one
transaction on a connection of its own, each batch written while the next one loads (every document written as it
is now, every other row deleted), so searches answer from the old rows until it commits, and a rebuild that dies
leaves them; then the table is vacuumed (settle).

A search takes two statements: the tsquery of every term in every configuration
(app.search.backends.postgres_tsquery), then the counts per kind (up to COUNT_CAP) and the page with its
highlights (ts_headline, only for the page's rows) together (app.search.backends.postgres_query). A database error
on the way rolls the session back (so the page goes on), is logged, and raises Unavailable.
"""
from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime, timezone

from sqlalchemy import delete, text, tuple_
from sqlalchemy.exc import SQLAlchemyError

from app.extensions import db
from app.search.backends import Unavailable
from app.search.backends.postgres_query import CHOSEN, COUNT, COUNT_CAP, LT, search_statement
from app.search.backends.postgres_tsquery import (all_configurations, compose, configuration, lexemes_statement,
                                                  terms_of)
from app.search.documents import Document, Key
from app.search.models import VECTOR, WORD_PAIRS, SearchDocument
from app.search.query import Hit, Results, SearchRequest

log = logging.getLogger("werkstadt.search")

MAX_INDEXED_BODY = 200_000  # characters of a body that go into its tsvector (PostgreSQL caps one at 1 MB)

# Each column of a document's row with the type of the array it comes in (a reader list as its text, "{1,2}").
_COLUMNS = {"kind": "varchar", "object_id": "integer", "title": "text", "body": "text", "language": "varchar",
            "config": "varchar", "created_at": "timestamptz", "category": "varchar", "status": "varchar",
            "author_id": "integer", "hidden": "boolean", "visible_to": "text"}
_NAMES = ", ".join(_COLUMNS)
# The rows of many documents in one statement, each column an array. A row is written only when it is new or
# changed: an unchanged one costs no tsvector and no dead row, so a rebuild of an unchanged index leaves the table
# as it was. The text becomes a tsvector through app.search.models.VECTOR, which gets its word pairs (WORD_PAIRS).
_UPSERT = text(
    f"INSERT INTO search_document ({_NAMES}, tsv, title_tsv)"
    f" SELECT {_NAMES}, tsv || {WORD_PAIRS}(tsv), title_tsv FROM (SELECT v.*,"
    f" setweight(v.title_tsv, 'A') || setweight({VECTOR}(CAST(v.config AS regconfig),"
    f" left(v.body, :max_body)), 'B') AS tsv FROM (SELECT given.*,"
    f" {VECTOR}(CAST(given.config AS regconfig), given.title) AS title_tsv"
    f" FROM (SELECT {_NAMES.replace('visible_to', 'CAST(visible_to AS integer[]) AS visible_to')} FROM unnest("
    + ", ".join(f"CAST(:{column} AS {kind}[])" for column, kind in _COLUMNS.items())
    + f") AS given({_NAMES})) AS given) AS v"
    " WHERE NOT EXISTS (SELECT 1 FROM search_document AS o WHERE o.kind = v.kind AND o.object_id = v.object_id"
    f" AND ({', '.join('o.' + c for c in _COLUMNS)}) IS NOT DISTINCT FROM ({', '.join('v.' + c for c in _COLUMNS)})"
    ")) AS made ON CONFLICT (kind, object_id) DO UPDATE SET "
    + ", ".join(f"{c} = EXCLUDED.{c}" for c in [*_COLUMNS, "tsv", "title_tsv"] if c not in ("kind", "object_id")))
# After a rebuild: every row whose key the rebuild did not write.
_STALE = text("DELETE FROM search_document AS d WHERE NOT EXISTS (SELECT 1 FROM unnest(CAST(:kinds AS text[]),"
              " CAST(:ids AS integer[])) AS k(kind, id) WHERE k.kind = d.kind AND k.id = d.object_id)")


def _rows(documents: Iterable[Document]) -> dict | None:
    """_UPSERT's parameters for `documents` (the last of a key wins): each column's values; None for none."""
    latest = {document.key: document for document in documents}
    if not latest:
        return None
    rows = [(document.kind, document.id, document.title.replace("\x00", ""), document.body.replace("\x00", ""),
             document.language, configuration(document.language), _utc(document.created_at), document.category,
             document.status, document.author_id, bool(document.hidden),
             "{" + ",".join(map(str, sorted(document.visible_to))) + "}") for document in latest.values()]
    return {"max_body": MAX_INDEXED_BODY, **{column: list(values) for column, values in zip(_COLUMNS, zip(*rows))}}


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
            if (rows := _rows(documents)) is not None:
                db.session.execute(_UPSERT, rows)

    def rebuild(self, batches: Iterable[list[Document]]) -> int:
        """Make the rows the documents of `batches`, in one transaction on a connection of its own, committed at
        the end (readers see the old rows until then): new and changed documents written, unchanged ones left
        alone, the rest deleted; anything that stops it rolls back to the old rows. PostgreSQL writes one batch
        while this process loads the next from the sources (through `db.session`), so the two overlap. Returns the
        number of documents. Raises Unavailable on a database error."""
        keys: set[Key] = set()
        with self._database("rebuild"), db.engine.connect() as writer, ThreadPoolExecutor(1) as pool:
            written: Future | None = None
            try:
                for batch in batches:
                    if written is not None:
                        written.result()
                        written = None
                    if (rows := _rows(batch)) is not None:
                        written = pool.submit(writer.execute, _UPSERT, rows)
                    keys.update(document.key for document in batch)
                if written is not None:
                    written.result()
                ordered = sorted(keys)
                writer.execute(_STALE, {"kinds": [kind for kind, _ in ordered], "ids": [id for _, id in ordered]})
                writer.commit()
            except BaseException:
                if written is not None:
                    wait([written])
                writer.rollback()
                raise
        try:
            settle()
        except SQLAlchemyError:  # not the table's owner, say: the rebuild is done, autovacuum will settle it
            db.session.rollback()
            log.warning("search rebuild done, but the table could not be vacuumed", exc_info=True)
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
            with _planned_each_time():
                rows = db.session.execute(sql, params).all()
        by_kind = {row.kind: row.number for row in rows if row.part == COUNT}
        counted = sum(by_kind.values())
        chosen = next((row.number for row in rows if row.part == CHOSEN), counted)
        hits = [Hit(row.kind, row.number, float(row.score or 0), _text(row.title, ""), _text(row.snippet, ""),
                    bool(row.hidden)) for row in rows if row.part not in (COUNT, CHOSEN)]
        return Results(hits, min(chosen, COUNT_CAP), by_kind, page, per_page, more=chosen > COUNT_CAP,
                       by_kind_exact=counted <= COUNT_CAP)

    def _database(self, what: str) -> _Guard:
        return _Guard(what)


def settle() -> None:
    """After many writes (a rebuild): VACUUM (ANALYZE) the table, on a connection of its own outside any
    transaction, as VACUUM must be. It marks the dead rows of the rewritten documents reusable (a search would
    otherwise step over them), moves the GIN indexes' pending entries (GIN's fast update list, which every search
    would read through) into the indexes and refreshes the planner's statistics, so the next search is fast at once
    rather than after the next autovacuum. Commits the session first."""
    db.session.commit()
    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM (ANALYZE) search_document"))


@contextmanager
def _planned_each_time() -> Iterator[None]:
    """Around the search statement: psycopg prepares nothing on the session's connection meanwhile. It prepares a
    statement run five times on a connection, and PostgreSQL may then run one generic plan for any words, the
    plan of a rare word for a common one (43 ms instead of 36 for a page of `city` at 100,000 documents); every
    other statement keeps its prepared plan."""
    raw = db.session.connection().connection.driver_connection
    if not hasattr(raw, "prepare_threshold"):  # not psycopg 3
        yield
        return
    saved = raw.prepare_threshold
    raw.prepare_threshold = None
    try:
        yield
    finally:
        raw.prepare_threshold = saved


def _utc(when: datetime) -> datetime:
    if when.tzinfo is None:
        raise ValueError("naive datetimes are not indexed")  # as app.models.UTCDateTime refuses to store them
    return when.astimezone(timezone.utc)


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
