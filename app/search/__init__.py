"""Search: one interface over two backends (Whoosh embedded, PostgreSQL full-text search), the outbox that keeps
the index current, `flask search index|rebuild`, and the /search page. Core package: features register what is
searched (app.search.sources); the core imports none of them. Design and operation: docs/search.md.
"""
from __future__ import annotations

import os

from flask import Blueprint, Flask

bp = Blueprint("search", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Configure the backend, watch the writes (the outbox), add `flask search` and mount /search."""
    from app.search import cli, outbox

    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    app.config.setdefault("SEARCH_INDEX_DIR", os.path.join(app.instance_path, "search-index"))
    app.config.setdefault("SEARCH_INDEX_AFTER_COMMIT", True)
    outbox.init_app(app)
    app.cli.add_command(cli.search_cli)
    app.register_blueprint(bp)
