"""Atom feeds of ideas: the published ideas (by category and status like the list), and one idea's history.

Feed readers are anonymous, so a feed shows what an anonymous visitor sees on the page: never a draft (its
feed is a 404 for everyone, its author included). Content is the stored HTML of the one text pipeline.
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask import abort, request, url_for
from flask_babel import gettext as _
from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.atom import AtomEntry, atom_feed, atom_response, newest, tag_uri
from app.extensions import db
from app.i18n import current_language, isolate
from app.page_cache import cache_for_anonymous
from app.users.models import User
from ideas import bp, policy, reading
from ideas.categories import all_categories
from ideas.list_views import parse_filters
from ideas.models import Idea, IdeaStatusChange, Status
from ideas.reading import IdeaFilters
from ideas.timeline import explained_alone

FEED_SIZE = 50
EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)  # `updated` of a feed that has never had an entry


def author_name(user: User | None) -> str:
    """The name the pages show for an author."""
    return user.display_name if user is not None else _("Deleted participant")


def feed_args(filters: IdeaFilters) -> dict[str, str]:
    """The query string of the list and its feed for `filters` (category and status; sorts do not apply)."""
    args: dict[str, str] = {}
    if filters.category is not None:
        args["category"] = filters.category.slug
    if filters.status is not None:
        args["status"] = filters.status.value
    return args


def list_feed_title(filters: IdeaFilters) -> str:
    locale = current_language().code
    category = filters.category.name(locale) if filters.category is not None else None
    status = filters.status.label if filters.status is not None else None
    if category and status:
        return _("WerkSTADT: ideas in %(category)s with the status %(status)s", category=category, status=status)
    if category:
        return _("WerkSTADT: ideas in %(category)s", category=category)
    if status:
        return _("WerkSTADT: ideas with the status %(status)s", status=status)
    return _("WerkSTADT: ideas")


@bp.app_template_global("idea_list_feed")
def idea_list_feed(filters: IdeaFilters) -> tuple[str, str]:
    """(url, title) of the feed matching the list's category and status, for its <link rel="alternate">."""
    return url_for("ideas.feed", **feed_args(filters)), list_feed_title(filters)


# --- all ideas ---------------------------------------------------------------------------------------------

@bp.get("/ideas/feed.atom")
@cache_for_anonymous
def feed():
    """The newest published ideas, filtered by ?category= and ?status= like the list (two queries)."""
    parsed = parse_filters(request.args, all_categories(), signed_in=False)  # unknown category: 404
    filters = IdeaFilters(status=parsed.status, category=parsed.category)
    ideas = db.session.execute(
        select(Idea).where(*reading.listing_conditions(filters, None))
        .options(joinedload(Idea.author))
        .order_by(Idea.published_at.desc(), Idea.id.desc()).limit(FEED_SIZE)
    ).scalars().all()
    entries = [_idea_entry(idea) for idea in ideas]
    args = feed_args(filters)
    body = atom_feed(
        feed_id=tag_uri("ideas" + "".join(f"/{key}-{value}" for key, value in sorted(args.items()))),
        title=list_feed_title(filters), updated=newest(entries, EPOCH),
        self_url=url_for("ideas.feed", _external=True, **args),
        alternate_url=url_for("ideas.index", _external=True, **args),
        entries=entries, lang=current_language().code, base_url=request.url_root)
    return atom_response(body)


def _idea_entry(idea: Idea) -> AtomEntry:
    return AtomEntry(
        id=tag_uri(f"idea-{idea.id}"), title=idea.title, updated=max(idea.updated_at, idea.published_at),
        link=url_for("ideas.show", idea_id=idea.id, _external=True), content_html=idea.body_html,
        author_name=author_name(idea.author), published=idea.published_at, lang=idea.language)


# --- one idea ----------------------------------------------------------------------------------------------

@bp.get("/ideas/<int:idea_id>/feed.atom")
@cache_for_anonymous
def idea_feed(idea_id: int):
    """One idea's publication, status changes and official answers, newest first (two queries)."""
    idea = db.session.get(Idea, idea_id)
    if idea is None or not policy.can_view(None, idea):  # what an anonymous reader may see
        abort(404)
    changes = db.session.execute(
        select(IdeaStatusChange).where(IdeaStatusChange.idea_id == idea.id)
        .options(joinedload(IdeaStatusChange.actor))
        .order_by(IdeaStatusChange.created_at.desc(), IdeaStatusChange.id.desc()).limit(FEED_SIZE)
    ).scalars().all()
    entries = [_change_entry(idea, change) for change in changes]
    body = atom_feed(
        feed_id=tag_uri(f"idea-{idea.id}/history"), title=_("WerkSTADT: %(title)s", title=isolate(idea.title)),
        updated=newest(entries, idea.updated_at),
        self_url=url_for("ideas.idea_feed", idea_id=idea.id, _external=True),
        alternate_url=url_for("ideas.show", idea_id=idea.id, _external=True),
        entries=entries, lang=current_language().code, base_url=request.url_root)
    return atom_response(body)


def _change_entry(idea: Idea, change: IdeaStatusChange) -> AtomEntry:
    published = change.from_state == Status.DRAFT
    return AtomEntry(
        id=tag_uri(f"idea-{idea.id}/change-{change.id}"), title=_change_title(change),
        updated=change.created_at, published=change.created_at,
        link=url_for("ideas.show", idea_id=idea.id, _anchor="history", _external=True),
        content_html=idea.body_html if published else (str(explained_alone(change)) or _status_note(change)),
        author_name=author_name(change.actor))


def _change_title(change: IdeaStatusChange) -> str:
    if change.from_state == Status.DRAFT:
        return _("Published")
    if change.is_answer:
        return _("Official answer: %(status)s", status=change.to_state.label)
    return _("Status changed to %(status)s", status=change.to_state.label)


def _status_note(change: IdeaStatusChange) -> str:
    """Content for a change without an explanation: our own sentence, escaped like any text."""
    return str(Markup("<p>%s</p>") % _("The status is now %(status)s.", status=change.to_state.label))

