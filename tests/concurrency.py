"""Running writes at the same moment, for the PostgreSQL concurrency tests (votes, reports): each worker thread has
its own app context and connection, loads what it needs, waits at a barrier until all are ready, then writes."""
from __future__ import annotations

import threading
from collections.abc import Callable

import pytest

from app.extensions import db

Act = Callable[[], object]
Prepare = Callable[[int], Act]  # worker index -> the write it does once everybody is ready


def engine_options(workers: int) -> dict:
    """App overrides: a connection for every worker, so all of them wait at the barrier holding one."""
    return {"SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, "pool_size": workers + 2, "max_overflow": 0}}


def skip_unless_postgresql(database, what: str) -> None:
    if database.engine.dialect.name != "postgresql":
        pytest.skip(f"SQLite serialises every writer on one file lock, so nothing races; concurrent {what} need "
                    "PostgreSQL (set TEST_DATABASE_URL)")


def run_together(app, count: int, prepare: Prepare) -> list:
    """Run `count` workers in threads: load, wait for all, then write; returns what the writes returned."""
    start = threading.Barrier(count)
    errors: list[BaseException] = []
    results: list = []
    lock = threading.Lock()

    def worker(index: int) -> None:
        try:
            with app.app_context():
                act = prepare(index)  # loads its rows: the session now holds a connection
                start.wait(timeout=60)
                result = act()
                with lock:
                    results.append(result)
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported by the main thread
            start.abort()
            errors.append(error)

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    assert errors == [], errors
    return results
