"""Helpers of the moderation tests: members old enough to count as established, and a reportable profile."""
from __future__ import annotations

from datetime import timedelta

from app.models import utcnow
from factories import make_user


def member(name: str, *, days: int = 30, **fields):
    """A confirmed member whose account is `days` old (established after MODERATION_ESTABLISHED_DAYS)."""
    return make_user(name, created_at=utcnow() - timedelta(days=days), **fields)
