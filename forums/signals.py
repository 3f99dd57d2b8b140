"""Signals the forums send after a commit, for notifications and search to subscribe to."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

thread_created = _signals.signal("thread-created")  # sender: Thread
post_created = _signals.signal("post-created")  # sender: Post
post_edited = _signals.signal("post-edited")  # sender: Post; revision=PostRevision, editor=User
post_deleted = _signals.signal("post-deleted")  # sender: Post; actor=User
user_mentioned = _signals.signal("user-mentioned")  # sender: Post; user_ids=list[int] (newly mentioned)
thread_state_changed = _signals.signal("thread-state-changed")  # sender: Thread; actor=User, change=str
