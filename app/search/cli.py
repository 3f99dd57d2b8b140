"""`flask search index` (drain the outbox: a worker or cron job) and `flask search rebuild` (everything, with a
progress bar)."""
from __future__ import annotations

import time

import click
from flask.cli import AppGroup

from app.search import indexer
from app.search.backends import Unavailable

search_cli = AppGroup("search", help="Keep the search index up to date.")


@search_cli.command("index")
@click.option("--watch", is_flag=True, help="Keep running: drain again every --interval seconds.")
@click.option("--interval", default=2.0, show_default=True, help="Seconds between two looks at the outbox.")
@click.option("--batch", default=indexer.BATCH, show_default=True, type=click.IntRange(1, 10_000),
              help="Outbox entries indexed (and committed) together.")
def index_command(watch: bool, interval: float, batch: int) -> None:
    """Index what writes left in the outbox, then stop (or keep watching)."""
    while True:
        try:
            done = indexer.drain(batch=batch)
        except Unavailable as error:
            raise click.ClickException(f"The search index is unavailable ({error}); run `flask search rebuild`.")
        if done or not watch:
            click.echo(f"Indexed {done} outbox entries.")
        if not watch:
            return
        time.sleep(interval)


@search_cli.command("rebuild")
def rebuild_command() -> None:
    """Build the whole index anew from the database and swap it in."""
    started = time.monotonic()
    with click.progressbar(length=indexer.total(), label="Indexing", show_pos=True) as bar:
        count = indexer.rebuild(progress=bar.update)
    click.echo(f"Indexed {count} documents in {time.monotonic() - started:.1f} s.")
