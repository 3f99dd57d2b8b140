"""What solutions tell people: milestones and updates to followers, offers to the owner, decisions to volunteers,
and the closure question ("does it meet the need?") to everyone who supported a linked idea.

Kinds of notification registered with the core, and receivers of the solution signals that publish them.
"""
from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.extensions import db
from app.notifications import kinds
from app.notifications.publishing import followers, publish
from ideas.solutions import signals
from ideas.solutions.models import ContributionState, Milestone, ProgressUpdate, Solution, SolutionStatus
from ideas.solutions.reading import linked_idea_subjects, milestone_html
from voting.models import Vote
from voting.queries import COUNTED


def _data_id(notice) -> int | None:
    value = (notice.notification.data or "").rpartition(":")[2]
    return int(value) if value.isdigit() else None


def _milestone_text(notice) -> str | None:
    found = db.session.get(Milestone, _data_id(notice)) if _data_id(notice) else None
    return str(milestone_html(found)) if found is not None else None


def _update_text(notice) -> str | None:
    found = db.session.get(ProgressUpdate, _data_id(notice)) if _data_id(notice) else None
    return found.body_html if found is not None else None


def _milestone_sentence(n) -> str:
    if (n.notification.data or "").startswith("done:"):
        return _("“%(title)s” reached a milestone.", title=n.title)
    return _("“%(title)s” has a new milestone.", title=n.title)


def _decision_sentence(n) -> str:
    if n.notification.data == ContributionState.ACCEPTED:
        return _("Your offer to help with “%(title)s” was accepted: welcome to the team.", title=n.title)
    return _("Your offer to help with “%(title)s” was declined this time.", title=n.title)


KINDS = (
    kinds.NoticeKind("solution_milestone", _l("Milestones of solutions you follow"), default="daily",
                     sentence=_milestone_sentence, excerpt=_milestone_text),
    kinds.NoticeKind("solution_update", _l("Progress updates of solutions you follow"), default="daily",
                     excerpt=_update_text, sentence=lambda n: _("%(name)s posted an update on “%(title)s”.",
                                                                name=n.actor_name, title=n.title)),
    kinds.NoticeKind("volunteer_offer", _l("Offers to help with the solutions you lead"), default="immediately",
                     sentence=lambda n: _("%(name)s offered to help with “%(title)s”.", name=n.actor_name,
                                          title=n.title)),
    kinds.NoticeKind("volunteer_decision", _l("Answers to your offers to help"), default="immediately",
                     sentence=_decision_sentence),
    kinds.NoticeKind("closure_question", _l("Questions whether a solution meets the need of an idea you support"),
                     default="immediately",
                     sentence=lambda n: _("“%(title)s” is live. Does it meet the need? Tell the city.",
                                          title=n.title)),
)


def supporters_of_linked_ideas(solution: Solution) -> list[int]:
    """Everyone who supports an idea the solution is built from (one query)."""
    return list(db.session.execute(select(Vote.voter_id).distinct()
                                   .where(Vote.subject_id.in_(linked_idea_subjects(solution)), COUNTED)).scalars())


def _milestone(solution, *, milestone, actor, done: bool) -> None:
    state = "done" if done else "added"
    publish([("solution_milestone", followers(solution))], event=f"milestone-{state}:{milestone.id}",
            about=solution, actor=actor, data=f"{state}:{milestone.id}")


def _milestone_added(solution, *, milestone, actor, **_) -> None:
    _milestone(solution, milestone=milestone, actor=actor, done=False)


def _milestone_done(solution, *, milestone, actor, **_) -> None:
    _milestone(solution, milestone=milestone, actor=actor, done=True)


def _update_posted(solution, *, update, **_) -> None:
    publish([("solution_update", followers(solution))], event=f"solution-update:{update.id}", about=solution,
            actor=update.author, data=f"update:{update.id}")


def _volunteered(solution, *, contribution, **_) -> None:
    publish([("volunteer_offer", [solution.owner_id])], event=f"offer:{contribution.id}", about=solution,
            actor=contribution.user)


def _volunteer_decided(solution, *, contribution, actor, **_) -> None:
    publish([("volunteer_decision", [contribution.user_id])], event=f"offer-decided:{contribution.id}",
            about=solution, actor=actor, data=contribution.state.value)


def _status_changed(solution, **_) -> None:
    """Going live asks the supporters of its ideas, once (the event is the solution's going live)."""
    if solution.state == SolutionStatus.LIVE:
        publish([("closure_question", supporters_of_linked_ideas(solution))], event=f"solution-live:{solution.id}",
                about=solution)


def connect() -> None:
    """Register the solution kinds and how a removed solution is told, and subscribe to the solution signals
    (idempotent)."""
    kinds.register_all(KINDS)
    kinds.register_removed("solution", _l("This solution was removed."))
    signals.milestone_added.connect(_milestone_added)
    signals.milestone_done.connect(_milestone_done)
    signals.update_posted.connect(_update_posted)
    signals.volunteered.connect(_volunteered)
    signals.volunteer_decided.connect(_volunteer_decided)
    signals.solution_status_changed.connect(_status_changed)
