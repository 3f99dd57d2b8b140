"""`flask forums`: re-render stored post HTML after the text pipeline changed."""
from __future__ import annotations

import click
from flask.cli import AppGroup
from sqlalchemy import func, select

from app.extensions import db
from app.text import PIPELINE_VERSION
from forums.cooking import cook_post, mentioned_users
from forums.models import Post

forums_cli = AppGroup("forums", help="Forum maintenance.")


@forums_cli.command("recook")
@click.option("--batch", default=500, show_default=True, help="Posts per transaction.")
def recook_command(batch: int) -> None:
    """Render again every post cooked by an older version of the text pipeline."""
    stale = Post.cooked_version < PIPELINE_VERSION
    total = db.session.execute(select(func.count(Post.id)).where(stale)).scalar_one()
    done = 0
    with click.progressbar(length=total, label="Re-rendering posts") as bar:
        while True:
            posts = db.session.execute(select(Post).where(stale).order_by(Post.id).limit(batch)).scalars().all()
            if not posts:
                break
            for post in posts:
                cook_post(post, mentioned_users(post.body_md, strict=False))
            db.session.commit()
            done += len(posts)
            bar.update(len(posts))
    click.echo(f"{done} posts re-rendered with pipeline version {PIPELINE_VERSION}.")
