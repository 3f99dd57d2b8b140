"""One transaction per use case: steps flush, the outermost use case commits once, signals go out after it.

A *use case* is a public service function a view, a CLI command or a job calls (`support`, `create_solution`).
Decorated with `@use_case`, it may call other use cases: only the outermost one commits, and if anything
raises on the way the whole transaction is rolled back. Signals are not sent where they happen, and background
jobs are not enqueued there either: `send_after_commit` and `after_commit` queue them on the session; an
`after_commit` listener releases them and they go out as soon as the commit has returned, so receivers (follows,
notifications) and jobs (e-mails) never see a change that did not happen, and receivers may run use cases of
their own. A rollback, or a session closed without a commit, drops them.
This is Decidim's "transaction, then broadcast" and microblog's before/after-commit hooks in one place.
"""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from blinker import Signal
from flask_sqlalchemy.session import Session as FlaskSession
from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

P = ParamSpec("P")
R = TypeVar("R")

_DEPTH = "use_case_depth"
_QUEUED = "signals_queued"
_RELEASED = "signals_released"


class UnitOfWorkSession(FlaskSession):
    """Flask-SQLAlchemy's session that makes the calls a commit released once the commit has returned."""

    def commit(self) -> None:
        super().commit()
        released = self.info.pop(_RELEASED, [])
        for callback, args, kwargs in released:
            callback(*args, **kwargs)


def after_commit(callback: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Call `callback(*args, **kwargs)` once the current transaction has committed; never if it rolls back."""
    from app.extensions import db

    db.session().info.setdefault(_QUEUED, []).append((callback, args, kwargs))


def queue_once_after_commit(session: Session, callback: Callable[[], Any]) -> None:
    """Call `callback()` once after `session`'s transaction commits, however often this is asked in it (used by
    flush listeners, which see their session but may not run inside a use case)."""
    queued = session.info.setdefault(_QUEUED, [])
    if not any(each is callback for each, _, _ in queued):
        queued.append((callback, (), {}))


def send_after_commit(signal: Signal, sender: Any, **kwargs: Any) -> None:
    """Queue `signal.send(sender, **kwargs)` for after the current transaction commits (dropped on rollback)."""
    after_commit(signal.send, sender, **kwargs)


def use_case(function: Callable[P, R]) -> Callable[P, R]:
    """Make `function` one transaction: commit once when the outermost use case returns, roll back if it raises.

    Nested use cases only flush, so a failure anywhere leaves nothing written and sends no signal.
    """

    @wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        from app.extensions import db

        session = db.session()
        depth = session.info.get(_DEPTH, 0)
        session.info[_DEPTH] = depth + 1
        try:
            result = function(*args, **kwargs)
            if depth:
                session.flush()
                return result
        except BaseException:
            if not depth:
                session.rollback()
            raise
        finally:
            session.info[_DEPTH] = depth
        try:
            session.commit()  # outside the use case: the receivers of its signals run use cases of their own
        except BaseException:
            session.rollback()
            raise
        return result

    return run


def in_use_case() -> bool:
    """True while a use case runs on this session (a step may then rely on the caller's commit)."""
    from app.extensions import db

    return db.session().info.get(_DEPTH, 0) > 0


@event.listens_for(UnitOfWorkSession, "after_commit")
def _release(session: Session) -> None:
    """The transaction is committed: its queued calls may go out (UnitOfWorkSession.commit makes them)."""
    session.info.setdefault(_RELEASED, []).extend(session.info.pop(_QUEUED, []))


@event.listens_for(UnitOfWorkSession, "after_transaction_end")
def _drop_uncommitted(session: Session, transaction: SessionTransaction) -> None:
    """A transaction that ended without a commit (rollback, close) takes its queued calls with it."""
    if transaction.parent is None:
        session.info.pop(_QUEUED, None)
