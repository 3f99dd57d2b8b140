"""Search: one interface over two backends (Whoosh embedded, PostgreSQL full-text search), the outbox that keeps
the index current, `flask search index|rebuild`, and the /search page. Core package: features register what is
searched (app.search.sources); the core imports none of them. Design and operation: docs/search.md.
"""
from __future__ import annotations

import os

from flask import Blueprint, Flask

bp = Blueprint("search", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Configure the backend, watch the writes (the outbox), add `flask search`, mount /search and give templates
    the query limits (the search box in the header of every page states them)."""
    from app.search import cli, outbox, views  # noqa: F401 - views attach /search to bp
    from app.search.query import MAX_QUERY_LENGTH, MAX_WORD_LENGTH, MAX_WORDS

    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    app.config.setdefault("SEARCH_INDEX_DIR", os.path.join(app.instance_path, "search-index"))
    app.config.setdefault("SEARCH_INDEX_AFTER_COMMIT", True)
    outbox.init_app(app)
    app.cli.add_command(cli.search_cli)
    app.register_blueprint(bp)
    # the query limits the search boxes state (maxlength and hint) and the truncation note names
    app.jinja_env.globals.update(search_max_length=MAX_QUERY_LENGTH, search_max_words=MAX_WORDS,
                                 search_max_word_length=MAX_WORD_LENGTH)
