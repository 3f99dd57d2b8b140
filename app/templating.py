"""Template helpers of the core that every page may use: the current path for "come back here" links, and the
`cooked` filter that shows HTML the text pipeline stored (posts, ideas, notification excerpts)."""
from __future__ import annotations

from flask import Flask

from app.text import stored_html
from app.urls import current_path


def init_app(app: Flask) -> None:
    app.jinja_env.add_extension("jinja2.ext.do")
    app.jinja_env.globals["current_path"] = current_path
    app.jinja_env.filters["cooked"] = stored_html
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
