"""What the PostgreSQL backend's test modules share: the mark that skips them unless TEST_DATABASE_URL names a
PostgreSQL database, the app set to the PostgreSQL backend (`app_overrides`) and the backend itself (`backend`).

    from postgres_search import app_overrides, backend, needs_postgres  # noqa: F401 - the fixtures
    pytestmark = needs_postgres
"""
from __future__ import annotations

import os

import pytest

from app.search.backends import get_backend
from app.search.backends.postgres import PostgresBackend
from config import database_url

ON_POSTGRES = (database_url(os.environ.get("TEST_DATABASE_URL")) or "").startswith("postgresql")
needs_postgres = pytest.mark.skipif(not ON_POSTGRES, reason="TEST_DATABASE_URL does not name a PostgreSQL database")


@pytest.fixture
def app_overrides() -> dict:
    return {"SEARCH_BACKEND": "postgres"}


@pytest.fixture
def backend(db) -> PostgresBackend:
    found = get_backend()
    assert isinstance(found, PostgresBackend)
    return found
