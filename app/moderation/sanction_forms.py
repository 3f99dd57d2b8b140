"""Forms of the sanction pages: silence or suspend an account (kind, length, facts, rule or ground), and lift a
sanction (a reason)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import DateField, IntegerField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import NumberRange, Optional

from app.forms import DateOrTextInput, Form, length, required, strip
from app.moderation.models import SanctionKind
from app.moderation.sanctioning import MAX_DAYS

FACTS_MAX = 5_000
GROUND_MAX = 500
KIND_LABELS = {
    SanctionKind.SILENCE: _l("Silence: may log in and read, may not write"),
    SanctionKind.SUSPEND: _l("Suspend: may not log in"),
}


class SanctionForm(Form):
    """Silence or suspend: for a number of days or until a date, with the facts and a house rule or legal ground."""

    kind = RadioField(_l("Sanction"), choices=[SelectChoice(k.value, label) for k, label in KIND_LABELS.items()],
                      validate_choice=True)
    days = IntegerField(_l("Duration in days"), validators=[Optional(), NumberRange(
        min=1, max=MAX_DAYS, message=_l("Please enter a number of days from 1 to %(max)d.", max=MAX_DAYS))],
        description=_l("From 1 to %(max)d days; or give an end date below.", max=MAX_DAYS))
    until = DateField(_l("Or until (end date)"), widget=DateOrTextInput(), validators=[Optional()],
                      description=_l("The sanction ends at the start of this day, e.g. 2027-03-31."))
    facts = TextAreaField(_l("Reason (the facts)"), filters=[strip], validators=[required(), length(max=FACTS_MAX)],
                          description=_l("What the person did. They read this in the statement of reasons."))
    rule_number = IntegerField(_l("House rule number"), validators=[Optional(), NumberRange(
        min=1, max=999, message=_l("Please enter the number of a house rule, e.g. 3."))])
    legal_ground = StringField(_l("Or legal ground"), filters=[strip], validators=[Optional(), length(max=GROUND_MAX)],
                               description=_l("Give a house rule number or a legal ground (or both)."))

    def validate(self, extra_validators=None) -> bool:
        """Field checks, then: the kind is chosen, exactly one of days and end date, an end within a year in the
        future, and a rule or a ground."""
        valid = super().validate(extra_validators)
        if self.kind.errors or not self.kind.data:
            self.kind.errors = [_l("Please choose silence or suspend.")]
        if self.until.errors and self.until.raw_data and self.until.raw_data[0]:
            self.until.errors = [_l("Please enter a valid date, e.g. 2027-03-31.")]
        elif not self.days.errors and not self.until.errors:
            if self.days.data is None and self.until.data is None:
                self.days.errors = [_l("Please enter a duration in days or an end date.")]
            elif self.days.data is not None and self.until.data is not None:
                self.days.errors = [_l("Please enter either a duration or an end date, not both.")]
            elif self.until.data is not None and not date.today() < self.until.data <= date.today() + timedelta(
                    days=MAX_DAYS):
                self.until.errors = [_l("Please enter a date after today and at most %(max)d days ahead.",
                                        max=MAX_DAYS)]
        if (not self.rule_number.errors and not self.legal_ground.errors and self.rule_number.data is None
                and not self.legal_ground.data):
            self.rule_number.errors = [_l("Please give a house rule number or a legal ground.")]
        return valid and not any(f.errors for f in (self.kind, self.days, self.until, self.rule_number))

    def ends_at(self, now: datetime) -> datetime:
        """The end the form asks for: `now` plus the days, or the start of the end date in the site's time zone."""
        if self.days.data is not None:
            return now + timedelta(days=self.days.data)
        zone = ZoneInfo(current_app.config.get("BABEL_DEFAULT_TIMEZONE", "UTC"))
        return datetime.combine(self.until.data, time(), tzinfo=zone).astimezone(timezone.utc)


class LiftForm(Form):
    """Lift a sanction in force early, with a reason for the log."""

    reason = TextAreaField(_l("Why lift it?"), filters=[strip], validators=[required(), length(max=FACTS_MAX)])
