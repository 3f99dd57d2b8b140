"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages, register the "user" Subject kind (profiles can be reported) and give templates
    the hidden-content banner (`hidden_banner_for`, `hidden_reason_label`)."""
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import profiles
    from app.moderation.banner import hidden_banner, reason_label, statement_path
    from app.moderation.visibility import hidden_from, may_see_hidden

    app.register_blueprint(bp)
    profiles.register()
    app.jinja_env.globals.update(hidden_banner_for=hidden_banner, hidden_reason_label=reason_label,
                                 statement_path=statement_path, content_hidden_from=hidden_from,
                                 may_see_hidden=may_see_hidden)
