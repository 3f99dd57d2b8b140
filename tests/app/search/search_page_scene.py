"""A small search world for the /search page tests: two test kinds ("note" and "memo") registered for the length
of one test, their documents in a real index (the configured backend, Whoosh in the test's own directory), and a
`show` that reads the database once per call as a real source does and leaves out what the test marks as gone.

Use the `search_scene` fixture (tests/app/search/test_search_views.py and its siblings import it from here)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.search import sources
from app.search.backends import get_backend
from app.search.documents import Document
from app.search.sources import Shown, Source
from app.search.text import plain
from app.users.models import User

KINDS = {"note": "Notes", "memo": "Memos"}


def when(day: int, month: int = 3, year: int = 2027) -> datetime:
    return datetime(year, month, day, 12, 0, tzinfo=timezone.utc)


@dataclass
class SearchScene:
    """The documents of the test kinds by key, and the keys `show` leaves out (deleted since indexed)."""

    documents: dict[tuple[str, int], Document] = field(default_factory=dict)
    gone: set[tuple[str, int]] = field(default_factory=set)
    shows: list[tuple[str, list[int]]] = field(default_factory=list)

    def add(self, kind: str, object_id: int, title: str, body: str = "", *, created: datetime | None = None,
            **fields) -> Document:
        document = Document(kind, object_id, plain(title), plain(body), fields.pop("language", "en"),
                            created or when(1), **fields)
        self.documents[document.key] = document
        return document

    def index(self) -> None:
        """Build the index anew from every document added so far."""
        get_backend().rebuild([list(self.documents.values())])

    def source(self, kind: str) -> Source:
        def show(ids: list[int], viewer) -> dict[int, Shown]:
            self.shows.append((kind, list(ids)))
            db.session.scalar(select(func.count()).select_from(User).where(User.id.in_(ids)))  # one statement
            found = {}
            for object_id in ids:
                document = self.documents.get((kind, object_id))
                if document is not None and (kind, object_id) not in self.gone:
                    found[object_id] = Shown(document.title, f"/{kind}s/{object_id}",
                                             (f"{kind} fact {object_id}",), hidden=document.hidden)
            return found

        return Source(kind, KINDS[kind], load=lambda ids: {}, all_ids=lambda: select(User.id).where(User.id < 0),
                      show=show)


@pytest.fixture
def search_scene(app, db, monkeypatch) -> SearchScene:
    """The test kinds registered (and unregistered after the test), with an empty index."""
    scene = SearchScene()
    for kind in KINDS:
        monkeypatch.setitem(sources._registry, kind, scene.source(kind))
    scene.index()
    return scene
