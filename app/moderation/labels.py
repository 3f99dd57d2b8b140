"""What moderation's states are called on pages and in e-mails (translated)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.moderation.models import Action, AppealStatus

ACTION_LABELS = {
    Action.HIDE: _l("Hidden"),
    Action.KEEP: _l("Kept: no rule was broken"),
    Action.IGNORE: _l("Closed without a judgement"),
    Action.REDACT: _l("Edited by the moderators"),
    Action.DELETE: _l("Deleted"),
    Action.SILENCE: _l("Account silenced"),
    Action.SUSPEND: _l("Account suspended"),
}

APPEAL_STATUS_LABELS = {
    AppealStatus.OPEN: _l("Waiting for a moderator"),
    AppealStatus.UPHELD: _l("Upheld: the decision stands"),
    AppealStatus.REVERSED: _l("Reversed: the decision was undone"),
}


def action_label(action) -> str:
    return str(ACTION_LABELS[Action(action)])


def appeal_status_label(status) -> str:
    return str(APPEAL_STATUS_LABELS[AppealStatus(status)])
