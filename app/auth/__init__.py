"""Authentication: registration, e-mail confirmation, login, logout and password reset."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("auth", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the auth pages at the site root and teach Flask-Login how to load users."""
    from app.auth import session  # noqa: F401 - registers the user loader
    from app.auth import views  # noqa: F401 - attaches the routes to bp

    app.register_blueprint(bp)
