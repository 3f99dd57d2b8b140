""""You said, we did": once a solution is live, the supporters of its ideas say whether it meets the need.

One answer per person, changeable. Anyone else is refused with 403 (anonymous visitors are sent to log in); an
unknown solution answers 404.
"""
from __future__ import annotations

from flask import flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user

from app.web import acting_user, refuse
from ideas.solutions import bp, policy, services
from ideas.solutions.forms import RatingForm
from ideas.solutions.reading import rating_of, supports_a_linked_idea
from ideas.solutions.views import solution_or_404, solution_url


@bp.route("/solutions/<int:solution_id>/rating", methods=["GET", "POST"])
def rate(solution_id: int):
    """Answer, or change one's answer: a rating from 1 to 5 and an optional comment."""
    solution = solution_or_404(solution_id)
    if not policy.can_rate(current_user, solution, supported=supports_a_linked_idea(current_user, solution)):
        refuse()
    earlier = rating_of(current_user, solution)
    form = RatingForm(data=None if request.method == "POST" or earlier is None else {
        "score": str(earlier.score), "comment": earlier.comment_md})
    if form.validate_on_submit():
        services.rate(acting_user(), solution, int(form.score.data), form.comment.data or "")
        flash(_("Thank you: your answer has been changed.") if earlier
              else _("Thank you for your answer."), "success")
        return redirect(solution_url(solution, _anchor="ratings-title"))
    return render_template("solutions/rating_form.html", form=form, solution=solution, earlier=earlier)
