"""The data-set tests load the small spec (tests/dataset_spec.py) through the real command."""
from __future__ import annotations

import pytest


@pytest.fixture
def run(small_spec):
    """`run(app, *options)`: `flask bench load-dataset` on the small spec."""
    def load(app, *args: str):
        return app.test_cli_runner().invoke(args=["bench", "load-dataset", "--spec", small_spec, *args])
    return load
