"""The report form (members) and the notice of illegal content (everyone, DSA Art. 16)."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, EmailField, RadioField, SelectChoice, StringField, TextAreaField
from wtforms.validators import Optional, Regexp

from app.forms import Form, email_address, length, required, strip, strip_lower
from app.moderation.models import REASON_LABELS
from app.moderation.notices import EXPLANATION_MIN
from app.moderation.reports import NOTE_MAX

LOCATION = re.compile(r"^(https?://\S+|/\S*)$")


class ReportForm(Form):
    """Why a member reports something: one of the five reasons, and an optional note for the moderators."""

    reason = RadioField(_l("Why are you reporting this?"),
                        choices=[SelectChoice(reason.value, label) for reason, label in REASON_LABELS.items()],
                        validate_choice=True)
    note = TextAreaField(_l("A note for the moderators (optional)"), filters=[strip],
                         validators=[Optional(), length(max=NOTE_MAX)],
                         description=_l("What is wrong with it? At most %(max)d characters; only moderators read "
                                        "it.", max=NOTE_MAX))

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.reason.errors:
            self.reason.errors = [_l("Please choose a reason.")]
        return valid


class NoticeForm(Form):
    """A notice of illegal content: where, why, who (DSA Art. 16 (2)), and the statement of good faith."""

    location = StringField(
        _l("Exact location"), filters=[strip],
        validators=[required(), length(max=500),
                    Regexp(LOCATION, message=_l("Please give the address of the page, starting with https:// "
                                                "or with /."))],
        description=_l("The address (URL) of the page or post, as your browser shows it."))
    explanation = TextAreaField(
        _l("Why is this content illegal?"), filters=[strip],
        validators=[required(), length(min=EXPLANATION_MIN, max=5000)],
        description=_l("Explain which law you think it breaks and why, in %(min)d to 5,000 characters.",
                       min=EXPLANATION_MIN))
    name = StringField(_l("Your name"), filters=[strip], validators=[required(), length(max=100)])
    email = EmailField(_l("Your e-mail address"), filters=[strip_lower],
                       validators=[required(), email_address(), length(max=254)],
                       description=_l("We confirm receipt and tell you our decision at this address."))
    good_faith = BooleanField(
        _l("I am convinced in good faith that the information and allegations in this notice are accurate and "
           "complete."),
        validators=[required()])

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        if self.good_faith.errors:
            self.good_faith.errors = [_l("Please confirm that you send this notice in good faith.")]
        return valid
