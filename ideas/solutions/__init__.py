"""Solutions: the city and the community turn ideas into solutions and build them together, in the open.

A blueprint nested in the ideas blueprint (endpoints `ideas.solutions.*`, paths under /solutions).
"""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("solutions", __name__, template_folder="templates")


def attach(parent: Blueprint) -> None:
    """Attach the solution pages to the ideas blueprint, once (every app registers the same blueprints)."""
    from ideas.solutions import closure_views, edit_views, feeds, team_views, views, work_views  # noqa: F401

    if not any(child is bp for child, _ in parent._blueprints):
        parent.register_blueprint(bp)
