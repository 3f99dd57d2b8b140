"""The registry of figures the transparency page counts in feature tables the core may not import.

A feature adds a query of moments, one row per event, in a column labelled `at` (a `UTCDateTime`):

    sources.add_set_aside(app, lambda: select(Vote.set_aside_at.label("at")).where(Vote.set_aside_at.is_not(None)))

`app.transparency.figures` counts them per month with one GROUP BY query per registered source.
"""
from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app
from sqlalchemy import Select

KEY = "werkstadt.transparency.set_aside"


def add_set_aside(app: Flask, moments: Callable[[], Select]) -> None:
    """Count the supports `moments()` selects (one `at` column: when each was set aside) as set aside."""
    found = app.extensions.setdefault(KEY, [])
    if moments not in found:
        found.append(moments)


def set_aside_sources() -> list[Callable[[], Select]]:
    """The queries features registered for supports set aside (none: the figure is 0)."""
    return list(current_app.extensions.get(KEY, []))
