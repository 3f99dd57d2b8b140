"""The forms of the people pages: the list's filters (a GET form) and the role buttons of a person's page."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Optional

from app.admin.people import STATE_LABELS, TRUST_LABELS, PeopleFilters, State
from app.admin.roles import GRANTABLE
from app.forms import DateOrTextInput, Form, checked_date_range, length, strip
from app.users.models import ROLE_LABELS, Role


class PeopleFilterForm(Form):
    """Search text, role, state, trust level and a join-date range."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), filters=[strip], validators=[Optional(), length(max=100)],
                    description=_l("Part of a username, display name or e-mail address."))
    role = SelectField(_l("Role"), validate_choice=True, default="", choices=[
        SelectChoice("", _l("All roles")), *(SelectChoice(r.value, ROLE_LABELS[r]) for r in Role)])
    state = SelectField(_l("State"), validate_choice=True, default="", choices=[
        SelectChoice("", _l("All states")), *(SelectChoice(s.value, STATE_LABELS[s]) for s in State)])
    trust = SelectField(_l("Trust level"), validate_choice=True, default="", choices=[
        SelectChoice("", _l("All trust levels")), *(SelectChoice(str(k), v) for k, v in TRUST_LABELS.items())])
    since = DateField(_l("Joined from"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-01"))
    until = DateField(_l("Joined until"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-31"))

    def validate(self, extra_validators=None) -> bool:
        """Field checks with our own words for a date that does not parse; a range that ends before it starts."""
        return checked_date_range(self.since, self.until, super().validate(extra_validators))

    def filters(self) -> PeopleFilters:
        """The filters asked for; a field with an error filters nothing."""
        def ok(field):
            return field.data if not field.errors and field.data not in (None, "") else None

        role, state, trust = ok(self.role), ok(self.state), ok(self.trust)
        return PeopleFilters(text=ok(self.q) or "", role=Role(role) if role else None,
                             state=State(state) if state else None, trust=int(trust) if trust else None,
                             joined_since=ok(self.since), joined_until=ok(self.until))


class RoleForm(Form):
    """The roles the admin area grants, one checkbox each (member is every account's role)."""

    moderator = BooleanField(_l("Moderator"), description=_l("Reviews reports, decides, sanctions members."))
    city_staff = BooleanField(_l("City staff"), description=_l("Answers for the city and sees the staff pages."))
    admin = BooleanField(_l("Administrator"), description=_l("Runs this admin area: people, roles, settings."))

    @classmethod
    def for_person(cls, user, formdata=None) -> RoleForm:
        """The form with `user`'s roles ticked (or the submitted ticks)."""
        held = user.role_names
        return cls(formdata=formdata, data={role.value: role in held for role in GRANTABLE})

    def role_fields(self):
        return [self[role.value] for role in GRANTABLE]

    def wanted(self) -> set[Role]:
        return {role for role in GRANTABLE if self[role.value].data}
