"""The tables of search: the outbox of keys to index again, and the PostgreSQL backend's documents.

`search_outbox` gets a row in the same transaction as every write that makes a document stale (app.search.outbox);
the indexer deletes the rows it has indexed, so work that a crash interrupted is still there for the next run.

`search_document` is the index of the PostgreSQL backend (app.search.backends.postgres): one row per document with
its `tsvector`, built in the document's own text-search configuration, holding its words and its word pairs (see
WORD_PAIRS), and the title's own small `title_tsv`, which ranks titles first without reading the whole document's.
One GIN index per configuration, each over that configuration's rows only, answers a search with no second look at
any row (app.search.backends.postgres_query.where); a new configuration needs its index (a migration, as 0016 made
these). The table exists on SQLite too (one schema for both databases), where it stays empty: the embedded default
indexes with Whoosh.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, Boolean, Index, Integer, String, Text, text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db
from app.models import UTCDateTime, utcnow

# The tsvector and the list of readers exist as such only on PostgreSQL; SQLite stores text it never reads.
TSVector = TSVECTOR().with_variant(Text(), "sqlite")
IdList = ARRAY(Integer).with_variant(Text(), "sqlite")
# Every text-search configuration a document may be stored in (migration 0014), each with its GIN index (0016).
CONFIGURATIONS = ("werkstadt_de", "werkstadt_en", "werkstadt_tr", "werkstadt_ar", "werkstadt_simple")
# The SQL function (migration 0016) that adds to a tsvector a lexeme "a b" for each two lexemes a, b at neighbouring
# positions: a phrase of two words is then one lexeme the GIN index finds, with no positions to check.
WORD_PAIRS = "werkstadt_word_pairs"
FOLD = "werkstadt_fold"  # SQL: a text as its vectors and queries see it (migration 0022; app.folding.arabic_fold)
# SQL (migration 0025): a document's text as a tsvector, a query term as a tsquery, in a configuration: folded
# (FOLD) and stemmed, or for Turkish stemmed with its own letters, then folded.
VECTOR, QUERY = "werkstadt_vector", "werkstadt_query"


def tsv_index_name(configuration: str) -> str:
    """The name of the GIN index over the documents stored in `configuration`."""
    return f"ix_search_document_tsv_{configuration.removeprefix('werkstadt_')}"


class SearchOutbox(db.Model):  # type: ignore[name-defined]
    """A document to index again: (`kind`, `object_id`), or a Subject (`kind` "@subject", `object_id` its id)
    whose visibility changed."""

    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int] = mapped_column()
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SearchDocument(db.Model):  # type: ignore[name-defined]
    """One document of the PostgreSQL backend; `tsv` is weighted (A the title, B the body, the word pairs
    unweighted) in `config`, `title_tsv` the title's alone."""

    __tablename__ = "search_document"
    __table_args__ = (
        *(Index(tsv_index_name(name), "tsv", postgresql_using="gin", postgresql_where=text(f"config = '{name}'"))
          for name in CONFIGURATIONS),
        Index("ix_search_document_title_tsv", "title_tsv", postgresql_using="gin"),
        Index("ix_search_document_created_at", "created_at"),
        Index("ix_search_document_kind_created_at", "kind", "created_at"),  # one kind's matches newest first
    )

    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    object_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(Text)
    body: Mapped[str] = mapped_column(Text)
    language: Mapped[str] = mapped_column(String(8))
    config: Mapped[str] = mapped_column(String(40))
    tsv: Mapped[str | None] = mapped_column(TSVector)
    title_tsv: Mapped[str | None] = mapped_column(TSVector)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    category: Mapped[str | None] = mapped_column(String(120))
    status: Mapped[str | None] = mapped_column(String(20))
    author_id: Mapped[int | None] = mapped_column()
    hidden: Mapped[bool] = mapped_column(Boolean, default=False)
    visible_to: Mapped[list[int] | None] = mapped_column(IdList)
