"""The settings forms: automatic follows, and how each kind of notification is e-mailed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, SelectChoice
from wtforms.validators import InputRequired

from app.forms import Form


class FollowSettingsForm(Form):
    on_create = BooleanField(_l("Follow the ideas I propose and the discussions I open"))
    on_support = BooleanField(_l("Follow the ideas I support"))
    on_reply = BooleanField(_l("Follow the discussions I reply in (and the idea they are about)"))


DELIVERY_LABELS = {"immediately": _l("Immediately"), "daily": _l("In a daily digest"),
                   "weekly": _l("In a weekly digest"), "never": _l("Never")}


def notification_settings_form(kinds, data=None) -> Form:
    """A form with one radio group per notification kind: how to e-mail it."""

    class NotificationSettingsForm(Form):
        pass

    choices = [SelectChoice(value, label) for value, label in DELIVERY_LABELS.items()]
    for kind in kinds:
        setattr(NotificationSettingsForm, f"kind_{kind.name}", RadioField(
            kind.label, choices=choices, validators=[InputRequired(message=_l("Please choose one."))]))
    return NotificationSettingsForm(data=data)
