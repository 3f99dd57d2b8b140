"""Signals the solutions send after a commit, for follows and notifications to subscribe to."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

solution_created = _signals.signal("solution-created")  # sender: Solution; actor=User
solution_status_changed = _signals.signal("solution-status-changed")  # sender: Solution; actor, from_status
idea_linked = _signals.signal("solution-idea-linked")  # sender: Solution; idea=Idea, actor=User
milestone_added = _signals.signal("milestone-added")  # sender: Solution; milestone=Milestone, actor=User
milestone_done = _signals.signal("milestone-done")  # sender: Solution; milestone=Milestone, actor=User
update_posted = _signals.signal("progress-update-posted")  # sender: Solution; update=ProgressUpdate
volunteered = _signals.signal("volunteered")  # sender: Solution; contribution=Contribution
volunteer_decided = _signals.signal("volunteer-decided")  # sender: Solution; contribution, actor=User
solution_rated = _signals.signal("solution-rated")  # sender: Solution; rating=Rating, changed=bool
