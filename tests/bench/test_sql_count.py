"""bench/sql_count.py counts the statements of a page's last request and spots repeats of one statement."""
from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.engine import Engine

from bench import sql_count


def test_statements_of_a_page_are_counted(app):
    event.listen(Engine, "before_cursor_execute", sql_count._record)
    try:
        client = app.test_client()
        home = sql_count.measure(client, "/", 2)
        login = sql_count.measure(client, "/login", 2)
    finally:
        event.remove(Engine, "before_cursor_execute", sql_count._record)
    assert home["status"] == 200 and home["queries"] >= 1 and home["distinct"] <= home["queries"]
    assert login["status"] == 200 and login["queries"] == 0 and login["p50_ms"] > 0


def test_repeats_of_one_statement_normalise_alike():
    first = sql_count.normalise("SELECT * FROM post WHERE id = 12 AND name = 'x'")
    second = sql_count.normalise("SELECT *  FROM post\n WHERE id = 7 AND name = 'y'")
    assert first == second == "SELECT * FROM post WHERE id = ? AND name = ?"
    assert sql_count.normalise("WHERE id IN (1, 2, 3)") == sql_count.normalise("WHERE id IN (4)")
