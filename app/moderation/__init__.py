"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages and register the "user" Subject kind (profiles can be reported)."""
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import appeal_mail, appeal_views, profiles  # noqa: F401 - attach the routes to bp
    from app.moderation.labels import action_label, appeal_status_label

    app.register_blueprint(bp)
    app.jinja_env.globals.update(moderation_action_label=action_label,
                                 moderation_appeal_status_label=appeal_status_label)
    profiles.register()
    appeal_mail.connect()
