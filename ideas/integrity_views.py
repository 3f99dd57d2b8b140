"""Support integrity pages for staff: `/ideas/integrity` (ideas with suspicious supports, the most suspicious
first) and `/ideas/<id>/integrity` (an idea's groups with their evidence, and the form that sets supports aside).

City staff, moderators and administrators only (ideas.policy.can_review_supports); everyone else, visitors
included, gets the 404 of an unknown address, and the attempt is logged like a refused moderation route.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import ngettext

from app.admin.guard import unknown_unless
from app.trust import settings
from app.web import acting_user
from ideas import bp, integrity, policy, services
from ideas.forms import SetAsideForm
from ideas.views import _idea_or_404
from voting.traces import VOTE_TRACE_DAYS

staff_only = unknown_unless(policy.can_review_supports)


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
