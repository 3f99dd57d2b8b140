"""Turkish search stems before it folds: werkstadt_tr keeps its Turkish letters for the Snowball stemmer (which
needs them: `formları` -> `form`) and the lexemes are folded afterwards, with unaccent over the vector's text, so
`ışık`, `IŞIK` and `isik` still meet. The SQL functions werkstadt_vector(config, text) and werkstadt_query(config,
text) make every document's vector and every query in one place: Turkish text lower-cased the Turkish way, then
stemmed, then folded; every other configuration as before (werkstadt_fold, then the configuration). The Turkish
documents' vectors are made again. Down again, werkstadt_tr folds first as before and the functions go.

Revision ID: 0025_turkish_stemming
Revises: 0024_plain_summaries
Create Date: 2026-12-07 07:20:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0025_turkish_stemming'
down_revision = '0024_plain_summaries'
branch_labels = None
depends_on = None

MAX_INDEXED_BODY = 200_000  # app.search.backends.postgres.MAX_INDEXED_BODY when this was written


def _functions(home):
    turkish = "lower(translate(werkstadt_fold(words), 'I', 'ı'))"
    return [f"""
CREATE OR REPLACE FUNCTION werkstadt_vector(config regconfig, words text) RETURNS tsvector
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN config = CAST('werkstadt_tr' AS regconfig)
    THEN CAST({home}.unaccent(CAST(to_tsvector(config, {turkish}) AS text)) AS tsvector)
    ELSE to_tsvector(config, werkstadt_fold(words)) END
$$""", f"""
CREATE OR REPLACE FUNCTION werkstadt_query(config regconfig, words text) RETURNS tsquery
LANGUAGE sql STABLE STRICT PARALLEL SAFE AS $$
  SELECT CASE WHEN config = CAST('werkstadt_tr' AS regconfig)
    THEN CAST({home}.unaccent(CAST(websearch_to_tsquery(config, {turkish}) AS text)) AS tsquery)
    ELSE websearch_to_tsquery(config, werkstadt_fold(words)) END
$$"""]


def _turkish_vectors(vector):
    op.execute(f"UPDATE search_document SET title_tsv = {vector('title')} WHERE config = 'werkstadt_tr'")
    op.execute(f"UPDATE search_document SET tsv = setweight(title_tsv, 'A') || "
               f"setweight({vector(f'left(body, {MAX_INDEXED_BODY})')}, 'B') WHERE config = 'werkstadt_tr'")
    op.execute("UPDATE search_document SET tsv = tsv || werkstadt_word_pairs(tsv) WHERE config = 'werkstadt_tr'")


def _home():
    return op.get_bind().execute(sa.text("SELECT extnamespace::regnamespace::text FROM pg_extension "
                                         "WHERE extname = 'unaccent'")).scalar_one()


def upgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    op.execute('ALTER TEXT SEARCH CONFIGURATION werkstadt_tr ALTER MAPPING FOR hword, hword_part, word '
               'WITH turkish_stem')
    for statement in _functions(_home()):
        op.execute(statement)
    _turkish_vectors(lambda text: f"werkstadt_vector(CAST(config AS regconfig), {text})")


def downgrade():
    if op.get_bind().dialect.name != 'postgresql':
        return
    home = _home()
    op.execute('ALTER TEXT SEARCH CONFIGURATION werkstadt_tr ALTER MAPPING FOR hword, hword_part, word '
               f'WITH {home}.unaccent, turkish_stem')
    op.execute('DROP FUNCTION IF EXISTS werkstadt_vector(regconfig, text)')
    op.execute('DROP FUNCTION IF EXISTS werkstadt_query(regconfig, text)')
    _turkish_vectors(lambda text: f"to_tsvector(CAST(config AS regconfig), werkstadt_fold({text}))")
