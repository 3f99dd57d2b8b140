"""The public transparency page `/transparency`: how the platform was moderated, month by month, computed from
the stored reports, notices, decisions, appeals, sanctions and supports set aside; the house rules and their
history. Core package: the supports set aside live in a feature table, which the feature offers through
`app.transparency.sources` (the core imports no feature).
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("transparency", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount /transparency, its open-data copy and the house rules' earlier versions."""
    from app.transparency import views  # noqa: F401 - attaches the routes to bp

    app.register_blueprint(bp)
