"""Moderator pages for account sanctions: silence or suspend a member from their profile, and lift a sanction.

Behind `moderators_only` (members get 403 and a refused entry in the log); a moderator acting on someone they may
not sanction (app.moderation.policy.can_sanction) is refused with 403 too, logged, and nothing changes.
"""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _

from app.i18n import isolate
from app.models import utcnow
from app.moderation import audit, bp, sanctioning
from app.moderation.guard import moderators_only
from app.moderation.models import SanctionKind
from app.moderation.policy import can_sanction
from app.moderation.sanction_forms import LiftForm, SanctionForm
from app.users.services import find_by_username
from app.web import acting_user, refuse


def _account_or_404(username: str):
    target = find_by_username(username)
    if target is None or not target.is_active_account:
        abort(404)
    return target


def _may_sanction_or_refuse(target) -> None:
    actor = acting_user()
    if not can_sanction(actor, target):
        audit.record_refusal(actor, f"refused.{request.endpoint}", path=request.path)
        refuse()


@bp.route("/moderation/users/<username>/sanction", methods=["GET", "POST"])
@moderators_only
def sanction(username: str):
    target = _account_or_404(username)
    _may_sanction_or_refuse(target)
    form = SanctionForm()
    if request.method == "GET" and request.args.get("kind") in {k.value for k in SanctionKind}:
        form.kind.data = request.args["kind"]
    if form.validate_on_submit():
        kind = SanctionKind(form.kind.data)
        ends_at = form.ends_at(utcnow())
        sanctioning.sanction_account(acting_user(), target, kind, ends_at=ends_at, facts=form.facts.data,
                                     rule_number=form.rule_number.data, legal_ground=form.legal_ground.data or "")
        when = format_datetime(ends_at, "medium")
        if kind is SanctionKind.SILENCE:
            flash(_("%(name)s is silenced until %(date)s.", name=isolate(target.display_name), date=when), "success")
        else:
            flash(_("%(name)s is suspended until %(date)s.", name=isolate(target.display_name), date=when), "success")
        return redirect(url_for("users.profile", username=target.username) + "#sanctions")
    history = sanctioning.history(target)
    return render_template("moderation/sanction.html", form=form, target=target, history=history,
                           in_force=sanctioning.in_force)


@bp.route("/moderation/users/<username>/sanctions/<int:sanction_id>/lift", methods=["GET", "POST"])
@moderators_only
def lift_sanction(username: str, sanction_id: int):
    target = _account_or_404(username)
    found = sanctioning.sanction_of(target, sanction_id)
    if found is None:
        abort(404)
    _may_sanction_or_refuse(target)
    if not sanctioning.in_force(found):
        flash(_("This sanction is no longer in force."), "info")
        return redirect(url_for("users.profile", username=target.username) + "#sanctions")
    form = LiftForm()
    if form.validate_on_submit():
        sanctioning.lift_sanction(acting_user(), found, reason=form.reason.data)
        flash(_("The sanction on %(name)s is lifted.", name=isolate(target.display_name)), "success")
        return redirect(url_for("users.profile", username=target.username) + "#sanctions")
    return render_template("moderation/lift.html", form=form, target=target, sanction=found)
