"""What a data export holds of following and notifications (app.exports.parts)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports import parts
from app.notifications.models import Follow, FollowPreference, Notification, NotificationSetting


def register() -> None:
    """Add follows, follow preferences, notifications and notification settings to every export."""
    parts.register(parts.table(
        "follows", _l("What you follow (subject numbers) and since when."),
        Follow, "user_id", ("subject_id", "created_at")))
    parts.register(parts.table(
        "follow_preferences", _l("Whether you automatically follow what you propose, support or reply to."),
        FollowPreference, "user_id", ("on_create", "on_support", "on_reply"), order="user_id"))
    parts.register(parts.table(
        "notification_settings", _l("How you want to hear of each kind of news: only on the site, at once by "
                                    "e-mail, or in a daily or weekly digest."),
        NotificationSetting, "user_id", ("kind", "delivery"), order="kind"))
    parts.register(parts.table(
        "notifications", _l("The notifications you received and when you read them."),
        Notification, "user_id", ("kind", "event", "subject_id", "created_at", "read_at")))
