"""Pages of one idea: propose (with preview and drafts), show, edit, publish, withdraw, support, change status.

A draft answers 404 to everyone but its author; a refused action on a visible idea 403 (anonymous visitors are
sent to log in first), and nothing changes.
"""
from __future__ import annotations

from flask import abort, flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.content_translations.reading import page_version
from app.extensions import db
from app.i18n import current_language
from app.models import utcnow
from app.page_cache import cache_for_anonymous
from app.trust import gate, holding
from app.urls import next_from_request
from app.web import MAX_ID, acting_user, page_number, parse_id, preview_or_save, refuse, show_refusal
from forums.embedded import discussion_of
from forums.models import Thread
from ideas import bp, merging, policy, services
from ideas.categories import all_categories
from ideas.forms import ButtonForm, IdeaForm, StatusForm, WithdrawForm
from ideas.models import Idea, Status
from ideas.similar import Similar, similar_ideas
from ideas.solutions.reading import solutions_of
from ideas.timeline import timeline
from voting import traces
from voting.queries import vote_state

def idea_url(idea: Idea, **args) -> str:
    return url_for("ideas.show", idea_id=idea.id, **args)


def _idea_or_404(idea_id: int) -> Idea:
    idea = db.session.execute(
        select(Idea).where(Idea.id == idea_id)
        .options(joinedload(Idea.category), joinedload(Idea.author), joinedload(Idea.answer),
                 joinedload(Idea.subject), joinedload(Idea.discussion).joinedload(Thread.subject))
    ).unique().scalar_one_or_none()
    if idea is None or not policy.can_view(current_user, idea):
        abort(404)
    return idea


# --- reading -----------------------------------------------------------------------------------------------

@bp.get("/ideas/<int:idea_id>")
@cache_for_anonymous
def show(idea_id: int):
    """The idea, its answer promise and supports, its official answer and history, and its discussion.

    A duplicate merged into another idea redirects there (302: staff may reopen it), with `?merged=<id>` for the
    note "… was merged into this idea"; its author, staff and moderators see its own page."""
    idea = _idea_or_404(idea_id)
    if (idea.state == Status.DUPLICATE and idea.duplicate_of_id is not None
            and not policy.sees_merged_record(current_user, idea)):
        return redirect(idea_url(idea.duplicate_of, merged=idea.id))
    discussion = discussion_of(idea.discussion, request.args.get("view", "nested"), page_number(), idea)
    html = render_template(
        "ideas/show.html", idea=idea, history=timeline(idea), discussion=discussion.page,
        reply_form=discussion.reply_form, first_unread=discussion.first_unread,
        supported=vote_state(current_user, idea.subject_id), now=utcnow(),
        solutions=[] if idea.is_draft else solutions_of(idea), merged=_merged_into(idea),
        version=None if idea.is_draft else page_version(current_user, idea, current_language().code, request.args),
    )
    discussion.mark_read()  # commits
    return html


def _merged_into(idea: Idea) -> Idea | None:
    """The duplicate `?merged=<id>` names, when it really was merged into `idea` (one query, only when asked)."""
    merged_id = parse_id(request.args.get("merged"))
    if merged_id is None:
        return None
    return db.session.execute(select(Idea).where(Idea.id == merged_id, Idea.duplicate_of_id == idea.id,
                                                 Idea.status == Status.DUPLICATE.value)).scalar_one_or_none()


# --- proposing and editing ---------------------------------------------------------------------------------

@bp.route("/ideas/new", methods=["GET", "POST"])
@login_required
def new():
    """Propose an idea: preview keeps everything typed; save as a draft or publish."""
    if not policy.can_create(current_user):
        refuse()
    categories = all_categories()
    locale = current_language().code
    form = IdeaForm(categories=categories, locale=locale, data=None if request.method == "POST" else {
        "language": locale})
    previewed, action = preview_or_save(form, form.body, saving=("draft", "publish"))
    if action is not None:
        try:
            idea = services.create_idea(acting_user(), _input(form, categories), publish=action == "publish")
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(*holding.saved_message(idea.subject, _("Your idea has been published.")) if action == "publish"
                  else (_("Your draft has been saved. Only you can see it."), "success"))
            return redirect(idea_url(idea))
    return render_template("ideas/form.html", form=form, idea=None, previewed=previewed, categories=categories,
                           similar=similar_ideas(form.title.data, current_user) if request.method == "POST"
                           else Similar())


@bp.get("/ideas/similar")
def similar():
    """The similar-ideas part of the proposal form for `?title=` (an HTML fragment the form's script fetches
    while the title is typed; empty when nothing is similar)."""
    found = similar_ideas(request.args.get("title", ""), current_user)
    response = make_response(render_template("ideas/_similar_fragment.html", similar=found))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/ideas/<int:idea_id>/edit", methods=["GET", "POST"])
@login_required
def edit(idea_id: int):
    """Change the text of a draft, or of a published idea nobody has supported or discussed yet."""
    idea = _idea_or_404(idea_id)
    if not policy.can_edit(current_user, idea):
        refuse()
    categories = all_categories()
    form = IdeaForm(categories=categories, locale=current_language().code, data=None if request.method == "POST"
                    else {"title": idea.title, "body": idea.body_md, "category": idea.category.slug,
                          "language": idea.language})
    previewed, action = preview_or_save(form, form.body, saving=("draft", "publish", "save"))
    if action is not None:
        publish = action == "publish" and idea.is_draft
        try:
            services.update_idea(acting_user(), idea, _input(form, categories), publish=publish)
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(*holding.saved_message(idea.subject, _("Your idea has been published.") if publish
                                         else _("Your changes have been saved.")))
            return redirect(idea_url(idea))
    return render_template("ideas/form.html", form=form, idea=idea, previewed=previewed, categories=categories)


def _input(form: IdeaForm, categories) -> services.IdeaInput:
    return services.IdeaInput(title=form.title.data, body_md=form.body.data,
                              category=form.chosen_category(categories), language=form.language.data)


@bp.post("/ideas/<int:idea_id>/publish")
@login_required
def publish(idea_id: int):
    idea = _idea_or_404(idea_id)
    if not policy.can_publish(current_user, idea):
        refuse()
    if ButtonForm().validate_on_submit():
        try:
            services.publish_idea(acting_user(), idea)
        except gate.Refused as refusal:  # a button without a text field: the message goes to the top of the page
            flash(refusal.message, "error")
        else:
            flash(*holding.saved_message(idea.subject, _("Your idea has been published.")))
    return redirect(idea_url(idea))


@bp.route("/ideas/<int:idea_id>/withdraw", methods=["GET", "POST"])
@login_required
def withdraw(idea_id: int):
    """The author withdraws an idea nobody supports or discussed yet, after a confirmation."""
    idea = _idea_or_404(idea_id)
    if not policy.can_withdraw(current_user, idea):
        refuse()
    form = WithdrawForm()
    if form.validate_on_submit():
        services.withdraw_idea(acting_user(), idea, form.explanation.data or "")
        flash(_("Your idea has been withdrawn. It stays visible with that label."), "success")
        return redirect(idea_url(idea))
    return render_template("ideas/withdraw.html", idea=idea, form=form)


# --- supporting --------------------------------------------------------------------------------------------

@bp.post("/ideas/<int:idea_id>/support")
def support(idea_id: int):
    idea = _idea_or_404(idea_id)
    if not policy.can_support(current_user, idea):
        refuse()
    if ButtonForm().validate_on_submit():
        trace = traces.fingerprint(request.remote_addr, request.headers.get("User-Agent"))
        tally = services.support(acting_user(), idea, trace)
        if tally.changed:
            flash(_("Thank you: you support this idea."), "success")
        elif vote_state(current_user, idea.subject_id) == "set_aside":
            flash(_("Your support of this idea was set aside by the city's staff, so you cannot support it again."),
                  "error")
    return redirect(next_from_request(idea_url(idea, _anchor="supports")))  # a card's button comes back to its list


@bp.post("/ideas/<int:idea_id>/unsupport")
def unsupport(idea_id: int):
    idea = _idea_or_404(idea_id)
    if not policy.can_withdraw_support(current_user, idea):
        refuse()
    if ButtonForm().validate_on_submit():
        tally = services.withdraw_support(acting_user(), idea)
        if tally.changed:
            flash(_("You no longer support this idea."), "success")
    return redirect(next_from_request(idea_url(idea, _anchor="supports")))


# --- the city's part ---------------------------------------------------------------------------------------

@bp.route("/ideas/<int:idea_id>/status", methods=["GET", "POST"])
def change_status(idea_id: int):
    """City staff and administrators change the status with a public explanation, or answer officially."""
    idea = _idea_or_404(idea_id)
    if not policy.can_change_status(current_user, idea):
        refuse()
    form = StatusForm(idea=idea)
    if request.method == "GET":
        form.official.data = idea.answered_at is None
    if form.validate_on_submit():
        original = _original(form, idea)
        if original is not None or form.chosen_status != Status.DUPLICATE:
            services.change_status(acting_user(), idea, form.chosen_status, form.explanation.data,
                                   official=form.official.data, duplicate_of=original)
            if original is not None:
                flash(_("“%(title)s” has been merged into this idea: its supports count here now.",
                        title=idea.title), "success")
                return redirect(idea_url(original, _anchor="supports"))
            flash(_("The status has been changed to “%(status)s”.", status=form.chosen_status.label), "success")
            return redirect(idea_url(idea, _anchor="history"))
    return render_template("ideas/status_form.html", idea=idea, form=form)


def _original(form: StatusForm, idea: Idea) -> Idea | None:
    """The published idea a duplicate points to; an error next to the field when there is none."""
    if form.chosen_status != Status.DUPLICATE:
        return None
    original = db.session.get(Idea, form.duplicate_of.data) if form.duplicate_of.data <= MAX_ID else None
    if original is None or original.is_draft:
        form.duplicate_of.errors.append(_("There is no published idea with this number."))
        return None
    if not merging.may_be_original(idea, original):
        form.duplicate_of.errors.append(_("This idea cannot take in a duplicate: it is a duplicate itself or was "
                                          "withdrawn."))
        return None
    return original
