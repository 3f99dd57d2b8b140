"""`flask bench load-dataset`: the benchmark data set (generator.py, spec.json) into the database (forums.py and
the extras such as ideas.py do the work)."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from bench.dataset.forums import BENCH_PASSWORD, has_forum_data, load, reset_forum_data
from bench.dataset.generator import SPEC, Dataset

bench_cli = AppGroup("bench", help="Benchmark data.")


def dataset_of(spec_path: Path, *, end_now: bool) -> Dataset:
    """The data set of the spec file; with `end_now` its time line is moved to end now.

    The spec ends on a fixed date; moving it keeps every thread, post and support (same seed) but makes "recent"
    mean something on the day of the benchmark (trending ideas, supports of the last 14 days).
    """
    if not spec_path.is_file():
        raise click.ClickException(f"No data set spec at {spec_path}.")
    return Dataset.from_file(spec_path, end=datetime.now(timezone.utc).replace(microsecond=0) if end_now else None)


def _click_bar(label: str, length: int):
    return click.progressbar(length=length, label=label, show_pos=True, show_eta=True)


@bench_cli.command("load-dataset")
@click.option("--spec", "spec_path", type=click.Path(dir_okay=False, path_type=Path), default=SPEC,
              help="The data set's shape [default: bench/dataset/spec.json].")
@click.option("--reset", is_flag=True,
              help="Delete every forum row, what the extras loaded (ideas) and the bench users first.")
@click.option("--limit-posts", type=click.IntRange(min=1), default=None,
              help="Load only the first N posts (chronologically), with their threads: for quick runs.")
@click.option("--force", is_flag=True, help="Run even in the production configuration.")
@click.option("--end-now", is_flag=True,
              help="Move the data set's time line to end now (its spec ends on a fixed date), so that recent "
                   "activity (trending ideas) exists on the day of the benchmark.")
def load_dataset_command(spec_path: Path, reset: bool, limit_posts: int | None, force: bool,
                         end_now: bool) -> None:
    """Load the benchmark data set (users, categories, threads, posts, and what the extras add:
    ideas with their supports) for benchmarks."""
    if current_app.config.get("ENV_NAME") == "production" and not force:
        raise click.ClickException("Refusing to load benchmark data in production (WERKSTADT_ENV); "
                                   "pass --force if you mean it.")
    ds = dataset_of(spec_path, end_now=end_now)
    if has_forum_data():
        if not reset:
            raise click.ClickException("There are forum rows, ideas or bench users already; pass --reset to delete "
                                       "them first.")
        click.echo("Deleting existing forum data, ideas and bench users ...")
        reset_forum_data()
        db.session.commit()
    available = ds.targets()["posts"]
    total = min(limit_posts, available) if limit_posts else available
    click.echo(f"Loading {len(ds.users)} users, {len(ds.categories)} categories, up to {len(ds.topics)} threads "
               f"and {total} posts into {db.session.get_bind().dialect.name} ...")
    try:
        summary = load(ds, limit_posts=limit_posts, progress=_click_bar)
    except BaseException:
        db.session.rollback()
        raise
    targets = summary.targets
    click.echo(f"Loaded {summary.users} users ({summary.users_reused} existing accounts reused), "
               f"{summary.categories} categories, {summary.threads} threads, {summary.posts} posts "
               f"in {summary.seconds:.1f} s.")
    for line in summary.extra_lines:
        click.echo(line)
    click.echo(f"Every bench user's password: {BENCH_PASSWORD}")
    click.echo("Benchmark targets:")
    click.echo(f"  biggest category: /forums/{targets['biggest_category_slug']} "
               f"({targets['biggest_category_threads']} threads in the full data set)")
    for label, key in (("long thread: ", "heavy_thread"), ("short thread:", "small_thread")):
        if targets[f"{key}_id"] is None:  # a --limit-posts load may end before the thread starts
            click.echo(f"  {label}     not in this load (--limit-posts)")
        else:
            click.echo(f"  {label}     /t/{targets[f'{key}_id']} ({targets[f'{key}_posts']} posts)")
    click.echo(f"  profile:          /u/{targets['top_username']} (most posts); "
               f"/u/{targets['median_username']} (median)")
