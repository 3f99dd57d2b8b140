"""The watched-word list administrators keep at /admin/words: add, change and remove words, each change audited
("watched_word.added", ".changed", ".removed" with the word before and after), and the list by language and
action. A word is stored with its normal form (`app.trust.words.normalise_word`); one form per language.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import utcnow
from app.trust import words
from app.trust.models import WatchedWord, WordAction
from app.unit_of_work import use_case

PER_PAGE = 100


class DuplicateWord(ValueError):
    """The language already watches a word of the same normal form."""


@dataclass(frozen=True)
class WordInput:
    """What the administrator typed: the word, its language ("" for all), its action and replacement."""

    word: str
    locale: str
    action: WordAction
    replacement: str = ""


def state(word: WatchedWord) -> dict:
    """A word as the audit log keeps it."""
    return {"word": word.word, "locale": word.locale, "action": str(word.action), "replacement": word.replacement}


def duplicate_of(data: WordInput, *, other_than: int | None = None) -> WatchedWord | None:
    """The word of the same language with the same normal form, if any (other than the one being edited)."""
    query = select(WatchedWord).where(WatchedWord.locale == data.locale,
                                      WatchedWord.normalised == words.normalise_word(data.word))
    if other_than is not None:
        query = query.where(WatchedWord.id != other_than)
    return db.session.execute(query).scalar_one_or_none()


def _apply(word: WatchedWord, data: WordInput) -> None:
    word.word, word.normalised = " ".join(data.word.split()), words.normalise_word(data.word)
    word.locale, word.action = data.locale, WordAction(data.action)
    word.replacement = data.replacement.strip() if word.action == WordAction.REPLACE else ""
    word.updated_at = utcnow()


def _save(word: WatchedWord) -> None:
    try:
        with db.session.begin_nested():
            db.session.add(word)
            db.session.flush()
    except IntegrityError:
        raise DuplicateWord() from None
    words.forget()


@use_case
def add_word(actor, data: WordInput) -> WatchedWord:
    """Watch `data.word` in `data.locale` with its action. Raises DuplicateWord (nothing is written) or
    ValueError for a word without letters. Audited as "watched_word.added"."""
    from app.moderation import audit

    if not words.normalise_word(data.word):
        raise ValueError("a watched word needs at least one visible character")
    if duplicate_of(data) is not None:
        raise DuplicateWord()
    word = WatchedWord(created_at=utcnow(), created_by_id=actor.id)
    _apply(word, data)
    _save(word)
    audit.record(actor, "watched_word.added", obj=word, after=state(word))
    return word


@use_case
def change_word(actor, word: WatchedWord, data: WordInput) -> bool:
    """Change a watched word; returns whether anything changed. Raises DuplicateWord or ValueError as
    `add_word`. Audited as "watched_word.changed" with the word before and after."""
    from app.moderation import audit

    if not words.normalise_word(data.word):
        raise ValueError("a watched word needs at least one visible character")
    if duplicate_of(data, other_than=word.id) is not None:
        raise DuplicateWord()
    before = state(word)
    _apply(word, data)
    if state(word) == before:
        db.session.expire(word)
        return False
    _save(word)
    audit.record(actor, "watched_word.changed", obj=word, before=before, after=state(word))
    return True


@use_case
def remove_word(actor, word: WatchedWord) -> None:
    """Stop watching `word`. Audited as "watched_word.removed" with what it was."""
    from app.moderation import audit

    audit.record(actor, "watched_word.removed", obj=word, before=state(word))
    db.session.delete(word)
    db.session.flush()
    words.forget()


def listing(page: int, *, locale: str | None = None, action: WordAction | None = None
            ) -> tuple[list[WatchedWord], int, int]:
    """(words of the page, number of pages, number of words) by language, action and word; two statements
    whatever the number of words. `locale` None is every language, "" the words of all languages."""
    where = []
    if locale is not None:
        where.append(WatchedWord.locale == locale)
    if action is not None:
        where.append(WatchedWord.action == action.value)
    total = db.session.execute(select(func.count()).select_from(WatchedWord).where(*where)).scalar_one()
    rows = db.session.execute(select(WatchedWord).where(*where).order_by(
        WatchedWord.locale, WatchedWord.action, WatchedWord.normalised)
        .limit(PER_PAGE).offset((page - 1) * PER_PAGE)).scalars().all()
    return list(rows), max(1, -(-total // PER_PAGE)), total

