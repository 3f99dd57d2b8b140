"""Pages of one idea: propose (with preview and drafts), show, edit, publish, withdraw, support, change status."""
from __future__ import annotations

from ideas import bp, services  # noqa: F401
