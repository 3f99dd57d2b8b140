"""`demo_loaded`: the database as the first `flask demo load` leaves it, and what that load printed.

Loading the demo runs every use case behind it (a few hundred commits, seconds on PostgreSQL), so each test process
loads it once and copies its rows back for the next test (tests/snapshots.py).
"""
from __future__ import annotations

import pytest
from snapshots import loaded_once


@pytest.fixture
def demo_loaded(app, db) -> str:
    """The demo in the database, as after one `flask demo load` on an empty one; returns what the load printed."""

    def load() -> str:
        result = app.test_cli_runner().invoke(args=["demo", "load"])
        assert result.exit_code == 0, result.output
        return result.output

    return loaded_once(("demo",), load)
