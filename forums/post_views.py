"""Pages for one post: edit it (with a preview), see its earlier versions, delete it after a confirmation, like it.

Unknown and deleted posts answer 404; a reader the policy refuses gets 403 (anonymous visitors log in first).
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.extensions import db
from app.trust import gate
from app.web import acting_user, preview_or_save, refuse, show_refusal
from forums import bp, history, likes, policy, reading, services
from forums.cooking import TooManyMentions
from forums.forms import NO_STANCE, ConfirmForm, EditForm
from forums.models import Post, Stance
from forums.views import post_location, preview_of, too_many_mentions

LIKES_LOCKED = _l("This thread is locked. Likes can no longer be given or taken back.")


def _live_post_or_404(post_id: int) -> Post:
    """The post; 404 when it is deleted, or hidden by moderation from all but its author and the moderators."""
    post = db.get_or_404(Post, post_id)
    if post.is_deleted or not policy.can_see_post(current_user, post):
        abort(404)
    return post


@bp.route("/posts/<int:post_id>/edit", methods=["GET", "POST"])
@login_required
def edit_post(post_id: int):
    post = _live_post_or_404(post_id)
    if not policy.can_edit(current_user, post):
        refuse()
    with_stance = post.thread.has_stances and not post.is_opening
    form = EditForm(data={"body": post.body_md, "stance": post.stance or NO_STANCE}, with_stance=with_stance)
    previewed, action = preview_or_save(form, form.body, render=preview_of)
    if action is not None:
        stance = form.chosen_stance if with_stance else "keep"
        if _unchanged(post, form.body.data, stance):
            flash(_("You did not change anything."), "info")
            return redirect(post_location(post))
        try:
            services.edit_post(acting_user(), post, form.body.data, stance=stance)
        except TooManyMentions:
            form.body.errors.append(too_many_mentions())
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(_("Your changes have been saved."), "success")
            return redirect(url_for("forums.permalink", thread_id=post.thread_id, post_id=post.id))
    return render_template("forums/edit.html", post=post, form=form, previewed=previewed)


def _unchanged(post: Post, body: str, stance: Stance | None | str) -> bool:
    same_stance = stance == "keep" or (stance.value if stance else None) == post.stance
    return services.clean_body(body) == post.body_md and same_stance


@bp.get("/posts/<int:post_id>/history")
def post_history(post_id: int):
    """Earlier versions of a post with what changed; for its author, moderators and administrators."""
    post = _live_post_or_404(post_id)
    if not policy.can_see_history(current_user, post):
        refuse()
    return render_template("forums/history.html", post=post, versions=history.versions(post))


@bp.route("/posts/<int:post_id>/delete", methods=["GET", "POST"])
@login_required
def delete_post(post_id: int):
    """GET asks for confirmation; POST deletes the post softly and returns to the thread."""
    post = _live_post_or_404(post_id)
    if not policy.can_delete(current_user, post):
        refuse()
    form = ConfirmForm()
    if form.validate_on_submit():
        thread_id = post.thread_id
        services.delete_post(acting_user(), post)
        flash(_("The post has been deleted."), "success")
        return redirect(url_for("forums.permalink", thread_id=thread_id, post_id=post_id))
    return render_template("forums/delete.html", post=post, form=form)


@bp.post("/posts/<int:post_id>/like")
@login_required
def like_post(post_id: int):
    """Like a post and return to it; 403 (nothing changed) for one's own post or a locked thread."""
    post = _live_post_or_404(post_id)
    with _locked_says_so(post):
        tally = likes.like_post(acting_user(), post)
    if tally.changed:
        flash(_("You like this post."), "success")
    else:
        flash(_("You already liked this post."), "info")
    return redirect(post_location(post, _view_field()))


@bp.post("/posts/<int:post_id>/unlike")
@login_required
def unlike_post(post_id: int):
    """Take one's like of a post back and return to it; 403 (nothing changed) in a locked thread."""
    post = _live_post_or_404(post_id)
    with _locked_says_so(post):
        tally = likes.unlike_post(acting_user(), post)
    if tally.changed:
        flash(_("You no longer like this post."), "success")
    else:
        flash(_("You had not liked this post."), "info")
    return redirect(post_location(post, _view_field()))


@contextmanager
def _locked_says_so(post: Post) -> Iterator[None]:
    """A like the policy refuses in a locked thread is refused with words that say so."""
    try:
        yield
    except services.NotAllowed:
        if post.thread.locked:
            refuse(LIKES_LOCKED)
        raise


def _view_field() -> str:
    """The view (nested or flat) the form was sent from, so the reader returns to the same view."""
    view = request.form.get("view", "nested")
    return view if view in reading.VIEWS else "nested"
