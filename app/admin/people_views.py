"""The people pages of the admin area: the list of accounts and a person's page, where roles are changed."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin import bp, people, roles
from app.admin.guard import admins_only
from app.admin.people_forms import PeopleFilterForm, RoleForm
from app.moderation import sanctioning
from app.moderation.policy import can_sanction
from app.users.models import ROLE_LABELS
from app.web import acting_user, requested_page


@bp.get("/people")
@admins_only
def people_list():
    form = PeopleFilterForm(formdata=request.args)
    form.validate()  # a field with an error filters nothing and shows its error
    filters = form.filters()
    found: dict[str, int] = {}

    def load(page: int):
        rows, pages, found["total"] = people.people_page(filters, page)
        return rows, pages

    rows, page, pages = requested_page(load)
    return render_template("admin/people.html", form=form, filters=filters, rows=rows, page=page, pages=pages,
                           total=found["total"], states_of=people.states_of, state_labels=people.STATE_LABELS,
                           trust_labels=people.TRUST_LABELS, role_labels=ROLE_LABELS)


def _person_or_404(username: str):
    return people.find_person(username) or abort(404)


def _person_page(person, form: RoleForm, status: int = 200):
    history = sanctioning.history(person)
    return render_template(
        "admin/person.html", person=person, form=form, reports=people.reports_of(person), history=history,
        in_force=sanctioning.in_force, may_sanction=can_sanction(acting_user(), person),
        states=[people.STATE_LABELS[s] for s in people.states_of(person)], trust_labels=people.TRUST_LABELS,
        report_status_labels=people.REPORT_STATUS_LABELS), status


@bp.get("/people/<username>")
@admins_only
def person(username: str):
    found = _person_or_404(username)
    return _person_page(found, RoleForm.for_person(found))


@bp.post("/people/<username>/roles")
@admins_only
def person_roles(username: str):
    """Grant and revoke roles as ticked; the last administrator keeps their role (error next to the field)."""
    found = _person_or_404(username)
    form = RoleForm.for_person(found, formdata=request.form)
    if form.validate_on_submit():
        try:
            done = roles.change_roles(acting_user(), found, form.wanted())
        except roles.LastAdministrator:
            form.admin.errors = [_("You are the last administrator: make someone else an administrator first.")
                                 if found.id == acting_user().id else
                                 _("This is the last administrator: make someone else an administrator first.")]
        else:
            flash(_("The roles have been saved.") if done else _("Nothing changed."), "success")
            return redirect(url_for("admin.person", username=found.username, _anchor="roles"))
    return _person_page(found, form)

