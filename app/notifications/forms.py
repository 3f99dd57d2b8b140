"""The settings form for automatic follows."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField

from app.forms import Form


class FollowSettingsForm(Form):
    on_create = BooleanField(_l("Follow the ideas I propose and the discussions I open"))
    on_support = BooleanField(_l("Follow the ideas I support"))
    on_reply = BooleanField(_l("Follow the discussions I reply in (and the idea they are about)"))
