"""The versions of an edited post, newest first, each with a word-by-word difference to the one before."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.users.models import User
from forums.models import Post, PostRevision

_TOKENS = re.compile(r"\s+|[^\s]+")


@dataclass
class Change:
    kind: str  # "same", "added" or "removed"
    text: str


@dataclass
class Version:
    number: int  # 1 is the original text
    text: str
    by: User | None
    at: datetime
    changes: list[Change]  # against the version before; the whole text as "same" for the original


def versions(post: Post) -> list[Version]:
    """Every version of `post`, newest first (two queries: revisions with their editors)."""
    revisions = db.session.execute(
        select(PostRevision).where(PostRevision.post_id == post.id)
        .options(joinedload(PostRevision.editor)).order_by(PostRevision.number)).scalars().all()
    texts = [revision.body_md for revision in revisions] + [post.body_md]
    makers = [(post.author, post.created_at)] + [(revision.editor, revision.created_at) for revision in revisions]
    found = []
    for index, (text, (by, at)) in enumerate(zip(texts, makers, strict=True)):
        changes = diff(texts[index - 1], text) if index else [Change("same", text)]
        found.append(Version(index + 1, text, by, at, changes))
    return found[::-1]


def diff(old: str, new: str) -> list[Change]:
    """The changes from `old` to `new`, word by word, keeping whitespace and line breaks."""
    before, after = _TOKENS.findall(old), _TOKENS.findall(new)
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag in ("delete", "replace"):
            changes.append(Change("removed", "".join(before[i1:i2])))
        if tag in ("insert", "replace"):
            changes.append(Change("added", "".join(after[j1:j2])))
        if tag == "equal":
            changes.append(Change("same", "".join(before[i1:i2])))
    return changes
