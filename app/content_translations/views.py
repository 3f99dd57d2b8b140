"""Pages of community translations: translate an idea or a solution (or improve its translation), read a
translation's versions, remove a translation."""
from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import abort, flash, redirect, render_template, request
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app import subjects
from app.content_translations import bp, policy, registry, services
from app.content_translations.forms import RemoveTranslationForm, TranslationForm
from app.content_translations.models import ContentTranslation
from app.content_translations.reading import CHOSEN_ARGUMENT, ORIGINAL_ARGUMENT, earlier_versions
from app.extensions import db
from app.i18n import LANGUAGES
from app.models import Subject
from app.trust import gate
from app.web import acting_user, refuse, show_refusal


def original_or_404(subject_id: int) -> Any:
    """The translatable original whose Subject is `subject_id`, if the viewer may see it; 404 otherwise."""
    subject = db.session.get(Subject, subject_id)
    if subject is None or registry.get(subject.kind) is None:
        abort(404)
    original = subjects.resolve(subject)
    if original is None or not policy.can_view_original(current_user, original):
        abort(404)
    return original


def original_url(obj: Any, **arguments: str) -> str:
    """The original's page, with `arguments` in its query (which version to show)."""
    url = subjects.kind_of(obj).url(obj)
    return f"{url}?{urlencode(arguments)}" if arguments else url


def language_or_404(original: Any, language: str) -> str:
    if language not in policy.target_languages(original):  # always languages of the site
        abort(404)
    return language


def shown_translation_or_404(original: Any, language: str) -> ContentTranslation:
    translation = services.find(original, language)
    if translation is None or not policy.can_see(current_user, translation, original):
        abort(404)
    return translation


@bp.get("/translations/<int:translation_id>")
def show(translation_id: int):
    """A translation's own address (links from the moderation log and reports, made without loading the
    original): its original's page showing it, for those who may see it; 404 otherwise."""
    translation = db.session.get(ContentTranslation, translation_id)
    if translation is None:
        abort(404)
    original = original_or_404(translation.original_subject_id)
    if not policy.can_see(current_user, translation, original):
        abort(404)
    return redirect(original_url(original, **{CHOSEN_ARGUMENT: translation.language}))


@bp.route("/translations/<int:subject_id>/<language>", methods=["GET", "POST"])
@login_required
def translate(subject_id: int, language: str):
    """Translate an original into `language`, or write a new version of its translation."""
    original = original_or_404(subject_id)
    language_or_404(original, language)
    if not policy.can_translate(current_user, original, language):
        refuse()
    existing = services.find(original, language)
    current = existing if existing is not None and policy.can_see(current_user, existing, original) else None
    form = TranslationForm(data=None if request.method == "POST" or current is None else {
        "title": current.title, "body": current.body_md})
    if form.validate_on_submit():
        try:
            services.translate(acting_user(), original, services.TranslationInput(
                language, form.title.data, form.body.data))
        except gate.Refused as refusal:
            show_refusal(form, refusal)
        else:
            flash(_("Thank you: your translation is saved."), "success")
            return redirect(original_url(original, **{CHOSEN_ARGUMENT: language}))
    entry = policy.translatable(original)
    return render_template("content_translations/form.html", form=form, original=original, entry=entry,
                           language=LANGUAGES[language], current=current, subject_id=subject_id,
                           back=original_url(original, **{ORIGINAL_ARGUMENT: "1"}))


@bp.route("/translations/<int:subject_id>/<language>/versions")
def versions(subject_id: int, language: str):
    """The translation's current version and every earlier one, newest first, with who wrote each."""
    original = original_or_404(subject_id)
    translation = shown_translation_or_404(original, language_or_404(original, language))
    return render_template("content_translations/versions.html", original=original, translation=translation,
                           entry=policy.translatable(original), language=LANGUAGES[language],
                           earlier=earlier_versions(translation), cook=services.cook,
                           back=original_url(original, **{CHOSEN_ARGUMENT: language}))


@bp.route("/translations/<int:subject_id>/<language>/remove", methods=["GET", "POST"])
@login_required
def remove(subject_id: int, language: str):
    """Remove a translation: its original's author, its translator or a moderator (with a reason)."""
    original = original_or_404(subject_id)
    translation = shown_translation_or_404(original, language_or_404(original, language))
    if not policy.can_remove(current_user, translation, original):
        refuse()
    as_moderator = policy.removes_as_moderator(current_user, translation, original)
    form = RemoveTranslationForm(reason_required=as_moderator)
    if form.validate_on_submit():
        services.remove(acting_user(), translation, original, form.reason.data or "")
        flash(_("The translation is removed."), "success")
        return redirect(original_url(original))
    return render_template("content_translations/remove.html", form=form, original=original,
                           translation=translation, entry=policy.translatable(original),
                           language=LANGUAGES[language], as_moderator=as_moderator,
                           back=original_url(original, **{CHOSEN_ARGUMENT: language}))
