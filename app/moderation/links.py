"""What the "Report" and "Report illegal content" links under a piece of content point to (the template global
`moderation_links`, used by the `content_actions` macro in app/templates/_macros/moderation.html). Pure: no query."""
from __future__ import annotations

from typing import Any

from flask import url_for

from app import subjects
from app.moderation.policy import can_report, is_moderator
from app.urls import path_for
from app.web import viewer


def moderation_links(subject: Any, author_id: int | None, kind: str | None = None,
                     profile: Any = None) -> dict[str, str | None] | None:
    """{"report": the report form's address or None, "notice": the notice form's address, "moderate": the direct
    action form for moderators or None} for a reportable
    Subject (a Subject row, or its id with `kind`); None when its kind cannot be reported. The report link is
    there for members who may report it (not their own, not silenced). A profile (`profile`, kind "user") is
    reported through `/report/user/<username>`, since it may have no Subject yet."""
    subject_id = getattr(subject, "id", subject)
    kind = kind or getattr(subject, "kind", None) or ("user" if profile is not None else None)
    if kind is None:
        return None
    try:
        entry = subjects.get(kind)
    except subjects.UnknownKind:
        return None
    if entry.moderation is None:
        return None
    report = None
    if can_report(viewer(), author_id):
        if profile is not None:
            report = url_for("moderation.report_profile", username=profile.username)
        elif subject_id is not None:
            report = url_for("moderation.report", subject_id=subject_id)
    if subject_id is not None:
        notice = url_for("moderation.notice", subject=subject_id)
    elif profile is not None:
        notice = url_for("moderation.notice", location=path_for("users.profile", username=profile.username))
    else:
        notice = url_for("moderation.notice")
    moderate = (url_for("moderation.act", subject_id=subject_id)
                if subject_id is not None and is_moderator(viewer()) else None)
    return {"report": report, "notice": notice, "moderate": moderate}
