"""The page where an idea's author or city staff write its summary in plain language."""
from __future__ import annotations

from flask import flash, redirect, render_template
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.trust import gate
from app.web import acting_user, refuse, show_refusal
from ideas import bp, policy
from ideas.forms import PlainSummaryForm
from ideas.plain_summaries import write_plain_summary
from ideas.views import _idea_or_404, idea_url


@bp.route("/ideas/<int:idea_id>/plain-summary", methods=["GET", "POST"])
@login_required
def plain_summary(idea_id: int):
    """Write, change or take away the summary in plain language."""
    idea = _idea_or_404(idea_id)
    if not policy.can_write_plain_summary(current_user, idea):
        refuse()
    form = PlainSummaryForm(data={"summary": idea.plain_summary or ""} if idea.plain_summary else None)
    if form.validate_on_submit():
        try:
            write_plain_summary(acting_user(), idea, form.summary.data or "")
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(_("The summary in plain language is saved.") if idea.plain_summary else
                  _("The summary in plain language is removed."), "success")
            return redirect(idea_url(idea))
    return render_template("ideas/plain_summary.html", idea=idea, form=form)
