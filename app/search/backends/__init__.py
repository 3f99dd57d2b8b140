"""The one interface every search backend offers, and the choice of backend by configuration.

SEARCH_BACKEND names it: "whoosh" (the embedded default: an index directory, SEARCH_INDEX_DIR, under instance/)
or "postgres" (PostgreSQL full-text search in the application's own database, for production and several app
hosts). Both pass the same contract tests (tests/app/search/test_backend_contract.py).
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from flask import current_app

from app.search.documents import Document, Key
from app.search.query import Results, SearchRequest


class Unavailable(RuntimeError):
    """The index cannot answer (missing, corrupt, locked too long): pages go on, /search says so, a rebuild
    repairs it."""


class Backend(Protocol):
    name: str

    def apply(self, documents: list[Document], removed: list[Key]) -> None:
        """Store `documents` (replacing those with the same key) and remove `removed`, all or nothing.
        Whoosh commits its index here; PostgreSQL writes in the current database transaction, which the caller
        commits (with the outbox rows it has drained). Raises Unavailable."""

    def search(self, request: SearchRequest) -> Results:
        """The page of hits `request` asks for, only what `request.viewer` may see. Raises Unavailable."""

    def rebuild(self, batches: Iterable[list[Document]]) -> int:
        """Replace the whole index by the documents of `batches`; searches answer from the old index until
        it is done (a rebuild that dies leaves the old one). Returns the number of documents."""

    def check(self) -> None:
        """Raise Unavailable unless the index is there and readable."""


def backend_names() -> tuple[str, ...]:
    return ("whoosh", "postgres")


def get_backend(app=None) -> Backend:
    """The configured backend of `app` (the current app by default), made once per app."""
    app = app or current_app._get_current_object()
    found = app.extensions.get("search_backend")
    if found is None:
        name = app.config.get("SEARCH_BACKEND", "whoosh")
        if name == "whoosh":
            from app.search.backends.whoosh import WhooshBackend

            found = WhooshBackend(app.config["SEARCH_INDEX_DIR"])
        elif name == "postgres":
            from app.search.backends.postgres import PostgresBackend

            found = PostgresBackend()
        else:
            raise ValueError(f"SEARCH_BACKEND must be one of {backend_names()}, not {name!r}")
        app.extensions["search_backend"] = found
    return found
