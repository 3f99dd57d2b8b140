"""/admin/words: the watched words administrators keep, by language and action; add, edit and remove them
(app.trust.watched, every change audited). Removing is a POST form with its CSRF token (CSRFProtect checks it
before the view)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from app.admin import bp
from app.admin.guard import admins_only
from app.admin.words_forms import FilterForm, WordForm
from app.extensions import db
from app.trust import watched
from app.trust.models import WatchedWord, WordAction
from app.web import acting_user, requested_page


def _word_or_404(word_id: int) -> WatchedWord:
    word = db.session.get(WatchedWord, word_id)
    if word is None:
        abort(404)
    return word


def _filters() -> tuple[FilterForm, str | None, WordAction | None]:
    form = FilterForm(request.args)
    if not form.validate():
        abort(404)
    locale = None if form.locale.data == "any" else form.locale.data
    action = None if form.action.data == "any" else WordAction(form.action.data)
    return form, locale, action


@bp.get("/words")
@admins_only
def words():
    filters, locale, action = _filters()
    found: dict = {}

    def load(page: int):
        rows, pages, found["total"] = watched.listing(page, locale=locale, action=action)
        return rows, pages

    rows, page, pages = requested_page(load)
    return render_template("admin/words.html", words=rows, page=page, pages=pages, total=found["total"],
                           filters=filters)


def _save(form: WordForm, word: WatchedWord | None):
    try:
        if word is None:
            watched.add_word(acting_user(), form.data_in())
            flash(_("The word is watched now."), "success")
        else:
            watched.change_word(acting_user(), word, form.data_in())
            flash(_("The watched word has been saved."), "success")
    except watched.DuplicateWord:
        form.word.errors.append(_("This word is watched in this language already."))
        return None
    return redirect(url_for("admin.words"))


@bp.route("/words/new", methods=["GET", "POST"])
@admins_only
def new_word():
    form = WordForm()
    if form.validate_on_submit():
        done = _save(form, None)
        if done is not None:
            return done
    return render_template("admin/word_form.html", form=form, word=None)


@bp.route("/words/<int:word_id>/edit", methods=["GET", "POST"])
@admins_only
def edit_word(word_id: int):
    word = _word_or_404(word_id)
    form = WordForm()
    if request.method == "GET":
        form.show(word)
    elif form.validate_on_submit():
        done = _save(form, word)
        if done is not None:
            return done
    return render_template("admin/word_form.html", form=form, word=word)


@bp.post("/words/<int:word_id>/delete")
@admins_only
def delete_word(word_id: int):
    word = _word_or_404(word_id)  # the CSRF token was checked before the view (CSRFProtect)
    watched.remove_word(acting_user(), word)
    flash(_("The word is not watched any more."), "success")
    return redirect(url_for("admin.words"))
