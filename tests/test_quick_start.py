"""The README's quick start: `make run` installs the app alone (no test tools, no Node) and serves where HOST and
PORT say; `make test` installs the test tools too. Read from make's own plan (`make -n -B`), which runs nothing."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")


def plan(*arguments: str) -> str:
    return subprocess.run(["make", "-n", "-B", *arguments], cwd=ROOT, capture_output=True, text=True,
                          check=True).stdout


def test_make_run_needs_neither_the_test_tools_nor_node():
    commands = plan("run", "PORT=5100")

    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands and "npm" not in commands
    assert 'PORT="5100"' in commands and '--port "5100"' in commands


def test_make_test_installs_the_test_tools():
    commands = plan("test")

    assert "-r requirements-dev.txt" in commands and "npm ci" in commands
