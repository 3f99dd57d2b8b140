"""Benchmarks: the benchmark data set (`flask bench load-dataset`, bench/dataset/) and the scripts that measure
pages on it (see bench/README.md).

Like `demo`, this package sits above every feature package: it loads forums and ideas through their tables, so
they carry nothing but the product. Only `app/__init__.py` imports it (`register(app)`); nothing else may.
"""
from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    """Add `flask bench load-dataset`, loading the forum rows and then the ideas' part of the data set."""
    from bench.dataset import forums, ideas
    from bench.dataset.cli import bench_cli

    app.cli.add_command(bench_cli)
    forums.add_extra(app, ideas.extra())
