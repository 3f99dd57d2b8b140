"""Moderation in the open: reports and notices, the review queue, decisions with a statement of reasons, appeals,
account sanctions and the audit log. Works on any Subject kind through the registry (app.subjects); imports no
feature package. Design and choices: docs/moderation.md."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("moderation", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the moderation pages, register the "user" Subject kind (profiles can be reported), the "Moderation"
    entry of the main navigation (for moderators), the template helpers (the "Report" links, the decision labels,
    the silence notice, the sanction history, the hidden-content banner), the queue's intake of edited hidden
    content, and the mailers of statements of reasons, appeal outcomes and rejected reports."""
    from flask_babel import lazy_gettext as _l

    from app import navigation
    from app.moderation import models  # noqa: F401 - the tables, for create_all and Alembic
    from app.moderation import (appeal_mail, appeal_views, intake, log_views,  # noqa: F401 - the routes
                                notice_views, policy, profiles, report_answers, report_views, sanction_views,
                                sanctioning, standing, statements, views)
    from app.moderation.banner import hidden_banner, reason_label, statement_path
    from app.moderation.labels import action_label, appeal_status_label
    from app.moderation.links import moderation_links
    from app.moderation.visibility import hidden_from, may_see_hidden

    app.register_blueprint(bp)
    navigation.add_main(app, navigation.NavEntry("moderation.queue", _l("Moderation"), order=95,
                                                 sections=("moderation",), visible=policy.can_review))
    app.add_template_global(moderation_links)
    app.jinja_env.globals.update(moderation_action_label=action_label,
                                 moderation_appeal_status_label=appeal_status_label,
                                 silence_message=standing.current_silence_message,
                                 can_sanction_account=policy.can_sanction, account_sanctions=sanctioning.history,
                                 sanction_in_force=sanctioning.in_force,
                                 hidden_banner_for=hidden_banner, hidden_reason_label=reason_label,
                                 statement_path=statement_path, content_hidden_from=hidden_from,
                                 may_see_hidden=may_see_hidden)
    profiles.register()
    intake.register()
    from app.moderation import export_parts

    export_parts.register()
    statements.register(app)
    appeal_mail.connect()
    report_answers.connect()
