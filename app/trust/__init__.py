"""Trust: what keeps a public platform healthy before a moderator has to act.

- `settings`: the thresholds an administrator may change at /admin/settings, each with a default;
- `gate`: every write (idea, thread, reply, solution, edit) passes `gate.screen` inside its use case; screens
  refuse it (an error next to the field), change its text, or ask for something to happen once it is saved
  (hold it for review, report it); see docs/trust.md.
- `words` (the normal form and the matcher), `watched` (the list administrators keep) and `word_screen` (the
  gate's screen that blocks, holds, reports or replaces watched words).

The package is core: it imports `app.*` only, never a feature package.
"""


def register(app) -> None:
    """Load the trust tables (for create_all and Alembic) and add the watched words' screen to the gate."""
    from app.trust import models, word_screen  # noqa: F401

    word_screen.register()
