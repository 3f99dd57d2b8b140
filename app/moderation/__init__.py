"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages and register the "user" Subject kind (profiles can be reported)."""
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import log_views, profiles, sanction_views, standing  # noqa: F401 - routes on bp

    app.register_blueprint(bp)
    profiles.register()
    from app.moderation import policy, sanctioning

    app.jinja_env.globals.update(silence_message=standing.current_silence_message,
                                 can_sanction_account=policy.can_sanction, account_sanctions=sanctioning.history,
                                 sanction_in_force=sanctioning.in_force)
