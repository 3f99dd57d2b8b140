"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages, register the "user" Subject kind (profiles can be reported) and send statements
    of reasons on every decision."""
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import profiles, statements, views  # noqa: F401 - views attach the routes to bp

    app.register_blueprint(bp)
    profiles.register()
    statements.register(app)
