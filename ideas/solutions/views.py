"""Solution pages: the list (by status and category, last updated first) and one solution with its discussion.

An unknown solution, category or page answers 404; unknown statuses are ignored.
"""
from __future__ import annotations

from flask import abort, render_template, request, url_for
from flask_login import current_user

from app.content_translations.reading import page_version, titles_in
from app.extensions import db
from app.i18n import current_language
from app.models import utcnow
from app.notifications.following_state import followed_subject_ids
from app.page_cache import cache_for_anonymous
from app.web import page_number
from ideas.categories import all_categories
from forums.embedded import discussion_of, thread_about
from ideas.solutions import bp, policy, reading
from ideas.solutions.models import ROLE_LABELS, Role, Solution, SolutionStatus


def solution_or_404(solution_id: int) -> Solution:
    """The solution, with its category and owner; 404 when there is none or moderation hid it from the reader."""
    solution = reading.solution_or_none(solution_id)
    if solution is None or not policy.can_view(current_user, solution):
        abort(404)
    return solution


def part_or_404(model, part_id: int, solution: Solution):
    """A milestone or an offer of `solution`; 404 when there is none or it belongs to another solution."""
    part = db.session.get(model, part_id)
    if part is None or part.solution_id != solution.id:
        abort(404)
    return part


def solution_url(solution: Solution, **args) -> str:
    return url_for("ideas.solutions.show", solution_id=solution.id, **args)


@bp.get("/solutions")
@cache_for_anonymous
def index():
    """Solutions, last updated first, 20 to a page, filtered by status and category as the query string says."""
    categories = all_categories()
    slug = request.args.get("category", "")
    category = next((c for c in categories if c.slug == slug), None)
    if slug and category is None:
        abort(404)
    raw_status = request.args.get("status", "")
    status = SolutionStatus(raw_status) if raw_status in {s.value for s in SolutionStatus} else None
    shown = reading.list_solutions(page_number(), status=status, category=category)
    if shown.page > shown.pages:
        abort(404)
    subject_ids = [solution.subject_id for solution in shown.solutions]
    return render_template("solutions/index.html", shown=shown, categories=categories, category=category,
                           status=status, statuses=list(SolutionStatus),
                           translations=titles_in(subject_ids, current_language().code),
                           followed=followed_subject_ids(current_user, subject_ids))


@bp.get("/solutions/<int:solution_id>")
@cache_for_anonymous
def show(solution_id: int):
    """The solution: status and progress, its ideas, milestones, updates, team, closure answers, discussion."""
    solution = solution_or_404(solution_id)
    discussion = discussion_of(thread_about(solution.subject_id), request.args.get("view", "nested"),
                               page_number(), solution)
    html = render_template("solutions/show.html", view=reading.solution_view(solution), solution=solution,
                           discussion=discussion, today=utcnow().date(),
                           mine=reading.reader_part(current_user, solution),
                           comments=reading.rating_comments(solution) if solution.rating_count else [],
                           version=page_version(current_user, solution, current_language().code, request.args))
    discussion.mark_read()
    return html


@bp.app_template_global("help_role_label")
def help_role_label(role: str) -> str:
    """A volunteer's role in the reader's language."""
    return str(ROLE_LABELS[Role(role)])
