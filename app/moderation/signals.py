"""Signals moderation sends after a commit (statements by e-mail, notifications, search and caches subscribe)."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

report_filed = _signals.signal("report-filed")  # sender: Report
notice_received = _signals.signal("notice-received")  # sender: Notice
decision_made = _signals.signal("decision-made")  # sender: Decision (a restriction's statement goes out on it)
visibility_changed = _signals.signal("visibility-changed")  # sender: Subject; hidden=bool
appeal_filed = _signals.signal("appeal-filed")  # sender: Appeal
appeal_decided = _signals.signal("appeal-decided")  # sender: Appeal
sanction_changed = _signals.signal("sanction-changed")  # sender: User; sanction=Sanction, lifted=bool
# Sent by the features (after the commit) when an author edits their own hidden content: it goes back to the queue.
hidden_content_edited = _signals.signal("hidden-content-edited")  # sender: Subject; editor=User
