"""How moderation (app.moderation) handles ideas and solutions: the hooks of the "idea" and "solution" kinds.

An idea's discussion is hidden and shown with it (as Decidim hides a proposal's comments with it): its thread page
is a 404 for others too, and nobody is told of replies in it meanwhile. A redaction is a moderator's edit of the
texts. "Delete" (what a Decidim user expects of a removed proposal): the idea is withdrawn by the moderator (a
step of its public history, no more supports) and stays hidden for good; a solution, which the city runs, stays
hidden for good. Both are undone only by a reversal on appeal.
"""
from __future__ import annotations

from app import subjects
from app.models import Subject
from app.moderation import hiding
from app.moderation.models import Reason
from forums.embedded import thread_about
from ideas import services
from ideas.models import Idea
from ideas.solutions import services as solution_services
from ideas.solutions.models import Solution


def _keep_hidden(subject: Subject) -> None:
    if not subject.is_hidden:
        hiding.hide(subject, Reason.OTHER)


# --- ideas -------------------------------------------------------------------------------------------------

def idea_content(idea: Idea) -> dict[str, str]:
    return {"title": idea.title, "body": idea.body_md}


def delete_idea(idea: Idea, actor) -> None:
    """Withdrawn by moderation, and hidden for good."""
    services.withdraw_by_moderation(idea, actor)
    _keep_hidden(idea.subject)


def idea_category(idea: Idea) -> str | None:
    return f"ideas:{idea.category.slug}" if idea.category is not None else None


def idea_hidden_with(idea: Idea) -> list[Subject]:
    """The idea's discussion thread."""
    return [idea.discussion.subject] if idea.discussion is not None else []


IDEA_HOOKS = subjects.Moderation(author_id=lambda idea: idea.author_id, content=idea_content,
                                 redact=services.redact_text, delete=delete_idea, category=idea_category,
                                 hidden_with=idea_hidden_with)


# --- solutions ---------------------------------------------------------------------------------------------

def solution_content(solution: Solution) -> dict[str, str]:
    return {"title": solution.title, "summary": solution.summary, "body": solution.description_md}


def delete_solution(solution: Solution, actor) -> None:
    """Hidden for good."""
    _keep_hidden(solution.subject)


def solution_category(solution: Solution) -> str | None:
    return f"ideas:{solution.category.slug}" if solution.category is not None else None


def solution_hidden_with(solution: Solution) -> list[Subject]:
    """The solution's discussion thread."""
    thread = thread_about(solution.subject_id)
    return [thread.subject] if thread is not None else []


SOLUTION_HOOKS = subjects.Moderation(author_id=lambda solution: solution.owner_id, content=solution_content,
                                     redact=solution_services.redact_text, delete=delete_solution,
                                     category=solution_category, hidden_with=solution_hidden_with)
