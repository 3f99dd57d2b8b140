"""Forms for editing a content page and for reporting a barrier."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import EmailField, StringField, TextAreaField
from wtforms.validators import Optional

from app.forms import Form, email_address, length, required, strip, strip_lower


class PageForm(Form):
    title = StringField(_l("Title"), filters=[strip], validators=[required(), length(max=150)])
    body_md = TextAreaField(
        _l("Text"), filters=[strip], validators=[required(), length(max=50_000)],
        description=_l("Markdown: # for headings, **bold**, lists, links and tables."),
    )


class BarrierReportForm(Form):
    message = TextAreaField(
        _l("What did not work for you?"), filters=[strip], validators=[required(), length(max=5000)],
        description=_l("Describe the barrier in your own words, up to 5,000 characters."),
    )
    page_address = StringField(
        _l("Page where it happened (optional)"), filters=[strip], validators=[Optional(), length(max=500)],
        description=_l("For example the address shown in your browser."),
    )
    email = EmailField(
        _l("Your e-mail address (optional)"), filters=[strip_lower],
        validators=[Optional(), email_address(), length(max=254)],
        description=_l("Only if you would like an answer. We use it for nothing else."),
    )
