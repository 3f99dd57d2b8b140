"""`demo_loaded`: the database as the first `flask demo load` leaves it, and what that load printed.

Loading the demo runs every use case behind it (a few hundred commits) and takes seconds on PostgreSQL. Each test
process loads it once, on an empty database, and keeps every row it wrote; later tests get the same rows copied back
into their empty tables, ids and sequences included, and the same output. A test that checks what a second load
does still runs that second load for real.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import Table, select, text

from app.extensions import db as _db


@dataclass(frozen=True)
class _Snapshot:
    output: str
    rows: list[tuple[Table, list[dict]]]


_SNAPSHOTS: dict[str, _Snapshot] = {}  # per database URL, in this process


def _take(output: str) -> _Snapshot:
    with _db.engine.connect() as connection:
        rows = [(table, [dict(row._mapping) for row in connection.execute(select(table))])
                for table in _db.metadata.sorted_tables]
    return _Snapshot(output, [(table, found) for table, found in rows if found])


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


@pytest.fixture
def demo_loaded(app, db) -> str:
    """The demo in the database, as after one `flask demo load` on an empty one; returns what the load printed."""
    key = str(db.engine.url)
    snapshot = _SNAPSHOTS.get(key)
    if snapshot is None:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
        db.session.remove()
        snapshot = _SNAPSHOTS[key] = _take(result.output)
    else:
        _restore(snapshot)
    return snapshot.output
