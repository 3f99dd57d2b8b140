"""What a data export holds of the forums (app.exports.parts): threads opened, posts with their earlier
versions, and how far each thread was read."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.exports import parts
from forums.models import Post, PostRevision, Thread, ThreadRead


def register() -> None:
    """Add threads, posts, post revisions and read positions to every export."""
    parts.register(parts.table(
        "threads", _l("The discussions you opened: title, language, forum or subject, when."),
        Thread, "author_id", ("id", "title", "language", "category_id", "about_subject_id", "created_at")))
    parts.register(parts.table(
        "posts", _l("Everything you wrote in discussions, as you wrote it (Markdown), with your stance, when you "
                    "wrote and last edited it, and when it was deleted."),
        Post, "author_id", ("id", "thread_id", "number", "body_md", "stance", "created_at", "edited_at",
                            "deleted_at")))
    parts.register(parts.table(
        "post_revisions", _l("Earlier versions of posts that you edited."),
        PostRevision, "editor_id", ("post_id", "number", "body_md", "created_at")))
    parts.register(parts.table(
        "read_positions", _l("How far you read each discussion (the number of the last post you saw)."),
        ThreadRead, "user_id", ("thread_id", "last_read_number"), order="thread_id"))
