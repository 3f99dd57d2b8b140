"""Background jobs, one interface: `enqueue(function, *args, **kwargs)`.

Where a job runs: with REDIS_URL set, on the RQ queue JOBS_QUEUE, run by `flask jobs worker`; without it (the
embedded default), in this process: after the response when a request enqueued it, at once otherwise (CLI
commands, tests). The rules are the same everywhere, so a job that works in one place works in the other:

- a job is a top-level function, named by its import path, called with plain values (ids, text, numbers, times,
  lists and dicts of them): never a database object, which would be stale or detached by the time it runs;
- it runs in an app context of its own, with a fresh database session, and commits its own work;
- a job enqueued inside a use case (app.unit_of_work) waits for its commit and is dropped on rollback, so it
  never runs before, or without, the change it is about; enqueued outside one (from a signal receiver after the
  commit, a command), it goes out at once;
- a failing job is logged and never breaks the page (an RQ worker keeps it in its failed-job registry); when
  Redis cannot be reached, the job runs in this process instead of being lost.
"""
from __future__ import annotations

import importlib
import inspect
import logging
import signal
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

import click
import redis
import rq
from flask import Flask, current_app, g, has_request_context
from flask.cli import AppGroup
from app.unit_of_work import after_commit, in_use_case

log = logging.getLogger("werkstadt.jobs")

Job = tuple[str, tuple, dict]
PLAIN = (type(None), bool, int, float, str, date, timedelta)  # date covers datetime
_QUEUE = "werkstadt.jobs"  # key in app.extensions
_WORKER: dict[str, Flask] = {}  # the app an RQ worker runs its jobs in

jobs_cli = AppGroup("jobs", help="Run background jobs.")


def enqueue(function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Run `function(*args, **kwargs)` in the background: on the RQ queue, or in this process (see above).

    Raises ValueError when `function` is not an importable top-level function, TypeError when an argument is
    not a plain value: both programming errors, found the same way with and without Redis.
    """
    _check_plain((args, kwargs))
    job: Job = (name_of(function), args, kwargs)
    if in_use_case():
        after_commit(_dispatch, job)
    else:
        _dispatch(job)


def name_of(function: Callable[..., Any]) -> str:
    """`module:function`, the name a job is stored and run by. Raises ValueError for anything else."""
    if not inspect.isfunction(function) or "." in function.__qualname__ or function.__module__ == "__main__":
        raise ValueError(f"a job must be a top-level function of a module, not {function!r}")
    name = f"{function.__module__}:{function.__qualname__}"
    if resolve(name) is not function:
        raise ValueError(f"{name} does not import as the function given (a decorator without functools.wraps?)")
    return name


def resolve(name: str) -> Callable[..., Any]:
    """The function `name` (`module:function`) names."""
    module, _, attribute = name.partition(":")
    return getattr(importlib.import_module(module), attribute)


def run(name: str, args: tuple, kwargs: dict) -> Any:
    """What RQ runs: the job `name` in an app context of the worker's app (built with create_app() once per
    process when the worker was not started by `flask jobs worker`)."""
    if "app" not in _WORKER:
        from app import create_app

        _WORKER["app"] = create_app()
    with _WORKER["app"].app_context():
        return resolve(name)(*args, **kwargs)


def init_app(app: Flask) -> None:
    """Run the jobs a request enqueued once its response has gone out; add `flask jobs`."""
    app.config.setdefault("JOBS_QUEUE", "werkstadt")
    app.after_request(_run_after_response)
    app.cli.add_command(jobs_cli)


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty instead of waiting for more jobs.")
def worker(burst: bool) -> None:
    """Run the jobs of the JOBS_QUEUE queue on REDIS_URL one after another (SIGTERM: stop after the current one)."""
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL"):
        raise click.UsageError("REDIS_URL is not set: jobs run in the web process after each response, "
                               "there is no queue to work on.")
    _WORKER["app"] = app
    queue = _queue(app)
    handlers = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    try:  # jobs run in this process, one app and one database pool for its life, as in a web worker
        rq.SimpleWorker([queue], connection=queue.connection).work(burst=burst, logging_level="INFO")
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)


def _dispatch(job: Job) -> None:
    app = current_app._get_current_object()
    if app.config.get("REDIS_URL"):
        try:
            _queue(app).enqueue_call(func=run, args=job, description=job[0])
            return
        except redis.RedisError:
            log.exception("Redis did not take job %s; it runs in this process instead", job[0])
    if has_request_context():
        g.setdefault("jobs_after_response", []).append(job)
    else:
        _run_here(app, job)


def _run_after_response(response):
    jobs = g.setdefault("jobs_after_response", [])  # later enqueues of this request join the same list
    response.call_on_close(partial(_run_all, current_app._get_current_object(), jobs))
    return response


def _run_all(app: Flask, jobs: list[Job]) -> None:
    while jobs:  # popped, so a response closed twice runs nothing twice
        _run_here(app, jobs.pop(0))


def _run_here(app: Flask, job: Job) -> None:
    name, args, kwargs = job
    try:
        with app.app_context():
            resolve(name)(*args, **kwargs)
    except Exception:  # noqa: BLE001 - a job never breaks the page or the command that enqueued it
        log.exception("job %s failed", name)


def _queue(app: Flask) -> rq.Queue:
    if _QUEUE not in app.extensions:
        connection = redis.Redis.from_url(app.config["REDIS_URL"])
        app.extensions[_QUEUE] = rq.Queue(app.config["JOBS_QUEUE"], connection=connection)
    return app.extensions[_QUEUE]


def _check_plain(value: Any) -> None:
    if isinstance(value, (list, tuple)):
        for item in value:
            _check_plain(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_plain(key)
            _check_plain(item)
    elif not isinstance(value, PLAIN):
        raise TypeError(f"a job takes plain values (ids, text, numbers, times, lists, dicts), not {value!r}")

