"""Community translations (issue 19): a member translates an idea's or a solution's title and description into
another language of the site; readers in that language see it, with who translated it from which language and a
link to the original. Translations are versioned like edits, searchable in their own language, reportable, and
hidden with their original. Features say what can be translated (app.content_translations.registry)."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("content_translations", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount /translations/…, register the "translation" Subject kind (reportable: moderators hide, redact or
    remove a translation like any contribution), its search source and its part of a data export, and give
    templates `translation_policy`."""
    from app import subjects
    from app.urls import path_for
    from app.content_translations import export_parts, policy, search, services
    from app.content_translations import views  # noqa: F401 - the routes
    from app.content_translations.models import ContentTranslation

    app.register_blueprint(bp)

    def original_of(translation: ContentTranslation):
        return subjects.resolve(translation.original_subject)

    def title(translation: ContentTranslation) -> str:
        return translation.title

    def url(translation: ContentTranslation) -> str:
        """Its own address, which leads to the original's page (no query: lists of many link it)."""
        return path_for("content_translations.show", translation_id=translation.id)

    def visible(user, translation: ContentTranslation) -> bool:
        original = original_of(translation)
        return original is not None and policy.can_see(user, translation, original)

    subjects.register(services.KIND, ContentTranslation, title=title, url=url, visible=visible,
                      moderation=subjects.Moderation(
                          author_id=lambda translation: translation.translator_id,
                          content=lambda translation: {"title": translation.title, "body": translation.body_md},
                          redact=services.redact, delete=services.remove_by_moderation, restore=services.restore))
    search.register()
    export_parts.register()
    app.jinja_env.globals.update(translation_policy=policy)
