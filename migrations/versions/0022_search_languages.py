"""search in Turkish and Arabic on PostgreSQL: the text-search configurations werkstadt_tr (unaccent, then the
Turkish Snowball stemmer: `ışık`, `IŞIK` and `isik` are one word, `şehirlerimizde` is `sehir`) and werkstadt_ar
(the Arabic Snowball stemmer), an index for each, and the SQL function werkstadt_fold, which every text goes
through before its tsvector or tsquery is made: Arabic marks and tatweel dropped, `أ إ آ ٱ` written `ا`, `ى` `ي`
(app.folding.arabic_fold), and `İ` written `i` whatever the database's ctype. Existing documents in
Turkish or Arabic move to their configuration; every document's vectors are made again through werkstadt_fold.
Down again, they go back to werkstadt_simple and unfolded vectors, and the function and configurations go.

Revision ID: 0022_search_languages
Revises: 0021_username_folding
Create Date: 2026-12-07 05:55:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0022_search_languages'
down_revision = '0021_username_folding'
branch_labels = None
depends_on = None

# name -> (the configuration it copies, its stemming dictionary)
CONFIGURATIONS = {
    'werkstadt_tr': ('turkish', 'turkish_stem'),
    'werkstadt_ar': ('arabic', 'arabic_stem'),
}
LANGUAGES = {'tr': 'werkstadt_tr', 'ar': 'werkstadt_ar'}
MAX_INDEXED_BODY = 200_000  # app.search.backends.postgres.MAX_INDEXED_BODY when this was written
ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"
FOLD = f"""
CREATE OR REPLACE FUNCTION werkstadt_fold(words text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT translate(regexp_replace(words, '[{ARABIC_MARKS}]', '', 'g'), 'İأإآٱى', 'iااااي')
$$
"""


def _index(name):
    return 'ix_search_document_tsv_' + name.removeprefix('werkstadt_')


def _vectors(fold):
    """Every document's title_tsv and tsv made again (with their word pairs), its text folded or not."""
    title = 'werkstadt_fold(title)' if fold else 'title'
    body = f'werkstadt_fold(left(body, {MAX_INDEXED_BODY}))' if fold else f'left(body, {MAX_INDEXED_BODY})'
    op.execute(f'UPDATE search_document SET title_tsv = to_tsvector(CAST(config AS regconfig), {title})')
    op.execute("UPDATE search_document SET tsv = setweight(title_tsv, 'A') || "
               f"setweight(to_tsvector(CAST(config AS regconfig), {body}), 'B')")
    op.execute('UPDATE search_document SET tsv = tsv || werkstadt_word_pairs(tsv)')


def upgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if postgresql:
        bind = op.get_bind()
        home = bind.execute(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                    "WHERE extname = 'unaccent'")).scalar_one()
        for name, (parent, stemmer) in CONFIGURATIONS.items():
            op.execute(f'DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}')
            op.execute(f'CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {parent})')
            op.execute(f'ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word '
                       f'WITH {home}.unaccent, {stemmer}')
        op.execute(FOLD)
    for name in CONFIGURATIONS:
        op.create_index(_index(name), 'search_document', ['tsv'], unique=False, postgresql_using='gin',
                        postgresql_where=sa.text(f"config = '{name}'"))
    if postgresql:
        for language, name in LANGUAGES.items():
            op.execute(f"UPDATE search_document SET config = '{name}' "
                       f"WHERE split_part(split_part(lower(language), '-', 1), '_', 1) = '{language}'")
        _vectors(fold=True)


def downgrade():
    postgresql = op.get_bind().dialect.name == 'postgresql'
    if postgresql:
        op.execute("UPDATE search_document SET config = 'werkstadt_simple' "
                   f"WHERE config IN ({', '.join(repr(name) for name in CONFIGURATIONS)})")
        _vectors(fold=False)
    for name in CONFIGURATIONS:
        op.drop_index(_index(name), table_name='search_document', postgresql_using='gin')
    if postgresql:
        op.execute('DROP FUNCTION IF EXISTS werkstadt_fold(text)')
        for name in CONFIGURATIONS:
            op.execute(f'DROP TEXT SEARCH CONFIGURATION IF EXISTS {name}')
