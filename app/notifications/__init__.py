"""Notifications: follows of any followable Subject (ideas, threads), the /following page, and the follow button.

Feature packages tell it what happened through their own signals, subscribed in their `register(app)`; this
package imports none of them.
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("notifications", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the follow pages and offer templates the follow button's state."""
    from app.notifications import services, views  # noqa: F401 - attach the routes to bp

    app.register_blueprint(bp)
    app.jinja_env.globals["is_following"] = services.is_following
