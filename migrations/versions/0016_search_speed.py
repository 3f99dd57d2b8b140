"""search speed on PostgreSQL: word pairs in each document's tsvector (a two-word phrase is one lexeme the GIN
index finds), the title's own tsvector (titles rank first without reading the whole document's), one GIN index
per text-search configuration instead of one for all (each row is matched in its own configuration, and with an
index per configuration PostgreSQL needs no second look at the rows it finds), and (kind, created_at) for one
kind's matches newest first

Existing rows get their pairs and their title's tsvector here, so the index answers at once (`flask search rebuild`
afterwards finds every document unchanged and vacuums the table); down again, the pairs leave the tsvectors and
the single index comes back.

Revision ID: 0016_search_speed
Revises: 0015_thread_language
Create Date: 2026-12-07 00:20:00

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '0016_search_speed'
down_revision = '0015_thread_language'
branch_labels = None
depends_on = None

CONFIGURATIONS = ('werkstadt_de', 'werkstadt_en', 'werkstadt_simple')

# Each two lexemes at neighbouring positions as one lexeme "a b" (no positions, no weight); a pair too long for a
# tsvector's lexeme (2,046 bytes) is left out, and the search then checks that phrase's positions instead.
WORD_PAIRS = """
CREATE OR REPLACE FUNCTION werkstadt_word_pairs(vector tsvector) RETURNS tsvector
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT coalesce(array_to_tsvector(array_agg(DISTINCT pair)), CAST('' AS tsvector)) FROM (
    SELECT a.lexeme || ' ' || b.lexeme AS pair
    FROM (SELECT lexeme, p FROM unnest(vector) AS u(lexeme, positions, weights), unnest(positions) AS p) AS a
    JOIN (SELECT lexeme, p FROM unnest(vector) AS u(lexeme, positions, weights), unnest(positions) AS p) AS b
      ON b.p = a.p + 1
  ) AS pairs WHERE octet_length(pair) < 2047
$$
"""


def _index(name):
    return 'ix_search_document_tsv_' + name.removeprefix('werkstadt_')


def upgrade():
    op.add_column('search_document',
                  sa.Column('title_tsv', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True))
    if op.get_bind().dialect.name == 'postgresql':
        op.execute(WORD_PAIRS)
        op.execute('UPDATE search_document SET title_tsv = to_tsvector(CAST(config AS regconfig), title),'
                   ' tsv = tsv || werkstadt_word_pairs(tsv)')
    op.drop_index('ix_search_document_tsv', table_name='search_document', postgresql_using='gin')
    for name in CONFIGURATIONS:
        op.create_index(_index(name), 'search_document', ['tsv'], unique=False, postgresql_using='gin',
                        postgresql_where=sa.text(f"config = '{name}'"))
    op.create_index('ix_search_document_title_tsv', 'search_document', ['title_tsv'], unique=False,
                    postgresql_using='gin')
    op.create_index('ix_search_document_kind_created_at', 'search_document', ['kind', 'created_at'], unique=False)


def downgrade():
    op.drop_index('ix_search_document_kind_created_at', table_name='search_document')
    op.drop_index('ix_search_document_title_tsv', table_name='search_document', postgresql_using='gin')
    for name in CONFIGURATIONS:
        op.drop_index(_index(name), table_name='search_document', postgresql_using='gin')
    op.create_index('ix_search_document_tsv', 'search_document', ['tsv'], unique=False, postgresql_using='gin')
    if op.get_bind().dialect.name == 'postgresql':
        op.execute("UPDATE search_document SET tsv = ts_delete(tsv, ARRAY(SELECT lexeme FROM unnest(tsv)"
                   " WHERE strpos(lexeme, ' ') > 0))")
        op.execute('DROP FUNCTION IF EXISTS werkstadt_word_pairs(tsvector)')
    op.drop_column('search_document', 'title_tsv')
