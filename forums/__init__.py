"""Forums: the one discussion engine. Categories, threads and nested replies, attachable to any Subject."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("forums", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the forum pages and their template helpers, register the category, thread and post Subject kinds,
    make threads, replies and forum categories searchable, add `flask forums`, the forum categories' section
    of the admin area, the "Forums" entry of the main navigation and the home page's "Discuss" section, the
    profiles' "Posts" section, and offer the forum categories to the filters of /search."""
    from flask_babel import lazy_gettext as _l

    from app import navigation, subjects
    from app.admin import sections as admin_sections
    from app.i18n import current_language
    from app.urls import path_for
    from forums import admin_views, display, follows, notices, policy, post_views, search, views  # noqa: F401
    from forums import feeds  # noqa: F401 - attach the Atom feed to bp
    from forums.cli import forums_cli
    from forums.models import ForumCategory, Post, Thread
    from forums.moderation import HOOKS

    from forums import activity

    from forums import search_filters

    app.register_blueprint(bp)
    search_filters.register()
    admin_sections.add(app, admin_sections.Section(
        "forums.admin_categories", _l("Forum categories"), _l("Name, describe, colour and order the forum categories."),
        order=60, endpoints=("forums.new_category", "forums.edit_category")))
    activity.register()
    search.register()
    from forums import export_parts

    export_parts.register()
    from forums import account_deletion

    account_deletion.register()
    from forums import profile

    profile.register(app)
    follows.connect()
    notices.connect()
    display.init_app(app)
    app.cli.add_command(forums_cli)
    navigation.add_main(app, navigation.NavEntry("forums.index", _l("Forums"), order=30, sections=("forums",)))
    navigation.add_home_section(app, navigation.HomeSection("discuss", "forums/_home.html", order=30))
    subjects.register("forum_category", ForumCategory, title=lambda c: c.name(current_language().code),
                      url=lambda c: path_for("forums.category", slug=c.slug), followable=True)
    subjects.register("thread", Thread, title=lambda thread: thread.title,
                      url=lambda thread: path_for("forums.thread", thread_id=thread.id, slug=thread.slug),
                      visible=policy.can_read, followable=True)
    subjects.register("post", Post, title=lambda post: post.thread.title,
                      url=lambda post: path_for("forums.permalink", thread_id=post.thread_id, post_id=post.id),
                      visible=policy.can_see_post, votable=True, moderation=HOOKS)
