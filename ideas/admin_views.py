"""Administrators manage idea categories: names, order, support threshold and answer period."""
from __future__ import annotations

from ideas import bp  # noqa: F401
