"""An idea's public timeline as pages, feeds and notifications show it: each step's explanation, and a link to the
work it points to (the solution the idea went into), built from the stored reference when it is shown."""
from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app import subjects
from app.extensions import db
from app.models import Subject
from app.text import stored_html
from ideas.models import Idea, IdeaStatusChange


@dataclass(frozen=True)
class Step:
    """One step of the timeline with the explanation as shown: the stored HTML, then the referenced work's link."""

    change: IdeaStatusChange
    explanation_html: Markup


def timeline(idea: Idea) -> list[Step]:
    """The steps of `idea`, oldest first (one query, and one per kind of referenced work when there is any)."""
    changes = list(db.session.execute(
        select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
        .options(joinedload(IdeaStatusChange.actor))
        .order_by(IdeaStatusChange.created_at, IdeaStatusChange.id)).scalars())
    owners = subjects.resolve_many(sorted({c.reference_subject_id for c in changes if c.reference_subject_id}))
    return [Step(change, explained(change, owners.get(change.reference_subject_id))) for change in changes]


def explained(change: IdeaStatusChange, reference=None) -> Markup:
    """The step's explanation (stored, sanitised HTML) followed by a paragraph linking `reference` by its title;
    a reference moderation hides is not linked (lists and pages leave hidden things out)."""
    html = stored_html(change.explanation_html)
    if reference is None or (reference.subject is not None and reference.subject.is_hidden):
        return html
    link = Markup('<p><a href="{}">{}</a></p>').format(subjects.url_of(reference), subjects.title_of(reference))
    return html + Markup("\n") + link if html else link


def explained_alone(change: IdeaStatusChange) -> Markup:
    """`explained` for one step on its own (a feed entry, a notification): resolves its reference (two queries)."""
    if change.reference_subject_id is None:
        return explained(change)
    subject = db.session.get(Subject, change.reference_subject_id)
    return explained(change, subjects.resolve(subject) if subject is not None else None)
