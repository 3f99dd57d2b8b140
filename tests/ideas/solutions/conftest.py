"""The `cast` fixture: one person per role around a planned solution (see tests/solution_scene.py), built once per
test process and copied back into the empty tables of each test that asks."""
from __future__ import annotations

import pytest
from solution_scene import Cast, cast_in_database


@pytest.fixture
def cast(db) -> Cast:
    return cast_in_database()
