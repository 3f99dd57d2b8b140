"""Idea listings: browse with sorts and filters, the awaiting-answer list, and the city staff's dashboard.

Unknown sorts and statuses are ignored (the default applies), an unknown category answers 404, and so do
nonsense page numbers and pages past the end (page 1 of an empty list is a page). "Mine" and "supported" filter
only for signed-in members; anonymous visitors get the unfiltered list, so their page depends on the URL alone.
"""
from __future__ import annotations

from collections.abc import Mapping

from flask import abort, redirect, render_template, request, url_for

from app.auth.guards import allowed_only
from app.i18n import LANGUAGES
from app.page_cache import cache_for_anonymous
from app.web import page_number, viewer
from ideas import bp, policy, reading
from ideas.categories import all_categories
from ideas.models import IdeaCategory, Status
from ideas.reading import IdeaFilters, Sort

TRUE_VALUES = {"1", "y", "yes", "on", "true"}


def parse_filters(args: Mapping[str, str], categories: list[IdeaCategory], signed_in: bool) -> IdeaFilters:
    """Filters from the query string: unknown values fall back to the default, an unknown category is a 404."""
    sort = args.get("sort", "")
    status = args.get("status", "")
    slug = args.get("category", "")
    category = next((c for c in categories if c.slug == slug), None)
    if slug and category is None:
        abort(404)
    return IdeaFilters(
        sort=Sort(sort) if sort in {s.value for s in Sort} else Sort.NEWEST,
        status=Status(status) if status in {s.value for s in reading.PUBLIC_STATUSES} else None,
        category=category,
        mine=signed_in and args.get("mine", "").lower() in TRUE_VALUES,
        supported=signed_in and args.get("supported", "").lower() in TRUE_VALUES,
        language=args.get("language") if args.get("language") in LANGUAGES else None,
    )


def scoped_search(args: Mapping[str, str]) -> dict[str, str]:
    """The /search arguments of an idea list's `?q=`: ideas only, and its category and status if it names them."""
    found = {"q": args.get("q", ""), "kind": "idea"}
    if args.get("category"):
        found["category"] = f"idea:{args['category']}"
    if args.get("status"):
        found["status"] = args["status"]
    return found


def _ensure_page(shown: reading.IdeaPage) -> None:
    if shown.page > shown.pages:
        abort(404)


@bp.get("/ideas")
@cache_for_anonymous
def index():
    """Published ideas, sorted and filtered as the query string says, 20 to a page. A query (`?q=`) is a search:
    it moves to /search, scoped to ideas (with the category and status it names), so old links keep working."""
    if "q" in request.args:
        return redirect(url_for("search.index", **scoped_search(request.args)))
    categories = all_categories()
    me = viewer()
    filters = parse_filters(request.args, categories, me is not None)
    shown = reading.list_ideas(filters, page_number(), me)
    _ensure_page(shown)
    return render_template("ideas/index.html", shown=shown, filters=filters, categories=categories,
                           sorts=list(Sort), statuses=reading.PUBLIC_STATUSES)


@bp.get("/ideas/awaiting-answer")
@cache_for_anonymous
def awaiting():
    """Ideas past their support threshold that the city has not answered yet, the earliest due first."""
    shown = reading.awaiting_answer(page_number(), viewer())
    _ensure_page(shown)
    return render_template("ideas/awaiting.html", shown=shown)


@bp.get("/ideas/dashboard")
@allowed_only(policy.can_see_dashboard)
def dashboard():
    """City staff and administrators: what awaits an answer and the newest ideas to triage.

    Anonymous visitors are sent to log in; other members get 403.
    """
    shown = reading.awaiting_answer(page_number(), viewer())
    _ensure_page(shown)
    return render_template("ideas/dashboard.html", shown=shown, triage=reading.awaiting_triage(viewer()))
