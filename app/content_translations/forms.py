"""Forms of community translations: the translation itself, and removing one."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional

from app.content_translations.models import BODY_MAX, TITLE_MAX
from app.form_text import renders_visibly
from app.forms import Form, length, required, strip

TITLE_MIN = 5
REASON_MAX = 2_000


class TranslationForm(Form):
    """The translated title and description (Markdown)."""

    title = StringField(
        _l("Translated title"), filters=[strip], validators=[required(), length(min=TITLE_MIN, max=TITLE_MAX)],
        description=_l("%(min)d to %(max)d characters.", min=TITLE_MIN, max=TITLE_MAX))
    body = TextAreaField(
        _l("Translated description"), filters=[strip],
        validators=[required(), length(max=BODY_MAX), renders_visibly()],
        description=_l("Say what the original says, in your own words; keep its Markdown (**bold**, lists, links)."))


class RemoveTranslationForm(Form):
    """Removing a translation; moderators removing someone else's give a reason (`reason_required`)."""

    reason = TextAreaField(_l("Reason"), filters=[strip], validators=[Optional(), length(max=REASON_MAX)],
                           description=_l("Shown in the moderation log."))

    def __init__(self, *args, reason_required: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if reason_required:
            self.reason.validators = [required(), length(max=REASON_MAX)]
            self.reason.flags.required = True
