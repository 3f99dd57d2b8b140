"""Idea services: propose, edit, publish, withdraw, support, and move ideas along their public lifecycle.

Each is a use case (app.unit_of_work): it takes the acting user and plain data, checks ideas.policy, writes,
and commits once when it is the outermost one; its signals go out after that commit.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import update

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.moderation import audit
from app.moderation.signals import hidden_content_edited
from app.permissions import NotAllowed as BaseNotAllowed
from app.slugs import slugify
from app.text import PIPELINE_VERSION, render_markdown
from app.trust import gate
from app.unit_of_work import send_after_commit, use_case
from app.users.models import User
from forums import services as forum_services
from ideas import lifecycle, merging, policy, signals
from ideas.models import TITLE_MAX, Idea, IdeaCategory, IdeaStatusChange, Status
from voting import services as voting
from voting.services import Tally
from voting.traces import Trace

BODY_HEADING_LEVEL = 3  # the description sits under the page's h2 "Description"


class NotAllowed(BaseNotAllowed):
    """Raised when ideas.policy refuses an action."""


class InvalidMove(ValueError):
    """Raised for a status change the lifecycle does not allow (or a duplicate without its original)."""


@dataclass(frozen=True)
class IdeaInput:
    """What an author types: title, Markdown description, category and the language it is written in."""

    title: str
    body_md: str
    category: IdeaCategory
    language: str


def cook(source: str) -> str:
    """Sanitised HTML of a description or explanation, through the one text pipeline."""
    return str(render_markdown(source, heading_level=BODY_HEADING_LEVEL))


@use_case
def create_idea(author: User, data: IdeaInput, *, publish: bool) -> Idea:
    """Save a new idea as a draft, or publish it at once.

    Passes the trust gate (app.trust.gate): a held idea waits for review. Raises NotAllowed, or gate.Refused
    (past a write limit; nothing is written). Sends idea_published after the commit when published.
    """
    if not policy.can_create(author):
        raise NotAllowed
    # A draft is screened as a text (caps, words); the limits and pre-moderation apply when it is published.
    verdict = gate.screen(author, "idea" if publish else "edit", {"title": data.title, "body": data.body_md},
                          category=data.category, locale=data.language, edit_of=None if publish else "idea")
    data = replace(data, title=verdict.texts["title"], body_md=verdict.texts["body"])
    idea = Idea(author=author, subject=subjects.new_subject("idea"), status=Status.DRAFT.value)
    _apply(idea, data)
    db.session.add(idea)
    db.session.flush()
    if publish:
        _publish(idea, author)
    gate.settle(verdict, idea.subject)
    return idea


@use_case
def update_idea(editor: User, idea: Idea, data: IdeaInput, *, publish: bool = False) -> Idea:
    """Change an idea's text, category and language (and publish a draft when asked).

    Passes the trust gate as an edit. Raises NotAllowed or gate.Refused (app.trust; nothing changes). Sends
    idea_published after the commit when a draft was published, and app.moderation's hidden_content_edited when
    the author edits their idea while moderation hides it (it goes back to review).
    """
    if not policy.can_edit(editor, idea) or (publish and not policy.can_publish(editor, idea)):
        raise NotAllowed
    publishing = publish and idea.is_draft
    verdict = gate.screen(editor, "idea" if publishing else "edit", {"title": data.title, "body": data.body_md},
                          category=data.category, edit_of=None if publishing else "idea", locale=data.language)
    data = replace(data, title=verdict.texts["title"], body_md=verdict.texts["body"])
    before = {"title": idea.title, "body": idea.body_md}
    if idea.subject.is_hidden and idea.author_id == editor.id:
        send_after_commit(hidden_content_edited, idea.subject, editor=editor)
    if not idea.is_draft and data.category.id != idea.category_id:  # a published idea counts where it stands
        _count_ideas(idea.category_id, -1)
        _count_ideas(data.category.id, 1)
    _apply(idea, data)
    if idea.discussion is not None:
        idea.discussion.title, idea.discussion.slug = idea.title, slugify(idea.title)
    if publish:
        _publish(idea, editor)
    if editor.id != idea.author_id:  # a moderator's edit of someone else's idea
        audit.record(editor, "idea.edit", obj=idea, before=before, after={"title": idea.title, "body": idea.body_md})
    gate.settle(verdict, idea.subject)
    return idea


@use_case
def publish_idea(author: User, idea: Idea) -> Idea:
    """Publish a draft: it becomes "new", gets its discussion, and shows up in the list (or waits for review,
    app.trust: publishing passes the gate as a new idea).

    Raises NotAllowed, or gate.Refused (past a write limit; nothing changes). Sends idea_published after the
    commit.
    """
    if not policy.can_publish(author, idea):
        raise NotAllowed
    verdict = gate.screen(author, "idea", {"title": idea.title, "body": idea.body_md}, category=idea.category,
                          locale=idea.language)
    if (verdict.texts["title"], verdict.texts["body"]) != (idea.title, idea.body_md):
        _apply(idea, IdeaInput(verdict.texts["title"], verdict.texts["body"], idea.category, idea.language))
    _publish(idea, author)
    gate.settle(verdict, idea.subject)
    return idea


@use_case
def withdraw_idea(author: User, idea: Idea, explanation_md: str = "") -> IdeaStatusChange:
    """The author takes the idea back; it stays visible, labelled "withdrawn".

    Raises NotAllowed. Sends idea_status_changed after the commit.
    """
    if not policy.can_withdraw(author, idea):
        raise NotAllowed
    change = _record_change(idea, author, Status.WITHDRAWN, explanation_md, is_answer=False)
    send_after_commit(signals.idea_status_changed, idea, change=change)
    return change


@use_case
def change_status(actor: User, idea: Idea, to: Status, explanation_md: str, *, official: bool = False,
                  duplicate_of: Idea | None = None, reference: Any = None) -> IdeaStatusChange:
    """Move an idea along its lifecycle with a public explanation; decisions (and marked steps) answer it.

    `reference` is a registered object the step points to (the solution the idea went into): the history links it.
    Marking a duplicate merges it into `duplicate_of` (ideas.merging, in this transaction): its supports move
    there (nobody counted twice), its followers and supporters follow the original, and the original's answer
    clock starts if the moved supports meet its threshold.

    The first official answer stops the answer clock (answered_at); later ones replace the shown answer.
    Raises NotAllowed, or InvalidMove for a move the lifecycle forbids, an empty explanation, or a duplicate
    without an original that can take it in (published, not itself a duplicate or withdrawn). Sends
    idea_merged (a merge) before idea_status_changed after the commit, idea_answered for an answer, and
    threshold_reached when a merge met the original's threshold.
    """
    if not policy.can_change_status(actor, idea):
        raise NotAllowed
    if to == Status.DUPLICATE:
        if not merging.may_be_original(idea, duplicate_of):
            raise InvalidMove(to)
        merging.lock(idea, duplicate_of)  # the state checked next is the locked one
        if not merging.may_be_original(idea, duplicate_of):
            raise InvalidMove(to)
    if not lifecycle.may_move(idea.state, to) or not explanation_md.strip():
        raise InvalidMove(to)
    is_answer = lifecycle.is_official_answer(to, official)
    idea.duplicate_of = duplicate_of if to == Status.DUPLICATE else None
    change = _record_change(idea, actor, to, explanation_md, is_answer=is_answer, reference=reference)
    if is_answer:
        idea.answer = change
        if idea.answered_at is None:
            idea.answered_at = change.created_at
    if to == Status.DUPLICATE:
        _merge(actor, idea, duplicate_of, change)
    send_after_commit(signals.idea_status_changed, idea, change=change)
    if is_answer:
        send_after_commit(signals.idea_answered, idea, change=change, on_time=idea.answered_on_time)
    return change


def _merge(actor: User, idea: Idea, original: Idea, change: IdeaStatusChange) -> None:
    """The merge step of marking `idea` a duplicate of `original`: supports, follows, the audit log, the clock."""
    before = {"support_count": idea.support_count, "original_support_count": original.support_count}
    merged = merging.merge(idea, original)
    audit.record(actor, "idea.merge", obj=idea, reason=change.explanation_md,
                 before=before, after={"original": original.id, "moved": merged.moved,
                                       "support_count": idea.support_count,
                                       "original_support_count": original.support_count})
    send_after_commit(signals.idea_merged, idea, original=original, change=change,
                      supporter_ids=list(merged.supporter_ids), follower_ids=list(merged.follower_ids))
    due = _start_clock(original, Tally(merged.moved > 0, merged.count))
    if due is not None:
        send_after_commit(signals.threshold_reached, original, due=due)


def _lock_for_votes(idea: Idea) -> None:
    """Read the idea's status under a `FOR KEY SHARE` lock before a vote is written: supports do not wait for
    each other, but a merge (`FOR UPDATE`, ideas.merging) waits for them, and they for it, so a support that
    comes after a merge finds the idea final (PostgreSQL; SQLite serialises writers anyway)."""
    db.session.refresh(idea, ["status"], with_for_update={"key_share": True})


@use_case
def support(supporter: User, idea: Idea, trace: Trace | None = None) -> Tally:
    """Support an idea once (a repeat changes nothing); starts the answer clock when it meets the threshold.

    `trace` (the hashed network and browser of the request, voting.traces) is kept with the vote for support
    integrity. A support staff set aside stays set aside: supporting again changes nothing.

    Raises NotAllowed (voting's, for drafts, final states, own ideas where the category forbids it; and for an
    idea moderation hides). Sends idea_supported after the commit, and threshold_reached the one time the
    threshold is met.
    """
    if not policy.can_view(supporter, idea) or policy.is_hidden(idea):
        raise NotAllowed
    _lock_for_votes(idea)
    try:
        tally = voting.cast(supporter, idea, Idea.support_count, trace)
    except voting.NotAllowed as refused:
        raise NotAllowed from refused
    if tally.changed:
        send_after_commit(signals.idea_supported, idea, supporter=supporter, count=tally.count)
    due = _start_clock(idea, tally)
    if due is not None:
        send_after_commit(signals.threshold_reached, idea, due=due)
    return tally


@use_case
def withdraw_support(supporter: User, idea: Idea) -> Tally:
    """Take one's support back while the idea is open. A started answer clock keeps running.

    Raises NotAllowed. Sends idea_support_withdrawn after the commit when a support was removed.
    """
    if not policy.can_view(supporter, idea):
        raise NotAllowed
    _lock_for_votes(idea)
    try:
        tally = voting.withdraw(supporter, idea, Idea.support_count)
    except voting.NotAllowed as refused:
        raise NotAllowed from refused
    if tally.changed:
        send_after_commit(signals.idea_support_withdrawn, idea, supporter=supporter, count=tally.count)
    return tally


@use_case
def set_aside_supports(actor: User, idea: Idea, vote_ids: list[int], reason: str) -> voting.SetAside:
    """Staff set aside supports of `idea` that look arranged (support integrity): they stay, marked with when,
    why and by whom, and count no more; `support_count` drops by exactly their number. An answer clock the
    idea no longer deserves (fewer counted supports than the threshold, no answer yet) stops.

    Raises NotAllowed (not staff) or ValueError (no reason). Writes one audit entry listing the votes ("idea.
    supports_set_aside"). Sends supports_set_aside after the commit, so each supporter is told.
    """
    if not policy.can_review_supports(actor):
        raise NotAllowed
    result = voting.set_aside(actor, idea, vote_ids, reason, Idea.support_count)
    if not result.votes:
        return result
    if (idea.threshold_reached_at is not None and idea.answered_at is None
            and result.count < idea.category.support_threshold):
        db.session.execute(update(Idea).where(Idea.id == idea.id).values(threshold_reached_at=None,
                                                                          answer_due_at=None))
    db.session.refresh(idea)
    entry = audit.record(actor, "idea.supports_set_aside", obj=idea, reason=reason.strip(),
                         before={"support_count": result.count + len(result.votes)},
                         after={"support_count": result.count,
                                "votes": [{"vote": vote_id, "voter": voter_id} for vote_id, voter_id in result.votes]})
    send_after_commit(signals.supports_set_aside, idea, actor=actor, reason=reason.strip(), entry_id=entry.id,
                      voter_ids=[voter_id for _, voter_id in result.votes])
    return result


def redact_text(idea: Idea, actor: User, fields: dict[str, str]) -> None:
    """A moderator's edit (app.moderation): replace the title ("title") and/or the description ("body") as an
    edit does, whatever the idea's state. A step: flushes, the moderation use case commits. Signals nothing."""
    if "title" in fields and fields["title"].strip():
        idea.title = fields["title"].strip()[:TITLE_MAX]
        if idea.discussion is not None:
            idea.discussion.title, idea.discussion.slug = idea.title, slugify(idea.title)
    if "body" in fields:
        idea.body_md = forum_services.clean_body(fields["body"])
        idea.body_html = cook(idea.body_md)
        idea.cooked_version = PIPELINE_VERSION
    idea.updated_at = utcnow()
    db.session.flush()


def withdraw_by_moderation(idea: Idea, actor: User) -> None:
    """Moderation deletes an idea: it is withdrawn (a step of its history by the moderator, no more supports)
    unless it is final already. It stays hidden for good; the moderation use case hides it. A step: flushes."""
    if not idea.state.is_final and not idea.is_draft:
        _record_change(idea, actor, Status.WITHDRAWN, "", is_answer=False)
    db.session.flush()


def _start_clock(idea: Idea, tally: Tally):
    """Record the moment and the due date if this support met the threshold; the due date for the one writer."""
    threshold = idea.category.support_threshold
    if not tally.changed or tally.count < threshold:
        return None
    now = utcnow()
    due = idea.due_date_for(now)
    result = db.session.execute(
        update(Idea).where(Idea.id == idea.id, Idea.threshold_reached_at.is_(None))
        .values(threshold_reached_at=now, answer_due_at=due).execution_options(synchronize_session=False))
    return due if result.rowcount == 1 else None


def _apply(idea: Idea, data: IdeaInput) -> None:
    idea.title = data.title.strip()
    idea.body_md = forum_services.clean_body(data.body_md)
    idea.body_html = cook(idea.body_md)
    idea.cooked_version = PIPELINE_VERSION
    idea.category = data.category
    idea.language = data.language
    idea.updated_at = utcnow()


def _publish(idea: Idea, author: User) -> None:
    now = utcnow()
    idea.published_at = now
    _record_change(idea, author, Status.NEW, "", is_answer=False, at=now)
    _count_ideas(idea.category_id, 1)
    forum_services.open_thread(idea.subject, title=idea.title, author=author, language=idea.language)
    send_after_commit(signals.idea_published, idea)


def _count_ideas(category_id: int, step: int) -> None:
    db.session.execute(update(IdeaCategory).where(IdeaCategory.id == category_id)
                       .values(idea_count=IdeaCategory.idea_count + step))


def _record_change(idea: Idea, actor: User, to: Status, explanation_md: str, *, is_answer: bool,
                   at=None, reference: Any = None) -> IdeaStatusChange:
    source = forum_services.clean_body(explanation_md)
    change = IdeaStatusChange(idea_id=idea.id, actor=actor, from_status=idea.status, to_status=to.value,
                              explanation_md=source, explanation_html=cook(source) if source else "",
                              is_answer=is_answer, created_at=at or utcnow(),
                              reference_subject_id=reference.subject_id if reference is not None else None)
    db.session.add(change)
    idea.status = to.value
    idea.status_changed_at = change.created_at
    db.session.flush()
    return change

