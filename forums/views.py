"""Forum pages: the index, a category's threads, a new thread, a thread in the nested or flat view, replies.

Posts (edit, history, delete) are in `post_views`, locks, pins and category admin in `admin_views`.
Unknown ids answer 404; denied writes 403, and anonymous visitors are sent to log in.
"""
from __future__ import annotations

from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.moderation.banner import hidden_banner
from app.page_cache import cache_for_anonymous
from app.trust import gate, holding
from app.trust.limits import mention_cap
from app.web import acting_user, page_asked, page_number, parse_id, preview_or_save, refuse, requested_page, show_refusal
from forums import bp, discussions, policy, reading, services
from forums.categories import find_category
from forums.cooking import TooManyMentions
from forums.display import preview
from forums.forms import ReplyForm, ThreadForm, quote_of
from forums.models import ForumCategory, Post, Thread

PREVIEW_HEADING_LEVEL = 3  # the preview sits under an h2 of the page
SEARCH_KINDS = "thread,post"  # the forums' own search box looks in threads and their replies


# --- helpers the post views share ----------------------------------------------------------------------------

def too_many_mentions() -> str:
    """The error next to a post's text that mentions more people than the cap for everyone (a setting)."""
    return _("You can mention at most %(count)d people in one post.", count=mention_cap())


def preview_of(field):
    """The preview of a body field, mentions linked; an error next to the field instead when it mentions too many
    people. The `render` of app.web.preview_or_save for forum posts."""
    try:
        return preview(field.data, PREVIEW_HEADING_LEVEL)
    except TooManyMentions:
        field.errors = [too_many_mentions()]
        return None


def thread_url(thread: Thread, **args) -> str:
    return url_for("forums.thread", thread_id=thread.id, slug=thread.slug, **args)


def post_location(post: Post, view: str = "nested") -> str:
    """The page that shows `post` in `view`, scrolled to it: the thread page, or for a discussion about a
    Subject (an idea) the Subject's own page, which renders the discussion with the same ?page= and ?view=."""
    args = {"view": view} if view != "nested" else {}
    page = reading.page_of(post, view)
    about = discussions.about(post.thread)
    if about is not None:
        return f"{about.url}?{urlencode({'page': page, **args})}#post-{post.id}"
    return thread_url(post.thread, page=page, _anchor=f"post-{post.id}", **args)


def _view_arg() -> str:
    view = request.args.get("view", "nested")
    return view if view in reading.VIEWS else "nested"


def thread_or_404(thread_id: int) -> Thread:
    """The thread with its Subject; 404 when there is none or moderation hid it from the reader."""
    thread = db.session.execute(select(Thread).where(Thread.id == thread_id)
                                .options(joinedload(Thread.subject))).scalar_one_or_none()
    if thread is None or not policy.can_read(current_user, thread):
        abort(404)
    return thread


def _category_or_404(slug: str) -> ForumCategory:
    category = find_category(slug)
    if category is None:
        abort(404)
    return category


# --- reading ---------------------------------------------------------------------------------------------

@bp.get("/forums")
@cache_for_anonymous
def index():
    """The forum categories. A query (`?q=`) is a search: it moves to /search, scoped to threads and replies."""
    if "q" in request.args:
        return redirect(url_for("search.index", q=request.args.get("q", ""), kind=SEARCH_KINDS))
    return render_template("forums/index.html", rows=reading.category_index(), discussions=discussions.summary(),
                           search_kinds=SEARCH_KINDS)


@bp.get("/forums/discussions")
@cache_for_anonymous
def discussions_index():
    """The discussions of ideas and solutions, the most recently active first, each with a link to what it is
    about (forums.discussions)."""
    rows, page, pages = requested_page(lambda page: discussions.discussion_threads(page, current_user))
    return render_template("forums/discussions.html", rows=rows, page=page, pages=pages)


@bp.get("/forums/<slug>")
@cache_for_anonymous
def category(slug: str):
    category = _category_or_404(slug)
    page = page_number()
    rows, pages = reading.category_threads(category, page, current_user)
    if page > pages:
        abort(404)
    return render_template("forums/category.html", category=category, rows=rows, page=page, pages=pages)


@bp.get("/t/<int:thread_id>")
@bp.get("/t/<int:thread_id>/<slug>")
@cache_for_anonymous
def thread(thread_id: int, slug: str | None = None):
    """A thread page. Signed-in readers land on their first unread post and the page marks what they saw.

    A thread hidden by moderation is a 404 for all but its author and the moderators, who see it marked.
    """
    thread = thread_or_404(thread_id)
    if slug is not None and slug != thread.slug:
        return redirect(thread_url(thread, **request.args.to_dict()), 301)
    view = _view_arg()
    page = page_number()
    unread = reading.first_unread(thread, reading.last_read_number(current_user, thread))
    if unread is not None and not page_asked():
        return redirect(post_location(unread, view))
    about = discussions.about(thread)
    shown = reading.thread_page(thread, view, page, current_user,  # with the posts the reader likes
                                about.author_id if about is not None else None)
    if page > shown.pages:
        abort(404)
    form = ReplyForm(with_stance=thread.has_stances) if policy.can_reply(current_user, thread) else None
    html = render_template("forums/thread.html", tp=shown, reply_form=form, first_unread=unread,
                           about=about, banner=_banner(thread, shown))
    reading.mark_read(current_user, thread, shown.highest_number_shown)  # after rendering: it commits
    return html


def _banner(thread: Thread, shown: reading.ThreadPage):
    """The hidden-content banner over a hidden thread, for its author and the moderators (else None)."""
    if not thread.subject.is_hidden:
        return None
    opening = shown.opening
    if opening is not None and opening.subject.is_hidden:  # the opening post was reported, and took the thread along
        return hidden_banner(current_user, opening.subject, opening.author_id)
    return hidden_banner(current_user, thread.subject, thread.author_id)


@bp.get("/t/<int:thread_id>/p/<int:post_id>")
def permalink(thread_id: int, post_id: int):
    """Redirect to the page of the thread that shows the post (in ?view=), at its anchor."""
    post = db.get_or_404(Post, post_id)
    if post.thread_id != thread_id or not policy.can_read(current_user, post.thread):
        abort(404)
    return redirect(post_location(post, _view_arg()))


# --- writing ---------------------------------------------------------------------------------------------

@bp.route("/forums/<slug>/new", methods=["GET", "POST"])
@login_required
def new_thread(slug: str):
    category = _category_or_404(slug)
    if not policy.can_create_thread(current_user, category):
        refuse()
    form = ThreadForm()
    previewed, action = preview_or_save(form, form.body, render=preview_of)
    if action is not None:
        try:
            thread = services.create_thread(acting_user(), category, title=form.title.data, body_md=form.body.data,
                                            language=form.language.data)
        except TooManyMentions:
            form.body.errors.append(too_many_mentions())
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(*holding.saved_message(thread.subject, _("Your thread has been published.")))
            return redirect(thread_url(thread))
    return render_template("forums/new_thread.html", category=category, form=form, previewed=previewed)


@bp.route("/t/<int:thread_id>/reply", methods=["GET", "POST"])
@login_required
def reply(thread_id: int):
    """The reply form (?to= a post, ?quote= a post to quote); POST publishes and redirects to the new post."""
    thread = thread_or_404(thread_id)
    if not policy.can_reply(current_user, thread):
        raise services.ThreadLocked if thread.locked else services.NotAllowed
    form = ReplyForm(with_stance=thread.has_stances)
    if request.method == "GET":
        quoted = _post_in(thread, request.args.get("quote"))
        to = _post_in(thread, request.args.get("to")) or quoted
        form.to.data = str(to.id) if to else ""
        if quoted:
            form.body.data = quote_of(quoted)
    to = _post_in(thread, form.to.data, deleted_ok=True)
    if to is not None and to.is_deleted:
        form.to.data, to = "", None
        form.body.errors = [_("The post you replied to has been deleted. If you send your reply, "
                              "it goes to the thread.")]
        return render_template("forums/reply.html", thread=thread, to=None, form=form, previewed=None)
    previewed, action = preview_or_save(form, form.body, render=preview_of)
    if action is not None:
        try:
            post = services.reply(acting_user(), thread, form.body.data, to=to, stance=form.chosen_stance)
        except TooManyMentions:
            form.body.errors.append(too_many_mentions())
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(*holding.saved_message(post.subject, _("Your reply has been published.")))
            return redirect(url_for("forums.permalink", thread_id=thread.id, post_id=post.id))
    return render_template("forums/reply.html", thread=thread, to=to, form=form, previewed=previewed)


def _post_in(thread: Thread, raw: str | None, *, deleted_ok: bool = False) -> Post | None:
    """The post with id `raw` in `thread`, None for an empty value; 404 for anything else (a post moderation hid
    from the replier included)."""
    if not raw:
        return None
    post_id = parse_id(raw)
    post = db.session.get(Post, post_id) if post_id is not None else None
    if post is None or post.thread_id != thread.id or (post.is_deleted and not deleted_ok):
        abort(404)
    if not policy.can_see_post(current_user, post):
        abort(404)
    return post
