"""Idea listings: browse with sorts and filters, the awaiting-answer list, and the city staff's dashboard."""
from __future__ import annotations

from ideas import bp  # noqa: F401
