"""Indexes on every foreign key and sort column, in the models and in the database the migrations built."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect

from app.extensions import db


def covered(columns: tuple[str, ...], candidates: list[list[str]]) -> bool:
    """True if some index, unique constraint or primary key starts with exactly `columns` (in any order)."""
    return any(len(candidate) >= len(columns) and set(candidate[:len(columns)]) == set(columns)
               for candidate in candidates)


def live_schema(connection) -> dict[str, tuple[list[tuple[str, ...]], list[list[str]]]]:
    """Per table of the live database: its foreign keys' columns, and the column lists of its indexes and keys."""
    inspector = inspect(connection)
    schema = {}
    for table in inspector.get_table_names():
        if table == "alembic_version":
            continue
        keys = [tuple(fk["constrained_columns"]) for fk in inspector.get_foreign_keys(table)]
        indexed = [list(index["column_names"]) for index in inspector.get_indexes(table)]
        indexed += [list(unique["column_names"]) for unique in inspector.get_unique_constraints(table)]
        indexed.append(list(inspector.get_pk_constraint(table)["constrained_columns"]))
        schema[table] = (keys, indexed)
    return schema


def model_schema() -> dict[str, tuple[list[tuple[str, ...]], list[list[str]]]]:
    """The same, read from the models' metadata."""
    schema = {}
    for table in db.metadata.sorted_tables:
        keys = [tuple(column.name for column in fk.columns) for fk in table.foreign_key_constraints]
        indexed = [[column.name for column in index.columns] for index in table.indexes]
        indexed += [[column.name for column in constraint.columns] for constraint in table.constraints
                    if constraint.__class__.__name__ in ("UniqueConstraint", "PrimaryKeyConstraint")]
        schema[table.name] = (keys, indexed)
    return schema


def unindexed(schema) -> list[str]:
    return [f"{table}.{'+'.join(columns)}" for table, (keys, indexed) in sorted(schema.items())
            for columns in keys if not covered(columns, indexed)]


def test_every_foreign_key_of_every_model_leads_an_index(app):  # the app imports every model
    schema = model_schema()

    assert {"post", "thread", "forum_category", "user"} <= set(schema)
    assert unindexed(schema) == []


def test_every_foreign_key_in_the_migrated_database_leads_an_index(app):
    with app.app_context(), db.engine.connect() as connection:
        schema = live_schema(connection)

    assert set(db.metadata.tables) <= set(schema), "the migrations lack a table"
    assert sum(len(keys) for keys, _ in schema.values()) >= 20, "the foreign keys were not read"
    assert unindexed(schema) == []


@pytest.mark.parametrize(("table", "column"), [
    ("thread", "last_posted_at"),
    ("post", "created_at"),
    ("forum_category", "position"),
])
def test_sort_columns_are_indexed_in_the_migrated_database(app, table, column):
    with app.app_context(), db.engine.connect() as connection:
        _, indexed = live_schema(connection)[table]

    assert covered((column,), indexed), f"{table}.{column} has no index"


@pytest.mark.parametrize(("table", "columns"), [
    ("thread", ("category_id", "pinned", "last_posted_at")),  # a category page, pinned first, by activity
    ("post", ("thread_id", "depth", "number")),  # a page of a thread: roots, then flat by number
    ("post", ("thread_id", "number")),  # unique numbers per thread
])
def test_listing_indexes_exist_in_the_migrated_database(app, table, columns):
    with app.app_context(), db.engine.connect() as connection:
        _, indexed = live_schema(connection)[table]

    assert list(columns) in indexed


def test_the_check_for_unindexed_keys_can_fail():
    schema = {"post": ([("thread_id",), ("author_id",)], [["author_id"], ["id"], ["number", "thread_id"]])}

    assert unindexed(schema) == ["post.thread_id"]
