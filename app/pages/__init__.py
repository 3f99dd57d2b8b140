"""Content pages: welcome text, imprint, privacy notice, accessibility statement and barrier reports."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("pages", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the page routes and offer the footer's page list to every template."""
    from app.pages import views  # noqa: F401 - attaches the routes to bp
    from app.pages.policy import can_edit_pages
    from app.pages.services import FOOTER_PAGES

    app.register_blueprint(bp)
    app.jinja_env.globals.update(footer_pages=FOOTER_PAGES, can_edit_pages=can_edit_pages)
