"""The audit log's filter form (a GET form: filtering changes nothing, so it carries no CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Optional

from app.forms import DateOrTextInput, Form, checked_date_range, length, strip
from app.moderation.log_reading import ACTION_PREFIXES, LogFilters


class LogFilterForm(Form):
    """Actor, action family, refused attempts only, and a date range."""

    class Meta:
        csrf = False

    actor = StringField(_l("Who (username)"), filters=[strip], validators=[Optional(), length(max=30)])
    action = SelectField(_l("Action"), validate_choice=True, choices=[
        SelectChoice("", _l("All actions")), *(SelectChoice(k, v) for k, v in ACTION_PREFIXES.items())])
    refused = BooleanField(_l("Refused attempts only"))
    since = DateField(_l("From"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-01"))
    until = DateField(_l("Until"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("e.g. 2027-03-31"))

    def validate(self, extra_validators=None) -> bool:
        """Field checks with our own words for a date that does not parse; a range that ends before it starts."""
        return checked_date_range(self.since, self.until, super().validate(extra_validators))

    def filters(self) -> LogFilters:
        """The filters asked for; fields with errors count as empty."""
        return LogFilters(actor=self.actor.data or "" if not self.actor.errors else "",
                          action=self.action.data or "" if not self.action.errors else "",
                          refused_only=bool(self.refused.data),
                          since=self.since.data if not self.since.errors else None,
                          until=self.until.data if not self.until.errors else None)
