"""Signals voting sends after a vote was committed, for notifications to subscribe to."""
from __future__ import annotations

from blinker import Namespace

_signals = Namespace()

vote_cast = _signals.signal("vote-cast")  # sender: the voted object; voter=User, tally=Tally
vote_withdrawn = _signals.signal("vote-withdrawn")  # sender: the voted object; voter=User, tally=Tally
# sender: the voted object; actor=User, result=voting.services.SetAside, reason=str
votes_set_aside = _signals.signal("votes-set-aside")
