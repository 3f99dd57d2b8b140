"""Solution services: create and edit, link ideas, milestones, progress updates, the team, closure ratings.

Each is a use case (app.unit_of_work): it takes the acting user and plain data, checks ideas.solutions.policy,
writes, and commits once when it is the outermost one (a solution started with three ideas, or going live with
them, is one transaction); its signals, and those of the idea services it calls, go out after that commit.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select, update

from app import subjects
from app.extensions import db
from app.models import utcnow
from app.moderation.signals import hidden_content_edited
from app.permissions import NotAllowed as BaseNotAllowed
from app.trust import gate
from app.unit_of_work import send_after_commit, use_case
from app.users.models import User
from forums import services as forum_services
from ideas import services as idea_services
from ideas.models import Idea, IdeaCategory, Status
from ideas.services import cook
from ideas.solutions import policy, signals
from ideas.solutions.models import (Contribution, ContributionState, Milestone, ProgressUpdate, Rating, Role,
                                    Solution, SolutionIdea, SolutionStatus)
from ideas.solutions.reading import contribution_of, linked_ideas, rating_of, supports_a_linked_idea


class NotAllowed(BaseNotAllowed):
    """Raised when ideas.solutions.policy refuses an action."""


class InvalidInput(ValueError):
    """Raised for data a form should have refused (an empty explanation, a score outside 1–5, …)."""


@dataclass(frozen=True)
class SolutionInput:
    """What staff type: title, summary, Markdown description, its language, category, progress by hand."""

    title: str
    summary: str
    description_md: str
    language: str
    category: IdeaCategory | None = None
    progress_manual: int | None = None


@use_case
def create_solution(actor: User, data: SolutionInput, *, owner: User | None = None,
                    ideas: tuple[Idea, ...] = (), explanation_md: str = "") -> Solution:
    """Start a solution owned by `owner` (default: the actor), with its discussion thread, linking `ideas`.

    Passes the trust gate (app.trust.gate). Raises NotAllowed, or gate.Refused (past a write limit; nothing is
    written). Sends after the commit: solution_created (and idea_linked for each idea).
    """
    if not policy.can_create(actor):
        raise NotAllowed
    data = _screened(actor, "solution", data)
    solution = Solution(owner=owner or actor, subject=subjects.new_subject("solution"), created_at=utcnow())
    _apply(solution, data.input)
    db.session.add(solution)
    db.session.flush()
    gate.settle(data.verdict, solution.subject)
    forum_services.open_thread(solution.subject, title=solution.title, author=actor,
                                 language=solution.language)
    send_after_commit(signals.solution_created, solution, actor=actor)
    for idea in ideas:
        link_idea(actor, solution, idea, explanation_md)
    return solution


@use_case
def update_solution(actor: User, solution: Solution, data: SolutionInput) -> Solution:
    """Change a solution's texts, category and progress by hand; passes the trust gate as an edit. Raises
    NotAllowed or gate.Refused (app.trust; nothing changes). Sends app.moderation's hidden_content_edited after
    the commit when its owner edits it while moderation hides it."""
    if not policy.can_edit(actor, solution):
        raise NotAllowed
    screened = _screened(actor, "edit", data)
    _apply(solution, screened.input)
    gate.settle(screened.verdict, solution.subject)
    if solution.subject.is_hidden and solution.owner_id == actor.id:
        send_after_commit(hidden_content_edited, solution.subject, editor=actor)
    return solution


def redact_text(solution: Solution, actor: User, fields: dict[str, str]) -> None:
    """A moderator's edit (app.moderation): replace the title, summary and/or description ("title", "summary",
    "body") as an edit does. A step: flushes, the moderation use case commits. Signals nothing."""
    if fields.get("title", "").strip():
        solution.title = fields["title"].strip()
    if "summary" in fields:
        solution.summary = fields["summary"].strip()
    if "body" in fields:
        solution.description_md = forum_services.clean_body(fields["body"])
        solution.description_html = cook(solution.description_md)
    solution.updated_at = utcnow()
    db.session.flush()


@dataclass(frozen=True)
class _Screened:
    input: SolutionInput
    verdict: gate.Verdict


def _screened(actor: User, kind: str, data: SolutionInput) -> _Screened:
    """`data` as the trust gate let it through (its texts maybe changed). Raises gate.Refused."""
    verdict = gate.screen(actor, kind, {"title": data.title, "summary": data.summary,
                                        "description": data.description_md},
                          category=data.category, edit_of="solution" if kind == "edit" else None,
                          locale=data.language)
    texts = verdict.texts
    return _Screened(replace(data, title=texts["title"], summary=texts["summary"],
                             description_md=texts["description"]), verdict)


def _apply(solution: Solution, data: SolutionInput) -> None:
    if data.progress_manual is not None and not 0 <= data.progress_manual <= 100:
        raise InvalidInput("progress")
    solution.title, solution.summary = data.title.strip(), data.summary.strip()
    solution.description_md = forum_services.clean_body(data.description_md)
    solution.description_html = cook(solution.description_md)
    solution.language, solution.category = data.language, data.category
    solution.progress_manual = data.progress_manual
    solution.updated_at = utcnow()


def _explained(explanation_md: str) -> str:
    text = forum_services.clean_body(explanation_md)
    if not text:
        raise InvalidInput("explanation")
    return text


@use_case
def link_idea(actor: User, solution: Solution, idea: Idea, explanation_md: str) -> bool:
    """Let `idea` feed `solution`; an accepted idea moves to "in development" with the public explanation.

    Returns False if they were linked already. Raises NotAllowed, or InvalidInput for a draft idea or an empty
    explanation. Sends after the commit: idea_linked (and the idea's own status signals).
    """
    if not policy.can_link_idea(actor, solution):
        raise NotAllowed
    if idea.is_draft:
        raise InvalidInput("idea")
    explanation = _explained(explanation_md)
    exists = db.session.execute(select(SolutionIdea.id).where(
        SolutionIdea.solution_id == solution.id, SolutionIdea.idea_id == idea.id)).first()
    if exists:
        return False
    db.session.add(SolutionIdea(solution_id=solution.id, idea_id=idea.id, linked_by_id=actor.id))
    solution.updated_at = utcnow()
    if idea.state == Status.ACCEPTED:
        idea_services.change_status(actor, idea, Status.IN_DEVELOPMENT, explanation, reference=solution)
    send_after_commit(signals.idea_linked, solution, idea=idea, actor=actor)
    return True


@use_case
def change_status(actor: User, solution: Solution, to: SolutionStatus, explanation_md: str = "") -> None:
    """Move a solution to `to`; going live moves its ideas in development to "implemented" with the explanation.

    Raises NotAllowed, or InvalidInput when going live without an explanation. Sends after the commit:
    solution_status_changed (and the ideas' status signals).
    """
    if not policy.can_change_status(actor, solution):
        raise NotAllowed
    before = solution.state
    if to == before:
        return
    explanation = _explained(explanation_md) if to == SolutionStatus.LIVE else ""
    solution.status, solution.updated_at = to.value, utcnow()
    if to == SolutionStatus.LIVE and solution.went_live_at is None:
        solution.went_live_at = solution.updated_at
    if to == SolutionStatus.LIVE:
        for idea in linked_ideas(solution):
            if idea.state == Status.IN_DEVELOPMENT:
                idea_services.change_status(actor, idea, Status.IMPLEMENTED, explanation, reference=solution)
    send_after_commit(signals.solution_status_changed, solution, actor=actor, from_status=before)


@use_case
def add_milestone(actor: User, solution: Solution, *, title: str, planned_on: date,
                  description_md: str = "") -> Milestone:
    """Add a step to the timeline; moves the milestone counter.

    Raises NotAllowed. Sends after the commit: milestone_added.
    """
    if not policy.can_add_milestone(actor, solution):
        raise NotAllowed
    source = forum_services.clean_body(description_md)
    milestone = Milestone(solution_id=solution.id, title=title.strip(), planned_on=planned_on, description_md=source,
                          description_html=cook(source) if source else "")
    db.session.add(milestone)
    _move(solution, milestone_count=Solution.milestone_count + 1)
    send_after_commit(signals.milestone_added, solution, milestone=milestone, actor=actor)
    return milestone


@use_case
def set_milestone_done(actor: User, milestone: Milestone, done: bool, *, on: date | None = None) -> bool:
    """Tick a milestone off (today, or `on`) or open it again; False if it already was so.

    Raises NotAllowed. Sends after the commit: milestone_done when it is ticked off.
    """
    solution = db.session.get(Solution, milestone.solution_id)
    if not policy.can_tick_milestone(actor, solution, contribution_of(actor, solution)):
        raise NotAllowed
    if (milestone.done_on is not None) == done:
        return False
    milestone.done_on, milestone.done_by_id = (on or utcnow().date(), actor.id) if done else (None, None)
    _move(solution, milestones_done=Solution.milestones_done + (1 if done else -1))
    if done:
        send_after_commit(signals.milestone_done, solution, milestone=milestone, actor=actor)
    return True


@use_case
def post_update(actor: User, solution: Solution, body_md: str) -> ProgressUpdate:
    """A short Markdown post by the team; passes the trust gate (app.trust.gate; an update has no Subject of its
    own, so it is never held). Raises NotAllowed, InvalidInput (empty) or gate.Refused (nothing is written).

    Sends after the commit: update_posted.
    """
    if not policy.can_post_update(actor, solution, contribution_of(actor, solution)):
        raise NotAllowed
    verdict = gate.screen(actor, "update", {"body": body_md}, category=solution.category)
    source = forum_services.clean_body(verdict.texts["body"])
    if not source:
        raise InvalidInput("body")
    posted = ProgressUpdate(solution_id=solution.id, author=actor, body_md=source, body_html=cook(source),
                            created_at=utcnow())
    db.session.add(posted)
    _move(solution)
    gate.settle(verdict, None)
    send_after_commit(signals.update_posted, solution, update=posted)
    return posted


@use_case
def volunteer(user: User, solution: Solution, *, role: Role, note: str = "", public: bool = False) -> Contribution:
    """Offer help with a role and a short note; the owner decides.

    Raises NotAllowed. Sends after the commit: volunteered.
    """
    if not policy.can_volunteer(user, solution, contribution_of(user, solution)):
        raise NotAllowed
    offer = Contribution(solution_id=solution.id, user_id=user.id, role=role.value, note=note.strip()[:500],
                         public=public, state=ContributionState.PENDING, created_at=utcnow())
    db.session.add(offer)
    send_after_commit(signals.volunteered, solution, contribution=offer)
    return offer


@use_case
def decide_volunteer(actor: User, contribution: Contribution, accept: bool) -> None:
    """Accept or decline a pending offer. Raises NotAllowed, or InvalidInput if it was decided already.

    Sends after the commit: volunteer_decided (the volunteer is notified).
    """
    solution = db.session.get(Solution, contribution.solution_id)
    if not policy.can_decide_volunteer(actor, solution):
        raise NotAllowed
    if contribution.state != ContributionState.PENDING:
        raise InvalidInput("decided")
    contribution.state = ContributionState.ACCEPTED if accept else ContributionState.DECLINED
    contribution.decided_by_id, contribution.decided_at = actor.id, utcnow()
    send_after_commit(signals.volunteer_decided, solution, contribution=contribution, actor=actor)


@use_case
def rate(user: User, solution: Solution, score: int, comment_md: str = "") -> Rating:
    """Answer "does it meet the need?" (1–5, optional comment); a second answer replaces the first.

    Moves the solution's rating counters in the same transaction. Raises NotAllowed or InvalidInput (score).
    Sends after the commit: solution_rated.
    """
    if not policy.can_rate(user, solution, supported=supports_a_linked_idea(user, solution)):
        raise NotAllowed
    if not 1 <= score <= 5:
        raise InvalidInput("score")
    source = forum_services.clean_body(comment_md)
    rating = rating_of(user, solution)
    changed = rating is not None
    if rating is None:
        rating = Rating(solution_id=solution.id, user_id=user.id, score=score, created_at=utcnow())
        db.session.add(rating)
        _move(solution, rating_count=Solution.rating_count + 1, rating_sum=Solution.rating_sum + score, touch=False)
    else:
        _move(solution, rating_sum=Solution.rating_sum + (score - rating.score), touch=False)
        rating.score = score
    rating.comment_md, rating.comment_html = source, cook(source) if source else ""
    rating.updated_at = utcnow()
    send_after_commit(signals.solution_rated, solution, rating=rating, changed=changed)
    return rating


def _move(solution: Solution, *, touch: bool = True, **values) -> None:
    """Counters by SQL expressions (safe under concurrent writers), and the last update time."""
    if touch:
        values["updated_at"] = utcnow()
    db.session.execute(update(Solution).where(Solution.id == solution.id).values(**values)
                       .execution_options(synchronize_session=False))
    db.session.expire(solution)
