"""Ideas: citizens propose, support and discuss digital ideas; the city answers them publicly, on time."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("ideas", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the idea pages (and `flask ideas purge-support-traces`), register the idea, solution and idea
    category Subject kinds and make them searchable, add "Ideas", "Solutions" and (for city staff) "Dashboard"
    and (for staff and moderators) "Support integrity" to the main navigation, the home page's idea and
    solution blocks (and a member's drafts and supported ideas), the idea categories' section to the admin area,
    the profiles' sections (ideas, solutions, the owner's drafts), and the idea categories and statuses to the
    filters of /search."""
    from flask_babel import lazy_gettext as _l

    from app import navigation, subjects
    from app.admin import sections as admin_sections
    from app.i18n import current_language
    from app.transparency import sources as transparency_sources
    from app.urls import path_for
    from ideas import admin_views, follows, list_views, notices, policy, views  # noqa: F401 - attach the routes to bp
    from ideas import feeds  # noqa: F401 - attach the Atom feeds to bp
    from ideas import cli, integrity_views  # noqa: F401 - the purge command and the support integrity pages
    from ideas import summary_views  # noqa: F401 - the summary in plain language
    from ideas import search
    from ideas.solutions import search as solution_search
    from ideas.models import Idea, IdeaCategory
    from ideas.moderation import IDEA_HOOKS, SOLUTION_HOOKS
    from ideas import solutions
    from ideas.solutions import policy as solution_policy
    from ideas.solutions import follows as solution_follows
    from ideas.solutions import notices as solution_notices
    from ideas.solutions.models import Solution
    from ideas.transparency import set_aside_supports

    from ideas import activity

    from ideas import home, search_filters

    solutions.attach(bp)
    search_filters.register()
    app.register_blueprint(bp)
    admin_sections.add(app, admin_sections.Section(
        "ideas.admin_categories", _l("Idea categories"),
        _l("Name and order the idea categories, set their support threshold and answer period."),
        order=61, endpoints=("ideas.admin_new_category", "ideas.admin_edit_category")))
    activity.register()
    search.register()
    solution_search.register()
    from ideas import export_parts
    from voting import export_parts as vote_parts

    export_parts.register()
    from ideas import account_deletion

    account_deletion.register()
    vote_parts.register()  # supports and likes: ideas is the feature that registers the voting library's part
    follows.connect()
    notices.connect()
    solution_follows.connect()
    solution_notices.connect()
    app.jinja_env.globals.update(idea_policy=policy, solution_policy=solution_policy)
    from ideas import translatable

    translatable.register()
    from ideas import profile

    profile.register(app)
    transparency_sources.add_set_aside(app, set_aside_supports)
    navigation.add_home_section(app, navigation.HomeSection(
        "your-ideas", "ideas/_home_personal.html", read=home.personal_home, order=10, personal=True))
    navigation.add_home_section(app, navigation.HomeSection("ideas", "ideas/_home.html", read=home.public_home,
                                                            order=10))
    navigation.add_main(app, navigation.NavEntry("ideas.index", _l("Ideas"), order=10, sections=("ideas",)))
    navigation.add_main(app, navigation.NavEntry("ideas.solutions.index", _l("Solutions"), order=20,
                                                 sections=("ideas.solutions",)))
    navigation.add_main(app, navigation.NavEntry("ideas.dashboard", _l("Dashboard"), order=90,
                                                 visible=policy.can_see_dashboard))
    navigation.add_main(app, navigation.NavEntry("ideas.integrity_overview", _l("Support integrity"), order=91,
                                                 visible=policy.can_review_supports))
    subjects.register("idea", Idea, title=lambda idea: idea.title,
                      url=lambda idea: path_for("ideas.show", idea_id=idea.id),
                      visible=policy.can_view, votable=True, followable=True, moderation=IDEA_HOOKS,
                      discussion_label=_l("Discussion of the idea %(title)s"))
    subjects.register("solution", Solution, title=lambda solution: solution.title,
                      url=lambda solution: path_for("ideas.solutions.show", solution_id=solution.id),
                      visible=solution_policy.can_view, followable=True, moderation=SOLUTION_HOOKS,
                      discussion_label=_l("Discussion of the solution %(title)s"))
    subjects.register("idea_category", IdeaCategory, title=lambda c: c.name(current_language().code),
                      url=lambda c: path_for("ideas.index", category=c.slug), followable=True)
