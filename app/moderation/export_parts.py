"""What a data export holds of moderation (app.exports.parts): reports made, decisions about the person,
sanctions and appeals."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports import parts
from app.moderation.models import Appeal, Decision, Notice, Report, Sanction


def register() -> None:
    """Add reports, decisions, sanctions and appeals to every export."""
    parts.register(parts.table(
        "reports_made", _l("What you reported to the moderators: the subject, the reason, your note, the state."),
        Report, "reporter_id", ("subject_id", "reason", "note", "status", "created_at")))
    parts.register(parts.table(
        "notices_sent", _l("Notices of illegal content you sent (Digital Services Act): where, your explanation, "
                           "the name and address you gave, the state."),
        Notice, "notifier_id", ("location", "explanation", "name", "email", "status", "created_at")))
    parts.register(parts.table(
        "decisions_about_you", _l("Moderation decisions about your contributions or your account: the action, "
                                  "the reason, the facts, the house rule and legal ground, until when."),
        Decision, "affected_id", ("id", "action", "subject_id", "reason", "facts", "rule_number", "legal_ground",
                                  "ends_at", "created_at", "reversed_at")))
    parts.register(parts.table(
        "sanctions", _l("Times your account was silenced or suspended, and why."),
        Sanction, "user_id", ("kind", "reason", "starts_at", "ends_at", "lifted_at")))
    parts.register(parts.table(
        "appeals", _l("Your appeals against moderation decisions and their answers."),
        Appeal, "appellant_id", ("decision_id", "text", "status", "response", "created_at", "handled_at")))
