"""The admin area `/admin`: people and roles, settings, watched words, house rules, the audit log and the
categories of every feature. Every page answers 404 to everyone who is not an administrator, exactly like an
unknown address (`guard.admins_only`). Packages add their pages to the area's overview and menu with
`sections.add(app, Section(...))`; the core names no feature endpoint.
"""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


def register(app: Flask) -> None:
    """Mount /admin, its entry in the main navigation (administrators only) and the area's own sections: people
    and roles, settings, house rules and pages, the audit log (the moderation log, which administrators read)."""
    from flask_babel import lazy_gettext as _l

    from app import navigation
    from app.admin import (design_views, pages_views, people_views, policy, sections, settings_views,  # noqa: F401
                           views, words_views)
    from app.admin.sections import Section

    app.register_blueprint(bp)
    for section in (
        Section("admin.people_list", _l("People"), _l("Find people, see their reports and sanctions, change roles."),
                order=10, endpoints=("admin.person", "admin.person_roles")),
        Section("admin.settings_page", _l("Settings"), _l("Thresholds, limits and the rules of the sandbox."),
                order=20),
        Section("admin.words", _l("Watched words"),
                _l("Words that block, hold, report or replace a post, per language."),
                order=30, endpoints=("admin.new_word", "admin.edit_word")),
        Section("admin.pages", _l("House rules and pages"),
                _l("Edit the house rules, the imprint and the other content pages."), order=40),
        Section("admin.design", _l("Design system"),
                _l("Colours, type, buttons, cards, badges and icons of the site, in the light or dark theme."), order=80),
        Section("moderation.log", _l("Audit log"), _l("Every change by administrators and moderators."), order=90),
    ):
        sections.add(app, section)
    navigation.add_main(app, navigation.NavEntry("admin.index", _l("Administration"), order=97,
                                                 sections=("admin",), visible=policy.is_admin))
    app.add_template_global(sections.admin_sections)
