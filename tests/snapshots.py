"""Data that is slow to build (the demo, a benchmark data set, a browser test's scene), built once per test process.

`loaded_once(key, load)` runs `load()` on the empty test database the first time a process asks for `key`, and keeps
every row it wrote and what it returned (the command's output, the scene's ids). Later tests ask with the same key
and get the same rows copied back into their empty tables, ids and sequences included, and the same value, in a
fraction of the time. A test that checks what a second load does still runs that second load for real.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Table, select, text

from app.extensions import db as _db

T = TypeVar("T")


@dataclass(frozen=True)
class _Snapshot:
    value: Any
    rows: list[tuple[Table, list[dict]]]


_SNAPSHOTS: dict[tuple, _Snapshot] = {}  # per key and database URL, in this process


def _take(value: Any) -> _Snapshot:
    with _db.engine.connect() as connection:
        rows = [(table, [dict(row._mapping) for row in connection.execute(select(table))])
                for table in _db.metadata.sorted_tables]
    return _Snapshot(value, [(table, found) for table, found in rows if found])


def _restore(snapshot: _Snapshot) -> None:
    with _db.engine.begin() as connection:
        # Some rows point at each other (an idea at its answer, the answer at its idea): foreign keys are checked
        # at the commit on SQLite, and not at all for this copy of checked rows on PostgreSQL (a superuser's switch).
        if connection.dialect.name == "postgresql":
            connection.execute(text("SET LOCAL session_replication_role = replica"))
        else:
            connection.execute(text("PRAGMA defer_foreign_keys = ON"))
        for table, rows in snapshot.rows:
            connection.execute(table.insert(), rows)
        if connection.dialect.name == "postgresql":  # each sequence goes on after the copied ids
            quote = connection.dialect.identifier_preparer.quote
            for table, _ in snapshot.rows:
                key = list(table.primary_key.columns)
                if len(key) == 1 and key[0].type.python_type is int:
                    name, column = quote(table.name), quote(key[0].name)
                    connection.execute(text(f"SELECT setval(pg_get_serial_sequence(:table, :column), max({column}))"
                                            f" FROM {name}"), {"table": name, "column": key[0].name})


def database_is_empty() -> bool:
    """Whether every table of the app is empty (one query), so that `loaded_once` may be called."""
    with _db.engine.connect() as connection:
        quote = connection.dialect.identifier_preparer.quote
        return connection.execute(text(" UNION ALL ".join(
            f"SELECT 1 WHERE EXISTS (SELECT 1 FROM {quote(table.name)})"
            for table in _db.metadata.sorted_tables))).first() is None


def loaded_once(key: tuple, load: Callable[[], T]) -> T:
    """What `load()` returned, with its rows in the database: loaded now, or copied from this process's first load.

    Call it in an app context on an empty database; `key` names the load and its options. The value must not hold
    ORM objects (plain ids and names), since each test has its own session.
    """
    key = (*key, str(_db.engine.url))
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is None:
        value = load()
        _db.session.remove()
        snapshot = _SNAPSHOTS[key] = _take(value)
    else:
        _restore(snapshot)
    return snapshot.value
