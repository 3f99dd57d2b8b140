"""Colour themes: light, dark, or the device's choice (the default), switched without JavaScript.

The choice lives in the session only (no account field: it belongs to the device one reads on, as
prefers-color-scheme does). Templates read `current_theme()` to set `<html data-theme>`; the style sheet's tokens
carry both palettes (light-dark()), so the switch costs no second style sheet. The anonymous page cache keys
pages by theme as it does by language.
"""
from __future__ import annotations

from flask import Flask, session

SESSION_KEY = "theme"
AUTO = "auto"
THEMES = (AUTO, "light", "dark")


def is_theme(value: str) -> bool:
    """Whether `value` names one of THEMES."""
    return value in THEMES


def current_theme() -> str:
    """The theme chosen in this session, or AUTO when none was (the device's light or dark setting decides)."""
    chosen = session.get(SESSION_KEY, AUTO)
    return chosen if is_theme(chosen) else AUTO


def choose_theme(theme: str) -> None:
    """Remember `theme` for this session (AUTO forgets the choice). Raises ValueError for an unknown theme."""
    if not is_theme(theme):
        raise ValueError(theme)
    if theme == AUTO:
        session.pop(SESSION_KEY, None)
    else:
        session[SESSION_KEY] = theme


def init_app(app: Flask) -> None:
    """Offer current_theme() to every template."""
    app.jinja_env.globals.update(current_theme=current_theme)
