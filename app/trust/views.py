"""The moderators' trust page of a person: `/moderation/people/<username>/trust` shows the level, how it came
about (the audit entries), and sets it. Behind `moderators_only` (visitors log in, members get 403 and a refused
entry in the log); an unknown or closed account is a 404; nobody sets their own level."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from app.extensions import db
from app.moderation import audit
from app.moderation.guard import moderators_only
from app.moderation.models import AuditEntry
from app.trust.forms import TrustForm
from app.trust.sandbox import level_label, set_trust
from app.users.models import User
from app.users.services import find_by_username
from app.web import acting_user, refuse

bp = Blueprint("trust", __name__, template_folder="templates")
HISTORY_SHOWN = 20


def _account_or_404(username: str) -> User:
    person = find_by_username(username)
    if person is None or not person.is_active_account:
        abort(404)
    return person


def history(person: User) -> list[AuditEntry]:
    """The newest changes of `person`'s trust level (one query)."""
    return list(db.session.execute(select(AuditEntry).where(
        AuditEntry.object_kind == User.__tablename__, AuditEntry.object_id == person.id,
        AuditEntry.action.in_(("trust.promoted", "trust.sandboxed")))
        .order_by(AuditEntry.id.desc()).limit(HISTORY_SHOWN)).scalars())


@bp.route("/moderation/people/<username>/trust", methods=["GET", "POST"])
@moderators_only
def person_trust(username: str):
    person = _account_or_404(username)
    moderator = acting_user()
    if person.id == moderator.id:
        audit.record_refusal(moderator, f"refused.{request.endpoint}", path=request.path)
        refuse()
    form = TrustForm(data={"level": person.trust_level})
    if form.validate_on_submit():
        set_trust(moderator, person, form.level.data, form.reason.data)
        flash(_("%(name)s is now: %(level)s.", name=person.display_name, level=level_label(form.level.data)),
              "success")
        return redirect(url_for("trust.person_trust", username=person.username))
    return render_template("trust/person.html", person=person, form=form, history=history(person),
                           level_label=level_label)
