"""The audit log's filter form (a GET form: filtering changes nothing, so it carries no CSRF token)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectChoice, SelectField, StringField
from wtforms.validators import Optional

from app.forms import DateOrTextInput, Form, length, strip
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
        valid = super().validate(extra_validators)
        for field in (self.since, self.until):
            if field.errors and field.raw_data and field.raw_data[0]:
                field.errors = [_l("Please enter a valid date, e.g. 2027-03-31.")]
        if valid and self.since.data and self.until.data and self.until.data < self.since.data:
            self.until.errors = [_l("The end of the range is before its start.")]
            return False
        return valid and not self.since.errors and not self.until.errors

    def filters(self) -> LogFilters:
        """The filters asked for; fields with errors count as empty."""
        return LogFilters(actor=self.actor.data or "" if not self.actor.errors else "",
                          action=self.action.data or "" if not self.action.errors else "",
                          refused_only=bool(self.refused.data),
                          since=self.since.data if not self.since.errors else None,
                          until=self.until.data if not self.until.errors else None)
