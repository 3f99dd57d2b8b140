"""usernames compared by their key: NFKC, case folding, NFKC again (app.users.usernames), unique, so names that
differ only in case or form ("straße", "STRASSE", the fullwidth "ｎｉｎａ") are one name. Existing rows get their
keys; where two already share one, the later account's key gets "#<id>" so the upgrade goes through, and the
upgrade reports it (and names that the new rules would refuse: no letter, a word of the site's own, mixed
alphabets) for an administrator to settle with the people concerned. Down again, the keys go.

Revision ID: 0018_username_keys
Revises: 0017_scheme_links
Create Date: 2026-12-07 03:10:00

"""
import logging
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0018_username_keys'
down_revision = '0017_scheme_links'
branch_labels = None
depends_on = None

KEY_LENGTH = 100
# The words app.users.usernames reserved when this migration was written (besides its routes' first segments).
RESERVED = frozenset({
    "admin", "administrator", "api", "edit", "me", "new", "settings", "static", "root", "system", "support",
    "help", "moderator", "moderators", "moderation", "staff", "werkstadt", "stadt", "city", "null", "none",
    "undefined", "anonymous", "deleted", "everyone", "all", "here", "www", "mail", "email", "login", "logout",
    "ideas", "forums", "solutions", "search", "u", "t", "posts", "register", "reset-password", "confirm",
    "notifications", "pages", "accessibility", "language", "transparency", "report", "design", "feed",
})
log = logging.getLogger("alembic.runtime.migration")


def key(name):
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())


def doubts(name):
    """Why the rules of app.users.usernames would refuse `name` now (an empty list when they would not)."""
    found = []
    if not any(char.isalpha() for char in name):
        found.append("has no letter")
    if key(name) in RESERVED:
        found.append("is a word of the site's own")
    scripts = {unicodedata.name(char, "?").split()[0].split("-")[0] for char in name if char.isalpha()}
    if len(scripts) > 1:
        found.append(f"mixes alphabets ({', '.join(sorted(scripts))})")
    return found


def upgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('username_key', sa.String(length=KEY_LENGTH), nullable=True))
    connection = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('username', sa.String),
                    sa.column('username_key', sa.String))
    owners = {}
    for ident, username in connection.execute(sa.select(user.c.id, user.c.username).order_by(user.c.id)).all():
        folded = key(username)
        if folded in owners:
            log.warning("username %r (user %s) is the same name as %r (user %s): its key is %r until it is "
                        "renamed", username, ident, owners[folded][1], owners[folded][0], f"{folded}#{ident}")
            suffix = f"#{ident}"
            folded = folded[:KEY_LENGTH - len(suffix)] + suffix
        else:
            owners[folded] = (ident, username)
        for doubt in doubts(username):
            log.warning("username %r (user %s) %s: new accounts may not take such a name", username, ident, doubt)
        connection.execute(user.update().where(user.c.id == ident).values(username_key=folded[:KEY_LENGTH]))
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.alter_column('username_key', existing_type=sa.String(length=KEY_LENGTH), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_user_username_key'), ['username_key'])


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_user_username_key'), type_='unique')
        batch_op.drop_column('username_key')
