"""Forms of the appeals: the appellant's text, and the second moderator's decision on it."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectChoice, TextAreaField
from wtforms.validators import NumberRange, Optional
from wtforms.widgets import TextInput

from app.forms import Form, length, required, strip


class AppealForm(Form):
    text = TextAreaField(
        _l("Why should the decision be changed?"), filters=[strip], validators=[required(), length(max=5000)],
        description=_l("Explain in your own words what the moderators got wrong, up to 5,000 characters."))


class AppealDecisionForm(Form):
    outcome = RadioField(_l("Your decision"), choices=[
        SelectChoice("uphold", _l("Uphold: the decision stands")),
        SelectChoice("reverse", _l("Reverse: undo the decision"))], validators=[required()])
    response = TextAreaField(
        _l("Answer to the appellant"), filters=[strip], validators=[required(), length(max=5000)],
        description=_l("The appellant reads this, and so do the others the decision concerns."))
    facts = TextAreaField(
        _l("Facts (only when reversing a decision to keep)"), filters=[strip],
        validators=[Optional(), length(max=5000)],
        description=_l("Reversing a decision to keep hides the content, which needs a statement of reasons."))
    rule_number = IntegerField(_l("House rule number (optional)"), widget=TextInput(),
                               validators=[Optional(), NumberRange(1, 99)])
    legal_ground = TextAreaField(_l("Legal ground (optional)"), filters=[strip],
                                 validators=[Optional(), length(max=1000)])
