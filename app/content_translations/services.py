"""Use cases of community translations: translate (or improve a translation), remove one, and moderation's
redaction of one.

Each public service is one use case (app.unit_of_work): it flushes its steps and the outermost commits once.
The search index follows through its outbox (app.content_translations.search watches these rows).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from app import subjects
from app.content_translations import policy
from app.content_translations.models import ContentTranslation, TranslationRevision
from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.permissions import NotAllowed
from app.text import PIPELINE_VERSION, render_markdown
from app.trust import gate
from app.unit_of_work import use_case

BODY_HEADING_LEVEL = 3  # the description sits under the page's h2, as the original's does
KIND = "translation"


@dataclass(frozen=True)
class TranslationInput:
    """What a translator types: the language, the title and the description (Markdown)."""

    language: str
    title: str
    body_md: str


def cook(source: str) -> str:
    """Sanitised HTML of a translated description, through the one text pipeline."""
    return str(render_markdown(source, heading_level=BODY_HEADING_LEVEL))


def find(original: Any, language: str) -> ContentTranslation | None:
    """The translation of `original` into `language` (removed or not), or None (one query)."""
    return db.session.execute(db.select(ContentTranslation).where(
        ContentTranslation.original_subject_id == original.subject_id,
        ContentTranslation.language == language)).scalar_one_or_none()


@use_case
def translate(translator, original: Any, data: TranslationInput) -> ContentTranslation:
    """Save `translator`'s translation of `original` into `data.language`: a new one, or a new version of the
    one there (the replaced text is kept as a TranslationRevision; a removed one comes back).

    Passes the trust gate as an edit (watched words, capitals; a held translation waits for review, hidden).
    Raises NotAllowed (app.content_translations.policy), or gate.Refused (nothing is written).
    """
    if not policy.can_translate(translator, original, data.language):
        raise NotAllowed
    entry = policy.translatable(original)
    verdict = gate.screen(translator, "edit", {"title": data.title, "body": data.body_md}, edit_of=KIND,
                          locale=data.language)
    title, body_md = verdict.texts["title"], verdict.texts["body"]
    translation = find(original, data.language)
    now = utcnow()
    if translation is None:
        translation = ContentTranslation(subject=subjects.new_subject(KIND), original_subject_id=original.subject_id,
                                         language=data.language, created_at=now, version=1)
        db.session.add(translation)
    else:
        translation.revisions.append(TranslationRevision(
            number=translation.version, title=translation.title, body_md=translation.body_md,
            translator_id=translation.translator_id, created_at=translation.updated_at))
        translation.version += 1
        translation.removed_at = translation.removed_by_id = None
    translation.from_language = entry.language(original)
    translation.title, translation.body_md = title, body_md
    translation.body_html, translation.cooked_version = cook(body_md), PIPELINE_VERSION
    translation.translator_id, translation.updated_at = translator.id, now
    db.session.flush()
    gate.settle(verdict, translation.subject)
    return translation


@use_case
def remove(actor, translation: ContentTranslation, original: Any, reason: str = "") -> ContentTranslation:
    """Take a translation off its original's page and out of search; its text and versions stay for the log and
    the translator's data export, and anyone may translate into that language again.

    A moderator removing someone else's translation gives `reason`, recorded in the moderation log. Raises
    NotAllowed, or ValueError when a moderator gives no reason.
    """
    if not policy.can_remove(actor, translation, original):
        raise NotAllowed
    as_moderator = policy.removes_as_moderator(actor, translation, original)
    if as_moderator and not reason.strip():
        raise ValueError("a moderator removes someone else's translation with a reason")
    translation.removed_at, translation.removed_by_id = utcnow(), actor.id
    if as_moderator:
        audit.record(actor, "translation.remove", obj=translation, reason=reason.strip(),
                     before={"title": translation.title, "body": translation.body_md})
    db.session.flush()
    return translation


def redact(translation: ContentTranslation, actor, fields: dict[str, str]) -> None:
    """Moderation's redaction (app.subjects.Moderation.redact): replace the title or description, flushing."""
    if "title" in fields:
        translation.title = fields["title"]
    if "body" in fields:
        translation.body_md = fields["body"]
        translation.body_html, translation.cooked_version = cook(fields["body"]), PIPELINE_VERSION
    db.session.flush()


def remove_by_moderation(translation: ContentTranslation, actor) -> None:
    """Moderation's deletion (app.subjects.Moderation.delete): removed, flushing only."""
    translation.removed_at, translation.removed_by_id = utcnow(), actor.id
    db.session.flush()


def restore(translation: ContentTranslation, actor) -> None:
    """An appeal reversed the deletion: shown again, flushing only."""
    translation.removed_at = translation.removed_by_id = None
    db.session.flush()
