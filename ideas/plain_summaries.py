"""An idea's summary in plain language (Einfache Sprache): a few short sentences for everyone who finds the
description hard to read, written by the idea's author or by city staff, shown above the description."""
from __future__ import annotations

from app.extensions import db
from app.models import utcnow
from app.permissions import NotAllowed
from app.trust import gate
from app.unit_of_work import use_case
from ideas import policy
from ideas.models import Idea

@use_case
def write_plain_summary(writer, idea: Idea, text: str) -> Idea:
    """Set (or, with an empty `text`, take away) the idea's plain-language summary, noting who wrote it and when.

    Passes the trust gate as an edit of the idea (watched words): a held summary holds the idea for review, as a
    held edit of its text does. Raises NotAllowed (ideas.policy), or gate.Refused (nothing changes; its field is
    "summary", the form's).
    """
    if not policy.can_write_plain_summary(writer, idea):
        raise NotAllowed
    text = text.strip()
    verdict = None
    if text:
        verdict = gate.screen(writer, "edit", {"summary": text}, category=idea.category, edit_of="idea",
                              locale=idea.language)
        text = verdict.texts["summary"]
    idea.plain_summary = text or None
    idea.plain_summary_by_id = writer.id if text else None
    idea.plain_summary_at = utcnow() if text else None
    if verdict is not None:
        db.session.flush()
        gate.settle(verdict, idea.subject)
    return idea
