"""Support integrity pages for staff: `/ideas/integrity` (ideas with suspicious supports, the most suspicious
first) and `/ideas/<id>/integrity` (an idea's groups with their evidence, and the form that sets supports aside).

City staff, moderators and administrators only (ideas.policy.can_review_supports); everyone else, visitors
included, gets the 404 of an unknown address, and the attempt is logged like a refused moderation route.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import ngettext

from app.moderation import audit
from app.trust import settings
from app.web import acting_user, viewer
from ideas import bp, integrity, policy, services
from ideas.forms import SetAsideForm
from ideas.views import _idea_or_404
from voting.traces import VOTE_TRACE_DAYS

P = ParamSpec("P")
R = TypeVar("R")


def staff_only(view: Callable[P, R]) -> Callable[P, R]:
    """Let city staff, moderators and administrators through; log everyone else's attempt and answer 404."""

    @wraps(view)
    def guarded(*args: P.args, **kwargs: P.kwargs) -> R:
        user = viewer()
        if not policy.can_review_supports(user):
            audit.record_refusal(user, f"refused.{request.endpoint}", path=request.path)
            abort(404)
        return view(*args, **kwargs)

    return guarded


@bp.get("/ideas/integrity")
@staff_only
def integrity_overview():
    """The ideas whose recent supports look arranged, the most suspicious first."""
    return render_template("ideas/integrity/overview.html", flagged=integrity.overview(),
                           trace_days=settings.value(VOTE_TRACE_DAYS))


@bp.route("/ideas/<int:idea_id>/integrity", methods=["GET", "POST"])
@staff_only
def integrity_review(idea_id: int):
    """An idea's suspicious groups, each supporter with account age, trust level, time and short hashes; set
    chosen supports aside with a reason."""
    idea = _idea_or_404(idea_id)
    form = SetAsideForm()
    chosen = [vote_id for vote_id in form.votes.data or [] if vote_id]
    if form.validate_on_submit():
        if chosen:
            result = services.set_aside_supports(acting_user(), idea, chosen, form.reason.data)
            flash(ngettext("%(num)d support was set aside; its supporter is told.",
                           "%(num)d supports were set aside; their supporters are told.", len(result.votes)),
                  "success")
            return redirect(url_for("ideas.integrity_review", idea_id=idea.id))
        form.votes.errors = [form.votes.validators[0].message]  # only ids that are no number: none chosen
    return render_template("ideas/integrity/review.html", idea=idea, review=integrity.review(idea), form=form,
                           selected=set(chosen))
