"""Trust: what keeps a public platform healthy before a moderator has to act.

- `settings`: the thresholds an administrator may change at /admin/settings, each with a default;
- `gate`: every write (idea, thread, reply, solution, edit) passes `gate.screen` inside its use case; screens
  refuse it (an error next to the field), change its text, or ask for something to happen once it is saved
  (hold it for review, report it); see docs/trust.md;
- `activity`: what each feature's members write, registered by the features, counted per account;
- `sandbox`: the new-member sandbox, automatic promotion and the moderators' choice of a level (`views`);
- `limits`: per-account write limits and the caps on links and mentions per post (a gate screen);
- `holding`: pre-moderation, the gate's holder (held writes wait hidden in the review queue);
- `words` (the normal form and the matcher), `watched` (the list administrators keep) and `word_screen` (the
  gate's screen that blocks, holds, reports or replaces watched words).

The package is core: it imports `app.*` only, never a feature package.
"""


def register(app) -> None:
    """Load the trust tables (for create_all and Alembic), put the screens into the gate, mount the pages."""
    from app.moderation.policy import is_moderator
    from app.trust import holding, limits, models, sandbox, views, word_screen  # noqa: F401

    sandbox.register(app)
    limits.register(app)
    holding.register(app)
    word_screen.register()
    app.register_blueprint(views.bp)
    app.add_template_global(sandbox.level_label, "trust_level_label")
    app.add_template_global(lambda viewer, person: is_moderator(viewer) and person is not None
                            and viewer.id != person.id, "may_set_trust")
