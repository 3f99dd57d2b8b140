"""What a data export holds of community translations (app.exports.parts): the translations a person wrote (the
current versions), the earlier versions they wrote, and the translations they removed."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.content_translations.models import ContentTranslation, TranslationRevision
from app.exports import parts


def register() -> None:
    """Add the translation parts to every export."""
    parts.register(parts.table(
        "translations", _l("Translations you wrote of ideas and solutions (their current versions): language, "
                           "title, description (Markdown), when; removed ones too."),
        ContentTranslation, "translator_id", ("id", "original_subject_id", "language", "from_language", "title",
                                              "body_md", "version", "created_at", "updated_at", "removed_at")))
    parts.register(parts.table(
        "translation_versions", _l("Earlier versions of translations that you wrote."),
        TranslationRevision, "translator_id", ("translation_id", "number", "title", "body_md", "created_at")))
    parts.register(parts.table(
        "translations_removed", _l("Translations you removed."),
        ContentTranslation, "removed_by_id", ("id", "original_subject_id", "language", "removed_at")))
