"""The `cast` fixture: one person per role around a planned solution (see tests/solution_scene.py)."""
from __future__ import annotations

import pytest
from solution_scene import Cast, build_cast


@pytest.fixture
def cast(db) -> Cast:
    return build_cast()
