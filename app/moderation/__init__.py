"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages, register the "user" Subject kind (profiles can be reported), the template
    global behind the "Report" links, and the queue's intake of edited hidden content."""
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import intake, notice_views, profiles, report_views  # noqa: F401 - the views' routes
    from app.moderation.links import moderation_links

    app.register_blueprint(bp)
    app.add_template_global(moderation_links)
    profiles.register()
    intake.register()
