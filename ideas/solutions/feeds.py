"""Feeds of a solution: Atom of its milestones and progress updates, iCalendar of its milestone dates.

Solutions are built in the open, so every solution has both. Content is the stored HTML of the one text
pipeline (Atom) or the plain text of it (iCalendar), never the Markdown source.
"""
from __future__ import annotations

from datetime import datetime, time, timezone

from flask import abort, request, url_for
from flask_babel import gettext as _
from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.atom import AtomEntry, atom_feed, atom_response, newest, tag_uri
from app.extensions import db
from app.i18n import current_language, isolate
from app.icalendar import CalendarEvent, calendar_response, icalendar
from app.page_cache import cache_for_anonymous
from app.text import plain_text
from ideas.feeds import author_name
from ideas.solutions import bp, policy
from ideas.solutions.reading import milestone_html
from ideas.solutions.models import Milestone, ProgressUpdate, Solution

FEED_SIZE = 50
UID_DOMAIN = "werkstadt"


def _solution_or_404(solution_id: int) -> Solution:
    solution = db.session.execute(select(Solution).where(Solution.id == solution_id)
                                  .options(joinedload(Solution.subject))).scalar_one_or_none()
    if solution is None or not policy.can_view(None, solution):  # feed readers and calendar apps are anonymous
        abort(404)
    return solution


def solution_url(solution_id: int) -> str:
    """The solution page, absolute."""
    return url_for("ideas.solutions.show", solution_id=solution_id, _external=True)


def done_at(milestone: Milestone) -> datetime:
    """When a milestone counts as done: the start (UTC) of the day it was done on, never before it was added.

    Milestones keep the day only, not the moment.
    """
    assert milestone.done_on is not None
    return max(datetime.combine(milestone.done_on, time.min, tzinfo=timezone.utc), milestone.created_at)


# --- Atom ----------------------------------------------------------------------------------------------------

@bp.get("/solutions/<int:solution_id>/feed.atom")
@cache_for_anonymous
def feed(solution_id: int):
    """Milestones added and done and progress updates, newest first, at most 50 (three queries)."""
    solution = _solution_or_404(solution_id)
    newest_added = (select(Milestone.id).where(Milestone.solution_id == solution.id)
                    .order_by(Milestone.created_at.desc(), Milestone.id.desc()).limit(FEED_SIZE))
    newest_done = (select(Milestone.id).where(Milestone.solution_id == solution.id, Milestone.done_on.is_not(None))
                   .order_by(Milestone.done_on.desc(), Milestone.id.desc()).limit(FEED_SIZE))
    milestones = db.session.execute(
        select(Milestone).where(or_(Milestone.id.in_(newest_added), Milestone.id.in_(newest_done)))
    ).scalars().all()  # every milestone that may give one of the 50 newest entries, in one statement
    updates = db.session.execute(
        select(ProgressUpdate).where(ProgressUpdate.solution_id == solution.id)
        .options(joinedload(ProgressUpdate.author))
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()).limit(FEED_SIZE)
    ).scalars().all()
    link = solution_url(solution.id)
    ranked: list[tuple[datetime, int, int, AtomEntry]] = []  # (when, kind, id): ties read done > update > added
    for milestone in milestones:
        ranked.append((milestone.created_at, 0, milestone.id, _milestone_added(solution, milestone, link)))
        if milestone.done_on is not None:
            ranked.append((done_at(milestone), 2, milestone.id, _milestone_done(solution, milestone, link)))
    for update in updates:
        ranked.append((update.created_at, 1, update.id, _update_entry(solution, update, link)))
    ranked.sort(key=lambda item: item[:3], reverse=True)
    entries = [item[3] for item in ranked[:FEED_SIZE]]
    body = atom_feed(
        feed_id=tag_uri(f"solution-{solution.id}/progress"),
        title=_("WerkSTADT: progress of “%(title)s”", title=isolate(solution.title)),
        updated=newest(entries, solution.updated_at),
        self_url=url_for("ideas.solutions.feed", solution_id=solution.id, _external=True),
        alternate_url=link, entries=entries, lang=current_language().code, base_url=request.url_root)
    return atom_response(body)


def _milestone_added(solution: Solution, milestone: Milestone, link: str) -> AtomEntry:
    return AtomEntry(
        id=tag_uri(f"solution-{solution.id}/milestone-{milestone.id}/added"),
        title=_("New milestone: %(title)s", title=isolate(milestone.title)),
        updated=milestone.created_at, published=milestone.created_at, link=link,
        content_html=str(milestone_html(milestone)))


def _milestone_done(solution: Solution, milestone: Milestone, link: str) -> AtomEntry:
    when = done_at(milestone)
    return AtomEntry(
        id=tag_uri(f"solution-{solution.id}/milestone-{milestone.id}/done"),
        title=_("Milestone reached: %(title)s", title=isolate(milestone.title)),
        updated=when, published=when, link=link, content_html=str(milestone_html(milestone)))


def _update_entry(solution: Solution, update: ProgressUpdate, link: str) -> AtomEntry:
    author = author_name(update.author)
    return AtomEntry(
        id=tag_uri(f"solution-{solution.id}/update-{update.id}"),
        title=_("Progress update by %(author)s", author=author),
        updated=update.created_at, published=update.created_at, link=link,
        content_html=update.body_html, author_name=author)


# --- iCalendar -------------------------------------------------------------------------------------------------

@bp.get("/solutions/<int:solution_id>/milestones.ics")
@cache_for_anonymous
def calendar(solution_id: int):
    """Every milestone as an all-day event on its planned date (two queries)."""
    solution = _solution_or_404(solution_id)
    milestones = db.session.execute(
        select(Milestone).where(Milestone.solution_id == solution.id)
        .order_by(Milestone.planned_on, Milestone.id)
    ).scalars().all()
    link, done_mark = solution_url(solution.id), _("(done)")
    events = [CalendarEvent(
        uid=f"milestone-{milestone.id}@{UID_DOMAIN}",
        stamp=solution.updated_at,  # adding or ticking off a milestone moves it; milestones have no time of their own
        start=milestone.planned_on,
        summary=f"{milestone.title} {done_mark}" if milestone.done_on is not None else milestone.title,
        description=plain_text(milestone.description_html),
        url=link,
    ) for milestone in milestones]
    body = icalendar(_("WerkSTADT: milestones of “%(title)s”", title=isolate(solution.title)), events)
    return calendar_response(body)
