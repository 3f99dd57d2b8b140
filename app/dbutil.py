"""Portable write helpers: insert-or-ignore and upsert on SQLite and PostgreSQL."""
from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite

from app.extensions import db


def dialect_insert(model):
    """An INSERT of the session's dialect, so `on_conflict_do_nothing` and `RETURNING` are at hand."""
    dialect = db.session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    return module.insert(model)


def insert_or_ignore(model, **values: Any) -> bool:
    """Insert one row unless a unique constraint already holds it; True if a row was written.

    Runs in the caller's transaction (no commit), so a counter can move in the same transaction.
    Asks for the new row back (RETURNING): on PostgreSQL the rowcount of an INSERT that returns rows is -1.
    """
    statement = dialect_insert(model).values(**values).on_conflict_do_nothing()
    result = db.session.execute(statement.returning(*model.__table__.primary_key.columns))
    return result.first() is not None


def upsert(model, keys: dict[str, Any], values: dict[str, Any], update: dict[str, Any] | None = None) -> None:
    """Insert `keys | values`, or on a key conflict set `update` (default: `values`). No commit."""
    statement = dialect_insert(model).values(**keys, **values)
    statement = statement.on_conflict_do_update(index_elements=list(keys), set_=update or values)
    db.session.execute(statement)
