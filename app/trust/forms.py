"""The moderators' form that puts a person in the sandbox or makes them a member (a level and a reason)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, TextAreaField

from app.forms import Form, length, required, strip
from app.trust.models import TrustLevel
from app.trust.sandbox import LEVEL_LABELS

REASON_MAX = 1_000


class TrustForm(Form):
    """The level to set (locked against automatic changes) and why."""

    level = RadioField(_l("Trust level"), coerce=int, validate_choice=True,
                       choices=[SelectChoice(level, label) for level, label in LEVEL_LABELS.items()])
    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[required(), length(max=REASON_MAX)],
                           description=_l("Kept in the audit log."))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.level.errors or self.level.data not in (TrustLevel.SANDBOX, TrustLevel.MEMBER):
            self.level.errors = [_l("Please choose a trust level.")]
            return False
        return valid
