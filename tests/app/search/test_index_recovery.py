"""Indexing that loses nothing, on a real Whoosh index with the real sources: writes reach the index after their
commit (in a request, after the response), a drain killed half-way is finished by the next one (also a real
SIGKILL of `flask search index`), and a missing or corrupt index leaves every page answering 200 while /search
says it is briefly unavailable, until `flask search rebuild` repairs it."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

from app.extensions import db as _db
from app.models import Subject
from app.moderation import hiding
from app.search import indexer
from app.search.backends import get_backend
from app.search.models import SearchOutbox
from factories import make_idea, make_idea_category, make_reply, make_thread, make_user

ROOT = Path(__file__).resolve().parents[3]
ENGLISH = {"Accept-Language": "en"}
UNAVAILABLE = "Search is briefly unavailable"
NOTHING = '<div class="search-empty">'  # the page of a search that found nothing, in any language


ON_POSTGRES = (os.environ.get("TEST_DATABASE_URL") or "").startswith("postgresql")


@pytest.fixture(params=["whoosh", "postgres"])
def backend_name(request) -> str:
    if request.param == "postgres" and not ON_POSTGRES:
        pytest.skip("the PostgreSQL backend needs TEST_DATABASE_URL on PostgreSQL")
    return request.param


@pytest.fixture
def app_overrides(tmp_path):
    return {"SEARCH_INDEX_DIR": str(tmp_path / "index")}


@pytest.fixture
def on_backend(app, backend_name):
    """The app searching with `backend_name` (the Whoosh index in this test's own directory)."""
    app.config["SEARCH_BACKEND"] = backend_name
    app.extensions.pop("search_backend", None)
    return backend_name


def found(client, query: str) -> str:
    response = client.get("/search", query_string={"q": query}, headers=ENGLISH)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def outbox_rows() -> int:
    _db.session.rollback()
    return _db.session.scalar(select(func.count()).select_from(SearchOutbox))


def titles_in_index(word: str) -> list[str]:
    from app.search.query import SearchRequest, Viewer, parse

    hits = get_backend().search(SearchRequest(parse(word), Viewer(), per_page=1000, snippets=False)).hits
    return sorted(f"{hit.kind}:{hit.id}" for hit in hits)


# --- after the commit ------------------------------------------------------------------------------------

def test_a_proposal_made_in_a_request_is_found_after_the_response_and_its_edit_replaces_it(app, client, auth, db):
    app.config["SEARCH_INDEX_AFTER_COMMIT"] = True
    make_user("alice")
    make_idea_category("administration")
    indexer.rebuild()
    auth.login()

    response = client.post("/ideas/new", data={"title": "Lanterns for the riverside path", "language": "en",
                                               "body": "Dark in winter.", "category": "administration",
                                               "action": "publish"})

    assert response.status_code == 302
    assert outbox_rows() == 0  # drained after the response, not left for later
    assert "</mark> for the riverside path" in found(client, "lanterns")  # the title, highlighted
    idea_path = response.location
    client.post(idea_path + "/edit", data={"title": "Street lights for the riverside path", "language": "en",
                                           "body": "Dark in winter.", "category": "administration",
                                           "action": "publish"})
    assert "riverside" in found(client, "street lights")
    assert NOTHING in found(client, "lanterns")


def test_hiding_takes_a_thread_and_its_replies_out_for_visitors_and_showing_brings_them_back(app, client, db):
    app.config["SEARCH_INDEX_AFTER_COMMIT"] = True
    indexer.rebuild()
    thread = make_thread(title="Quarrel about the fountain", body="Who pays for the fountain?")
    make_reply(thread, thread.author, "The fountain belongs to the district.")
    assert ">2 results<" in found(client, "fountain")

    hiding.hide(_db.session.get(Subject, thread.subject_id), "insulting")
    _db.session.commit()
    assert NOTHING in found(client, "fountain")

    hiding.show(_db.session.get(Subject, thread.subject_id))
    _db.session.commit()
    assert ">2 results<" in found(client, "fountain")


# --- killed half-way ---------------------------------------------------------------------------------------

class Killed(BaseException):
    """What a process killed between the index's commit and the outbox's sees: nothing after that point runs."""


def test_a_drain_killed_after_the_index_commit_is_finished_by_the_next_drain(app, db, on_backend, monkeypatch):
    category = make_idea_category("culture")
    ids = [make_idea(category=category, title=f"Open-air cinema number {n}").id for n in range(7)]
    indexer.rebuild()
    _db.session.execute(SearchOutbox.__table__.delete())
    for idea_id in ids:
        _db.session.add(SearchOutbox(kind="idea", object_id=idea_id))
    _db.session.commit()
    backend = get_backend()
    real_apply = backend.apply
    calls = []

    def apply_then_die(documents, removed):
        real_apply(documents, removed)
        calls.append(len(documents))
        if len(calls) == 2:
            raise Killed()

    monkeypatch.setattr(backend, "apply", apply_then_die)
    with pytest.raises(Killed):
        indexer.drain(batch=3)
    assert outbox_rows() == 4  # the first batch's rows went; the second's stayed (with Whoosh, although its
    # documents got into the index: indexing them again is harmless)
    monkeypatch.setattr(backend, "apply", real_apply)

    assert indexer.drain(batch=3) == 4
    assert outbox_rows() == 0
    assert titles_in_index("cinema") == sorted(f"idea:{idea_id}" for idea_id in ids)  # each once


def test_flask_search_index_killed_with_sigkill_leaves_its_work_to_the_next_run(app, db, on_backend, database_uri):
    author = make_user("writer")
    thread = make_thread(author, title="Skate park opening hours", body="When does the skate park open?")
    for n in range(60):
        make_reply(thread, author, f"Skate park remark {n}.")
    index_dir = app.config["SEARCH_INDEX_DIR"]
    with app.app_context():
        get_backend().rebuild([])  # an empty index: everything waits in the outbox
    expected = outbox_rows()
    assert expected >= 61
    env = {**os.environ, "WERKSTADT_ENV": "development", "DATABASE_URL": database_uri,
           "SEARCH_INDEX_DIR": index_dir, "SEARCH_INDEX_AFTER_COMMIT": "0", "SEARCH_BACKEND": on_backend, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "wsgi", "search", "index", "--batch", "1"],
                               cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                               start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while outbox_rows() > expected - 5 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.02)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
        errors = process.stderr.read().decode()[-2000:]
        process.stderr.close()
    left = outbox_rows()
    assert 0 < left <= expected - 5, errors  # killed in the middle

    _db.session.remove()
    assert indexer.drain() == left
    assert outbox_rows() == 0
    assert len(titles_in_index("skate")) == 61  # the thread and every reply, once


# --- missing or corrupt ------------------------------------------------------------------------------------

PAGES = ("/", "/ideas", "/forums", "/transparency")


def pages_answer(client, extra: list[str]) -> None:
    for path in (*PAGES, *extra):
        assert client.get(path, headers=ENGLISH).status_code == 200, path


def damage(index_dir: str, how: str) -> None:
    if how == "missing":
        shutil.rmtree(index_dir)
        return
    for folder, _, files in os.walk(index_dir):
        for name in files:
            if name.endswith((".seg", ".trm", ".pst", ".toc")) or name.startswith("_"):
                path = os.path.join(folder, name)
                with open(path, "r+b") as handle:
                    size = os.path.getsize(path)
                    handle.write(b"\x00garbage\xff" * max(1, size // 10))


@pytest.mark.parametrize("how", ["missing", "corrupt"])
def test_a_missing_or_corrupt_index_leaves_every_page_up_and_a_rebuild_repairs_it(app, client, auth, db, how):
    make_user("alice")
    category = make_idea_category("administration")
    idea = make_idea(category=category, title="Benches along the canal")
    thread = make_thread(title="Benches or bins?")
    extra = [f"/ideas/{idea.id}", f"/t/{thread.id}", "/search"]
    indexer.rebuild()
    assert "</mark> along the canal" in found(client, "benches")

    damage(app.config["SEARCH_INDEX_DIR"], how)

    pages_answer(client, extra)
    assert UNAVAILABLE in found(client, "benches")
    auth.login()
    pages_answer(client, [*extra, "/ideas/new"])
    preview = client.post("/ideas/new", data={"title": "Benches everywhere", "body": "Please.", "language": "en",
                                              "category": "administration", "action": "preview"}, headers=ENGLISH)
    assert preview.status_code == 200  # similar ideas: none, but the form works

    result = app.test_cli_runner().invoke(args=["search", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "Indexing" in result.output and "Indexed 7 documents" in result.output  # idea, thread, 2 categories, 3 people
    assert "</mark> along the canal" in found(client, "benches")
