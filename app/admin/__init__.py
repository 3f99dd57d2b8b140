"""The admin area `/admin`: people and roles, settings, watched words, house rules, the audit log and the
categories of every feature. Every page answers 404 to everyone who is not an administrator, exactly like an
unknown address (`guard.admins_only`). Packages add their pages to the area's overview and menu with
`sections.add(app, Section(...))`; the core names no feature endpoint.
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


def register(app: Flask) -> None:
    """Mount /admin, its entry in the main navigation (administrators only) and the area's own sections."""
    from flask_babel import lazy_gettext as _l

    from app import navigation
    from app.admin import policy, sections, views, words_views  # noqa: F401 - the routes

    app.register_blueprint(bp)
    sections.add(app, sections.Section("admin.words", _l("Watched words"),
                                       _l("Words that block, hold, report or replace a post, per language."),
                                       order=40, endpoints=("admin.new_word", "admin.edit_word")))
    navigation.add_main(app, navigation.NavEntry("admin.index", _l("Administration"), order=97,
                                                 sections=("admin",), visible=policy.is_admin))
    app.add_template_global(sections.admin_sections)
