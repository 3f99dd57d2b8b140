"""What the transparency page calls the sources of decisions and the kinds of sanctions (translated); decisions'
actions are named as moderation names them (`app.moderation.labels`)."""
from __future__ import annotations

from datetime import date

from flask_babel import format_date, format_decimal
from flask_babel import lazy_gettext as _l

from app.moderation.labels import ACTION_LABELS
from app.moderation.models import Action, Reason, SanctionKind, Source

SOURCE_LABELS = {
    Source.REPORT: _l("Members' reports"),
    Source.NOTICE: _l("Notices of illegal content"),
    Source.OWN_INITIATIVE: _l("Moderators' own initiative"),
    Source.AUTOMATIC: _l("Automatic, after enough reports"),
}

SANCTION_LABELS = {
    SanctionKind.SILENCE: _l("Silenced (may read, may not write)"),
    SanctionKind.SUSPEND: _l("Suspended (may not log in)"),
}

REASONS = list(Reason)
ACTIONS = [(action, ACTION_LABELS[action]) for action in Action]
SOURCES = [(source, SOURCE_LABELS[source]) for source in Source]
SANCTIONS = [(kind, SANCTION_LABELS[kind]) for kind in SanctionKind]


def month_name(year: int, number: int) -> str:
    """"December 2026" in the reader's language."""
    return format_date(date(year, number, 1), "LLLL yyyy")


def hours(seconds: float | None) -> str:
    """A duration in hours with one decimal, in the reader's language ("2.5" / "2,5"); "" for none."""
    return "" if seconds is None else format_decimal(seconds / 3600, format="#,##0.0")
