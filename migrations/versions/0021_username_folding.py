"""usernames in every script: keys fold the Turkish dotted and dotless i together and Arabic marks, tatweel and
letter forms (app.folding.comparison_key), so `ılker` and `İlker`, or `أحمد` and `احمد`, are one name. Existing
keys are computed again; where two accounts now share one, the later account's key gets "#<id>" and the upgrade
reports it for an administrator to settle. Down again, the keys are computed the earlier way.

Revision ID: 0021_username_folding
Revises: 0020_data_exports
Create Date: 2026-12-07 05:40:00

"""
import logging
import re
import unicodedata

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0021_username_folding'
down_revision = '0020_data_exports'
branch_labels = None
depends_on = None

KEY_LENGTH = 100
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
DOTLESS_AND_DOTTED_I = str.maketrans({"ı": "i", "İ": "i"})
log = logging.getLogger("alembic.runtime.migration")


def folded_key(name):
    """app.folding.comparison_key as this migration was written."""
    text = unicodedata.normalize("NFKC", name.strip()).translate(DOTLESS_AND_DOTTED_I)
    return unicodedata.normalize("NFKC", ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS).casefold())


def earlier_key(name):
    """The key of 0018_username_keys."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", name.strip()).casefold())


def rekey(key):
    connection = op.get_bind()
    user = sa.table('user', sa.column('id', sa.Integer), sa.column('username', sa.String),
                    sa.column('username_key', sa.String))
    rows = connection.execute(sa.select(user.c.id, user.c.username, user.c.username_key).order_by(user.c.id)).all()
    owners, wanted = {}, {}
    for ident, username, _stored in rows:
        folded = key(username)[:KEY_LENGTH]
        if folded in owners:
            suffix = f"#{ident}"
            log.warning("username %r (user %s) is the same name as %r (user %s): its key is %r until it is "
                        "renamed", username, ident, owners[folded][1], owners[folded][0],
                        folded[:KEY_LENGTH - len(suffix)] + suffix)
            folded = folded[:KEY_LENGTH - len(suffix)] + suffix
        else:
            owners[folded] = (ident, username)
        wanted[ident] = folded
    changed = [(ident, wanted[ident]) for ident, _username, stored in rows if stored != wanted[ident]]
    # Two passes, so that no two rows hold one key in between (the keys are unique).
    for ident, _key in changed:
        connection.execute(user.update().where(user.c.id == ident).values(username_key=f"#rekey#{ident}"))
    for ident, new_key in changed:
        connection.execute(user.update().where(user.c.id == ident).values(username_key=new_key))


def upgrade():
    rekey(folded_key)


def downgrade():
    rekey(earlier_key)
