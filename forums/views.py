"""Forum pages: index, categories, threads, replies, edits, moderation of threads, category admin."""
from __future__ import annotations

from forums import bp  # noqa: F401
