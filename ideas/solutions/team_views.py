"""Co-development: signed-in citizens offer their help with a solution; its owner accepts or declines.

A refused action answers 403 (anonymous visitors are sent to log in first) and changes nothing; an unknown
solution, or an offer made to another solution, 404.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.i18n import isolate
from app.web import acting_user, refuse
from ideas.forms import ButtonForm
from ideas.solutions import bp, policy, services
from ideas.solutions.forms import VolunteerForm
from ideas.solutions.models import Contribution, ContributionState
from ideas.solutions.reading import contribution_of
from ideas.solutions.views import part_or_404, solution_or_404, solution_url


@bp.route("/solutions/<int:solution_id>/volunteer", methods=["GET", "POST"])
def volunteer(solution_id: int):
    """Offer help once, with a role, a note and consent to be listed; the owner is told."""
    solution = solution_or_404(solution_id)
    if not policy.can_volunteer(current_user, solution, contribution_of(current_user, solution)):
        refuse()
    form = VolunteerForm()
    if form.validate_on_submit():
        services.volunteer(acting_user(), solution, role=form.chosen_role, note=form.note.data or "",
                           public=form.public.data)
        flash(_("Thank you for offering your help. The team will answer you soon."), "success")
        return redirect(solution_url(solution, _anchor="team-title"))
    return render_template("solutions/volunteer_form.html", form=form, solution=solution)


@bp.post("/solutions/<int:solution_id>/offers/<int:contribution_id>")
def decide(solution_id: int, contribution_id: int):
    """The owner (or an administrator) accepts or declines an offer (`decision=accept|decline`); the volunteer is told.

    Any other decision is a bad request (400): a decline cannot be taken back.
    """
    solution = solution_or_404(solution_id)
    offer = part_or_404(Contribution, contribution_id, solution)
    if not policy.can_decide_volunteer(current_user, solution):
        refuse()
    decision = request.form.get("decision")
    if decision not in ("accept", "decline"):
        abort(400)
    accept = decision == "accept"
    if ButtonForm().validate_on_submit():
        if offer.state != ContributionState.PENDING:
            flash(_("This offer has been answered already."), "info")
        else:
            services.decide_volunteer(acting_user(), offer, accept)
            name = offer.user.display_name
            flash(_("%(name)s is now on the team.", name=isolate(name)) if accept
                  else _("You declined the offer of %(name)s.", name=isolate(name)), "success")
    return redirect(solution_url(solution, _anchor="team-title"))
