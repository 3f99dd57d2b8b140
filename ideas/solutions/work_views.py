"""The team's solution pages: add a milestone, tick one off (or open it again), post a progress update.

A refused action answers 403 (anonymous visitors are sent to log in first) and changes nothing; an unknown
solution, or a milestone of another solution, 404.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.i18n import isolate
from app.trust import gate
from app.web import acting_user, refuse, show_refusal
from ideas.forms import ButtonForm
from ideas.solutions import bp, policy, services
from ideas.solutions.forms import MilestoneForm, UpdateForm
from ideas.solutions.models import Milestone
from ideas.solutions.reading import contribution_of
from ideas.solutions.views import part_or_404, solution_or_404, solution_url


@bp.route("/solutions/<int:solution_id>/milestones/new", methods=["GET", "POST"])
def add_milestone(solution_id: int):
    """The owner and city staff add a step to the timeline while the work is open; followers are told."""
    solution = solution_or_404(solution_id)
    if not policy.can_add_milestone(current_user, solution):
        refuse()
    form = MilestoneForm()
    if form.validate_on_submit():
        services.add_milestone(acting_user(), solution, title=form.title.data, planned_on=form.planned_on.data,
                               description_md=form.description.data or "")
        flash(_("The milestone has been added."), "success")
        return redirect(solution_url(solution, _anchor="milestones-title"))
    return render_template("solutions/milestone_form.html", form=form, solution=solution)


@bp.post("/solutions/<int:solution_id>/milestones/<int:milestone_id>/done")
def tick_milestone(solution_id: int, milestone_id: int):
    """Mark a milestone done (`done=1`) or not done again (`done=0`): the owner, staff and the team. Opening a
    finished milestone again is confirmed first (`confirmed=1`, from the page `reopen_milestone` shows)."""
    solution = solution_or_404(solution_id)
    milestone = part_or_404(Milestone, milestone_id, solution)
    if not policy.can_tick_milestone(current_user, solution, contribution_of(current_user, solution)):
        refuse()
    if request.form.get("done") not in ("0", "1"):
        abort(400)
    done = request.form.get("done") == "1"
    if not done and milestone.done_on is not None and request.form.get("confirmed") != "1":
        return redirect(url_for("ideas.solutions.reopen_milestone", solution_id=solution.id,
                                milestone_id=milestone.id))
    if ButtonForm().validate_on_submit() and services.set_milestone_done(acting_user(), milestone, done):
        flash(_("“%(title)s” is marked as done.", title=isolate(milestone.title)) if done
              else _("“%(title)s” is open again.", title=isolate(milestone.title)), "success")
    return redirect(solution_url(solution, _anchor=f"milestone-{milestone.id}"))


@bp.get("/solutions/<int:solution_id>/milestones/<int:milestone_id>/reopen")
def reopen_milestone(solution_id: int, milestone_id: int):
    """Ask before a finished milestone counts as not done again (the solution's progress goes down)."""
    solution = solution_or_404(solution_id)
    milestone = part_or_404(Milestone, milestone_id, solution)
    if not policy.can_tick_milestone(current_user, solution, contribution_of(current_user, solution)):
        refuse()
    if milestone.done_on is None:
        return redirect(solution_url(solution, _anchor=f"milestone-{milestone.id}"))
    return render_template("solutions/reopen_milestone.html", solution=solution, milestone=milestone)


@bp.route("/solutions/<int:solution_id>/updates/new", methods=["GET", "POST"])
def post_update(solution_id: int):
    """The owner, staff and accepted contributors write a short progress update; followers are told."""
    solution = solution_or_404(solution_id)
    if not policy.can_post_update(current_user, solution, contribution_of(current_user, solution)):
        refuse()
    form = UpdateForm()
    if form.validate_on_submit():
        try:
            services.post_update(acting_user(), solution, form.body.data)
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(_("Your update has been posted."), "success")
            return redirect(solution_url(solution, _anchor="updates-title"))
    return render_template("solutions/update_form.html", form=form, solution=solution)
