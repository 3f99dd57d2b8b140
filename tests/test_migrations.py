"""The Alembic history: one line, matching the models, and reversible on SQLite and PostgreSQL."""
from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import create_engine, inspect, text

from app import create_app
from app.extensions import db
from config import TestingConfig, database_url

MIGRATIONS = Path(__file__).resolve().parent.parent / "migrations"
POSTGRES_URL = database_url(os.environ.get("TEST_DATABASE_URL"))


def schema_differences(connection) -> list:
    """What `flask db migrate` would write for this database: empty when the models and migrations agree."""
    context = MigrationContext.configure(connection, opts={"compare_type": True, "compare_server_default": True})
    return compare_metadata(context, db.metadata)


def model_tables() -> set[str]:
    return set(db.metadata.tables)


# --- the shared test database -----------------------------------------------------------------------

def test_models_and_migrations_agree_on_the_test_database(app):
    with app.app_context(), db.engine.connect() as connection:
        assert schema_differences(connection) == []
        assert model_tables() <= set(inspect(connection).get_table_names())


# --- the history ------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def history() -> ScriptDirectory:
    return ScriptDirectory(str(MIGRATIONS))


def test_history_has_one_head_and_one_base(history):
    assert len(history.get_heads()) == 1, history.get_heads()
    assert len(history.get_bases()) == 1, history.get_bases()


def test_history_is_a_single_line(history):
    revisions = list(history.walk_revisions())  # from head down to base
    assert all(isinstance(r.down_revision, str | None) for r in revisions), "a merge revision"
    assert [r.down_revision for r in revisions[:-1]] == [r.revision for r in revisions[1:]]
    assert revisions[-1].down_revision is None
    files = [p for p in (MIGRATIONS / "versions").glob("*.py")]
    assert len(files) == len(revisions), "a file in versions/ that is not part of the history"


# --- down to nothing and up again, on a database of its own ----------------------------------------

@pytest.fixture
def sqlite_scratch(tmp_path) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'migrations.db'}"}


@pytest.fixture
def postgresql_scratch(database_uri) -> dict:
    """A schema of its own in the PostgreSQL test database, so the shared `public` schema is not touched."""
    if not (POSTGRES_URL or "").startswith("postgresql"):
        pytest.skip("TEST_DATABASE_URL does not name a PostgreSQL database")
    schema = f"migration_test_{uuid.uuid4().hex[:12]}"
    engine = create_engine(database_uri)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    yield {
        "SQLALCHEMY_DATABASE_URI": database_uri,
        "SQLALCHEMY_ENGINE_OPTIONS": {"connect_args": {"options": f"-csearch_path={schema}"}},
    }
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_app(request):
    overrides = request.getfixturevalue(f"{request.param}_scratch")
    app = create_app(TestingConfig, **overrides)
    with app.app_context():
        yield app
        db.session.remove()
        db.engine.dispose()


def tables_now() -> set[str]:
    with db.engine.connect() as connection:
        return set(inspect(connection).get_table_names()) - {"alembic_version"}


def current_revision() -> str | None:
    with db.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def test_full_downgrade_and_upgrade(scratch_app, history):
    head = history.get_current_head()
    assert tables_now() == set()

    upgrade()
    assert current_revision() == head
    assert tables_now() == model_tables()

    downgrade(revision="base")
    assert current_revision() is None
    assert tables_now() == set()

    upgrade()
    assert current_revision() == head
    assert tables_now() == model_tables()
    with db.engine.connect() as connection:
        assert schema_differences(connection) == []


def test_each_step_down_and_up_again(scratch_app, history):
    """Every revision's downgrade undoes exactly its upgrade, one step at a time from the head."""
    upgrade()
    steps = [r.revision for r in history.walk_revisions()]
    for revision in steps:
        assert current_revision() == revision
        before = tables_now()
        downgrade(revision="-1")
        upgrade(revision="+1")
        assert tables_now() == before
        downgrade(revision="-1")
    assert current_revision() is None
    assert tables_now() == set()
