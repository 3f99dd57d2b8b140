"""Signals the ideas send after a commit, for notifications, feeds and search to subscribe to."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

idea_published = _signals.signal("idea-published")  # sender: Idea
idea_supported = _signals.signal("idea-supported")  # sender: Idea; supporter=User, count=int
idea_support_withdrawn = _signals.signal("idea-support-withdrawn")  # sender: Idea; supporter=User, count=int
idea_status_changed = _signals.signal("idea-status-changed")  # sender: Idea; change=IdeaStatusChange
idea_answered = _signals.signal("idea-answered")  # sender: Idea; change=IdeaStatusChange, on_time=bool|None
threshold_reached = _signals.signal("threshold-reached")  # sender: Idea; due=datetime
# sender: Idea; actor=User, voter_ids=list[int], reason=str, entry_id=int (the audit entry of the bulk action)
supports_set_aside = _signals.signal("supports-set-aside")
# sender: the duplicate Idea; original=Idea, change=IdeaStatusChange, supporter_ids=list[int] (its counted
# supports before the merge), follower_ids=list[int] (its followers before the merge)
idea_merged = _signals.signal("idea-merged")
