"""The tables of search: the outbox of keys to index again, and the PostgreSQL backend's documents.

`search_outbox` gets a row in the same transaction as every write that makes a document stale (app.search.outbox);
the indexer deletes the rows it has indexed, so work that a crash interrupted is still there for the next run.

`search_document` is the index of the PostgreSQL backend (app.search.backends.postgres): one row per document with
its `tsvector`, built in the document's own text-search configuration. The table exists on SQLite too (one schema
for both databases), where it stays empty: the embedded default indexes with Whoosh.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow

# The tsvector and the list of readers exist as such only on PostgreSQL; SQLite stores text it never reads.
TSVector = TSVECTOR().with_variant(Text(), "sqlite")
IdList = ARRAY(Integer).with_variant(Text(), "sqlite")


class SearchOutbox(db.Model):  # type: ignore[name-defined]
    """A document to index again: (`kind`, `object_id`), or a Subject (`kind` "@subject", `object_id` its id)
    whose visibility changed."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchDocument(db.Model):  # type: ignore[name-defined]
    """One document of the PostgreSQL backend; `tsv` is weighted (A the title, B the body) in `config`."""

    __tablename__ = "search_document"
    __table_args__ = (
        Index("ix_search_document_tsv", "tsv", postgresql_using="gin"),
        Index("ix_search_document_created_at", "created_at"),
    )

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    object_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    config: Mapped[str] = mapped_column(String(40))
    tsv: Mapped[str | None] = mapped_column(TSVector)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    category: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str | None] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column()
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    visible_to: Mapped[list[int] | None] = mapped_column(IdList)
