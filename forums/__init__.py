"""Forums: the one discussion engine. Categories, threads and nested replies, attachable to any Subject."""
from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("forums", __name__, template_folder="templates")


def register(app: Flask) -> None:
    """Mount the forum pages, register the thread and post Subject kinds, add `flask forums`."""
    from app import subjects
    from forums import views  # noqa: F401 - attaches the routes to bp
    from forums.cli import forums_cli
    from forums.models import Post, Thread

    app.register_blueprint(bp)
    app.cli.add_command(forums_cli)
    subjects.register("thread", Thread, title=lambda thread: thread.title,
                      url=lambda thread: f"/t/{thread.id}/{thread.slug}", followable=True, reportable=True)
    subjects.register("post", Post, title=lambda post: post.thread.title,
                      url=lambda post: f"/t/{post.thread_id}/p/{post.id}", votable=True, reportable=True)
