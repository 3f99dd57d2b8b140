"""The home page and the language switch."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("main", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the home page and the language switch."""
    from app.main import views  # noqa: F401 - attaches the routes to bp

    app.register_blueprint(bp)
