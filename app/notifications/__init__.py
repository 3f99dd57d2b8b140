"""Notifications: follows of any followable Subject, in-app notifications, e-mail per kind, digests.

Feature packages register their kinds of notification and publish through their own signals, subscribed in their
`register(app)`; this package imports none of them.
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("notifications", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the follow, notification and settings pages; offer templates the follow state and the unread
    count; add `flask notifications` and the home page's "what changed in what you follow"."""
    from app import navigation
    from app.notifications import email_views, inbox, inbox_views, services, views  # noqa: F401
    from app.notifications.cli import notifications_cli

    app.register_blueprint(bp)
    app.cli.add_command(notifications_cli)
    from app.notifications import export_parts

    export_parts.register()
    app.jinja_env.globals["is_following"] = services.is_following
    app.jinja_env.globals["unread_notification_count"] = inbox.unread_count
    navigation.add_home_section(app, navigation.HomeSection(
        "following-news", "notifications/_home.html", read=inbox.latest_unread, order=50, personal=True))
