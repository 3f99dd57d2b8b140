"""Users: accounts, roles, public profiles, settings, and the `flask users` command."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("users", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the profile and settings pages, add the `flask users` command group and make people searchable."""
    from app.users import deletion_views, search, session_views, views  # noqa: F401 - the views attach routes
    from app.users.cli import users_cli
    from app.users.models import Role

    app.register_blueprint(bp)
    app.jinja_env.globals["role_label"] = lambda name: Role(name).label
    app.cli.add_command(users_cli)
    search.register()
    from app.users import export_parts

    export_parts.register()
