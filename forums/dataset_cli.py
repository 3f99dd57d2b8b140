"""`flask bench load-dataset`: load the shared benchmark data set (forums/dataset.py does the work)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from app.extensions import db
from forums.dataset import (BENCH_PASSWORD, has_forum_data, default_perf_dir, load, load_dataset_module,
                            reset_forum_data)

bench_cli = AppGroup("bench", help="Benchmark data.")


def dataset_of(module, spec_path: Path, *, end_now: bool):
    """The data set of the spec file (or the module's own); with `end_now` its time line is moved to end now.

    The spec ends on a fixed date; moving it keeps every thread, post and vote (same seed) but makes "recent"
    mean something on the day of the benchmark (trending ideas, supports of the last 14 days).
    """
    if not end_now:
        return module.Dataset.from_file(spec_path if spec_path.is_file() else None)
    spec = json.loads((spec_path if spec_path.is_file() else Path(module.__file__).with_name("dataset_spec.json"))
                      .read_text())
    spec["end_time"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    return module.Dataset(spec)


def _click_bar(label: str, length: int):
    return click.progressbar(length=length, label=label, show_pos=True, show_eta=True)


@bench_cli.command("load-dataset")
@click.option("--perf-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Directory with dataset.py and dataset_spec.json [default: ../shared/perf from the project].")
@click.option("--reset", is_flag=True,
              help="Delete every forum row, what the extras loaded (ideas) and the bench users first.")
@click.option("--limit-posts", type=click.IntRange(min=1), default=None,
              help="Load only the first N posts (chronologically), with their threads: for quick runs.")
@click.option("--force", is_flag=True, help="Run even in the production configuration.")
@click.option("--end-now", is_flag=True,
              help="Move the data set's time line to end now (its spec ends on a fixed date), so that recent "
                   "activity (trending ideas) exists on the day of the benchmark.")
def load_dataset_command(perf_dir: Path | None, reset: bool, limit_posts: int | None, force: bool,
                         end_now: bool) -> None:
    """Load the shared synthetic forum data set (users, categories, threads, posts, and what the extras add:
    ideas with their supports) for benchmarks."""
    if current_app.config.get("ENV_NAME") == "production" and not force:
        raise click.ClickException("Refusing to load benchmark data in production (WERKSTADT_ENV); "
                                   "pass --force if you mean it.")
    perf_dir = perf_dir or default_perf_dir()
    module = load_dataset_module(perf_dir)
    spec_path = perf_dir / "dataset_spec.json"
    if has_forum_data():
        if not reset:
            raise click.ClickException("There are forum rows, ideas or bench users already; pass --reset to delete "
                                       "them first.")
        click.echo("Deleting existing forum data, ideas and bench users ...")
        reset_forum_data()
        db.session.commit()
    ds = dataset_of(module, spec_path, end_now=end_now)
    available = ds.manifest()["posts"]
    total = min(limit_posts, available) if limit_posts else available
    click.echo(f"Loading {len(ds.users)} users, {len(ds.forums)} categories, up to {len(ds.topics)} threads "
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
    click.echo(f"  long thread:      /t/{targets['heavy_thread_id']} ({targets['heavy_thread_posts']} posts)")
    click.echo(f"  short thread:     /t/{targets['small_thread_id']} ({targets['small_thread_posts']} posts)")
    click.echo(f"  profile:          /u/{targets['top_username']} (most posts); "
               f"/u/{targets['median_username']} (median)")
