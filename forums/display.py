"""What forum templates need besides the data: policy checks, times, colours and previews."""
from __future__ import annotations

from datetime import datetime, timezone

from flask import Flask
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from markupsafe import Markup

from app.text import render_markdown
from forums import policy
from forums.colours import colour_for
from forums.cooking import mention_links, mentioned_users
from forums.models import Stance


def when(moment: datetime) -> str:
    """A date and time for people, in the reader's language and the site's time zone."""
    return _("%(date)s, %(time)s", date=format_date(moment, "medium"), time=format_time(moment, "short"))


def machine_time(moment: datetime) -> str:
    """The `datetime` attribute of a <time> element: UTC to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def preview(source: str | None, heading_level: int) -> Markup:
    """`source` rendered as it will be shown, with headings placed below `heading_level` - 1.

    Raises TooManyMentions like posting would.
    """
    return render_markdown(source, heading_level=heading_level, mentions=mention_links(mentioned_users(source or "")))


def init_app(app: Flask) -> None:
    """Offer the forum helpers to every template (the thread macro runs inside other packages' pages)."""
    app.jinja_env.globals.update(forum_policy=policy, forum_time=when, forum_machine_time=machine_time,
                                 category_colour=colour_for, forum_stances=list(Stance),
                                 stance_label=lambda value: Stance(value).label)
