"""What search finds of solutions ("solution"): title, summary and description, and in the body the titles and
descriptions of its milestones and its progress updates.

Solutions are public from the start (no drafts); one moderation hid is a hidden document its owner still finds
(`policy.can_view`). A solution files under its idea category ("idea:<slug>") or none; it has no idea status (the
status filter is the ideas'), and its owner is its author. The replies of its discussion file under its category.
"""
from __future__ import annotations

from flask_babel import format_date, gettext, lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.i18n import current_language, percent
from app.search import sources
from app.search.documents import Document, Key
from app.search.sources import Shown, Source, Watch
from app.search.text import plain, plain_text
from app.urls import path_for
from forums import search as forum_search
from ideas import search as idea_search
from ideas.models import IdeaCategory
from ideas.solutions import policy
from ideas.solutions.models import Milestone, ProgressUpdate, Solution

KIND = "solution"
SOLUTION_TEXTS = frozenset({"title", "summary", "description_html", "language", "category_id", "owner_id",
                            "created_at"})


def _solutions(ids: list[int], *options) -> list[Solution]:
    if not ids:
        return []
    query = select(Solution).options(joinedload(Solution.subject), joinedload(Solution.category), *options)
    return list(db.session.execute(query.where(Solution.id.in_(ids))).scalars())


def _is_hidden(solution: Solution) -> bool:
    return solution.subject is not None and solution.subject.is_hidden


def load(ids: list[int]) -> dict[int, Document]:
    """Solutions with their milestones and updates (three queries)."""
    solutions = _solutions(ids)
    found = [solution.id for solution in solutions]
    work: dict[int, list[str]] = {solution_id: [] for solution_id in found}
    if found:
        for milestone in db.session.execute(select(Milestone).where(Milestone.solution_id.in_(found))
                                            .order_by(Milestone.planned_on, Milestone.id)).scalars():
            work[milestone.solution_id] += [plain(milestone.title), plain_text(milestone.description_html)]
        for update in db.session.execute(select(ProgressUpdate).where(ProgressUpdate.solution_id.in_(found))
                                         .order_by(ProgressUpdate.created_at, ProgressUpdate.id)).scalars():
            work[update.solution_id].append(plain_text(update.body_html))
    documents = {}
    for solution in solutions:
        hidden = _is_hidden(solution)
        body = " ".join(text for text in (plain(solution.summary), plain_text(solution.description_html),
                                          *work[solution.id]) if text)
        documents[solution.id] = Document(
            kind=KIND, id=solution.id, title=plain(solution.title), body=body, language=solution.language,
            created_at=solution.created_at, author_id=solution.owner_id, hidden=hidden,
            category=f"idea:{solution.category.slug}" if solution.category is not None else None,
            visible_to=frozenset({solution.owner_id}) if hidden and solution.owner_id is not None else frozenset())
    return documents


def all_ids():
    return select(Solution.id).order_by(Solution.id)


def show(ids: list[int], viewer) -> dict[int, Shown]:
    """Title, link, status, progress, category and date of the solutions `viewer` may see (one query)."""
    code = current_language().code
    shown = {}
    for solution in _solutions(ids):
        if not policy.can_view(viewer, solution):
            continue
        facts = [solution.state.label, gettext("%(percent)s done", percent=percent(solution.progress))]
        if solution.category is not None:
            facts.append(solution.category.name(code))
        facts.append(format_date(solution.created_at, "medium"))
        shown[solution.id] = Shown(title=solution.title, url=path_for("ideas.solutions.show", solution_id=solution.id),
                                   facts=tuple(facts), hidden=_is_hidden(solution))
    return shown


def discussion_categories(subject_ids: list[int]) -> dict[int, str]:
    """solution Subject id -> "idea:<slug>", for the replies of solutions' discussions (one query)."""
    return idea_search.categories_of(Solution, subject_ids)


def _discussion(solution: Solution) -> list[Key]:
    """A solution in another category: its discussion's replies file under the new one (one query)."""
    return forum_search.discussion_threads([solution.subject_id])


def _category_members(category: IdeaCategory) -> list[Key]:
    return idea_search.members_of(Solution, KIND, category)


def register() -> None:
    """Register the "solution" source and how solutions' discussions file."""
    sources.register(Source(
        kind=KIND, label=_l("Solutions"), load=load, all_ids=all_ids, subject_kind=KIND, show=show,
        watches=(Watch(Solution, lambda solution: [(KIND, solution.id)], SOLUTION_TEXTS),
                 Watch(Solution, _discussion, frozenset({"category_id"})),
                 Watch(Milestone, lambda milestone: [(KIND, milestone.solution_id)],
                       frozenset({"title", "description_html", "solution_id"})),
                 Watch(ProgressUpdate, lambda update: [(KIND, update.solution_id)],
                       frozenset({"body_html", "solution_id"})),
                 Watch(IdeaCategory, _category_members, frozenset({"slug"})))))
    forum_search.add_discussion_category(KIND, discussion_categories)
