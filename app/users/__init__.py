"""Users: accounts, roles, public profiles, settings, and the `flask users` command."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("users", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the profile and settings pages, offer the avatars' helpers to templates (`avatar_initials`,
    `avatar_colour`) and the role marks' words (`role_mark_labels`), add the `flask users` command group and make people searchable."""
    from app.users import avatars, deletion_views, marks, search, session_views, views  # noqa: F401 - views attach routes
    from app.users.cli import users_cli
    from app.users.models import Role

    app.register_blueprint(bp)
    app.jinja_env.globals["role_label"] = lambda name: Role(name).label
    app.jinja_env.globals["avatar_initials"] = lambda user: avatars.initials(user.display_name, user.username,
                                                                             user.locale)
    app.jinja_env.globals["avatar_colour"] = lambda user: avatars.colour(user.username)
    app.jinja_env.globals["role_mark_labels"] = marks.LABELS
    app.cli.add_command(users_cli)
    search.register()
    from app.users import export_parts

    export_parts.register()
