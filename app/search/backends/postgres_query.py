"""How the PostgreSQL backend asks: a Parsed query as one tsquery per text-search configuration, and the SQL of a
search page (the counts per kind and the page with its highlights, in one statement).

Every document is stored in its own language's configuration (CONFIGURATIONS: "de" -> werkstadt_de, ...; other
languages werkstadt_simple, unstemmed but without accents), so a query is made once in each configuration and a
row matches the query of its own: `(config = 'werkstadt_de' AND tsv @@ q_de) OR (config = 'werkstadt_en' AND ...)`,
which the planner answers with one GIN bitmap scan per configuration.

Each term of the query goes through `websearch_to_tsquery` in every configuration, all in one statement
(`lexemes_statement`); it never raises, and it gets only words of letters and digits (a phrase in double quotes),
whatever Parsed holds. The clauses are joined here, so "a or b c" means (a | b) & c as app.search.query says
(websearch_to_tsquery itself would read a | (b & c)), and in German (PREFIXED) a word's lexeme of PREFIX_MIN
characters or more becomes a prefix match ('burg':*): "Bürger" finds "Bürgerbüro", in excluded terms too. Phrases
match their words exactly, in a row, as in the Whoosh backend (a prefix inside a phrase made PostgreSQL check the
positions of every document with words that begin so: a second for "district city" on 100,000 posts). A term that
is only stop words in a language drops out there, as websearch_to_tsquery drops it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone

from sqlalchemy import TextClause, text

from app.search.query import MARK_END, MARK_START, Parsed, SearchRequest, Term

# language -> its text-search configuration (migration 0014 creates them); add Turkish or Arabic here.
CONFIGURATIONS: dict[str, str] = {"de": "werkstadt_de", "en": "werkstadt_en"}
FALLBACK = "werkstadt_simple"
PREFIX_MIN = 4  # lexemes this long or longer match as prefixes
PREFIXED = frozenset({"werkstadt_de"})  # configurations whose words also find the compounds they begin
WEIGHTS = "{0.05, 0.1, 0.4, 1.0}"  # D, C, B (the body), A (the title)
LT = "\ue002"  # stands for "<" while ts_headline reads a text, which would drop anything that looks like a tag

_WORD = re.compile(r"[^\W_]+")
_LEXEME = re.compile(r"'((?:[^'\\]|''|\\.)*)'")  # a quoted lexeme in a tsquery's text, escapes and all
_NAME = re.compile(r"^[a-z_]+$")

# One piece around the best match, a short body whole (MaxFragments would trim stop words and stops at its edges).
BODY_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
TITLE_HEADLINE = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"


def configuration(language: str | None) -> str:
    """The text-search configuration of a content language ("de", "de-AT", "en", ...)."""
    primary = (language or "").split("-")[0].split("_")[0].lower()
    return CONFIGURATIONS.get(primary, FALLBACK)


def all_configurations() -> tuple[str, ...]:
    """Every configuration a document may be stored in, in a fixed order."""
    names = tuple(sorted(set(CONFIGURATIONS.values()) | {FALLBACK}))
    assert all(_NAME.match(name) for name in names)  # they are written into SQL as literals
    return names


def term_text(term: Term) -> str:
    """The term in websearch_to_tsquery's syntax with nothing but words: a word, or a phrase in double quotes."""
    words = [" ".join(_WORD.findall(word.replace("\x00", " "))) for word in term.words]
    words = [word for word in words if word and word.lower() != "or"]
    joined = " ".join(words)
    return f'"{joined}"' if len(joined.split()) > 1 else joined


def terms_of(parsed: Parsed) -> list[Term]:
    """Every term of `parsed`, each once, in order: the ones lexemes_statement asks about."""
    seen: dict[Term, None] = {}
    for clause in parsed.clauses:
        for term in clause:
            seen.setdefault(term, None)
    for term in parsed.excluded:
        seen.setdefault(term, None)
    return list(seen)


def lexemes_statement(terms: list[Term]) -> tuple[TextClause, dict]:
    """One statement: (configuration, term number from 1, the term's tsquery as text) for every pair."""
    sql = text(
        "SELECT c.name, t.n, CAST(websearch_to_tsquery(CAST(c.name AS regconfig), t.term) AS text) AS query "
        "FROM unnest(CAST(:terms AS text[])) WITH ORDINALITY AS t(term, n) "
        "CROSS JOIN unnest(CAST(:configurations AS text[])) AS c(name)")
    return sql, {"terms": [term_text(term) for term in terms], "configurations": list(all_configurations())}


def prefixed(query: str) -> str:
    """A tsquery's text with every lexeme of PREFIX_MIN characters or more as a prefix match."""

    def one(match: re.Match) -> str:
        lexeme = re.sub(r"\\(.)", r"\1", match.group(1)).replace("''", "'")
        return match.group(0) + (":*" if len(lexeme) >= PREFIX_MIN else "")

    return _LEXEME.sub(one, query)


@dataclass(frozen=True)
class Queries:
    """Per configuration: the tsquery that matches (`match`) and the one that ranks and highlights (`highlight`:
    any of the searched terms, without the excluded ones). A configuration where the query has no lexemes is absent."""

    match: dict[str, str]
    highlight: dict[str, str]


def compose(parsed: Parsed, terms: list[Term], rows) -> Queries:
    """The Queries of `parsed` from lexemes_statement's rows."""
    found: dict[tuple[str, int], str] = {(name, n): query for name, n, query in rows}
    number = {term: n for n, term in enumerate(terms, start=1)}
    match: dict[str, str] = {}
    highlight: dict[str, str] = {}
    for name in all_configurations():
        def query_of(term: Term) -> str:
            query = found.get((name, number[term])) or ""
            return prefixed(query) if name in PREFIXED and not term.is_phrase else query

        clauses = []
        for clause in parsed.clauses:
            alternatives = [query for query in map(query_of, clause) if query]
            if alternatives:
                clauses.append(" | ".join(f"( {query} )" for query in alternatives))
        if not clauses:
            continue
        excluded = [f"!( {query} )" for query in map(query_of, parsed.excluded) if query]
        match[name] = " & ".join([f"( {clause} )" for clause in clauses] + excluded)
        highlight[name] = " | ".join(f"( {query} )" for clause in parsed.clauses for query in map(query_of, clause)
                                     if query)
    return Queries(match, highlight)


def _groups(values: dict[str, str]) -> list[tuple[str, list[str]]]:
    """(tsquery, the configurations that have it), in a fixed order: configurations that make the same query of
    the search (no stemming difference, as often) share one condition."""
    groups: dict[str, list[str]] = {}
    for name in all_configurations():
        if name in values:
            groups.setdefault(values[name], []).append(name)
    return list(groups.items())


def _per_config(values: dict[str, str], prefix: str, table: str = "") -> tuple[str, dict]:
    """The tsquery of each row's configuration as SQL (one parameter when they are all the same), and its
    parameters."""
    groups = _groups(values)
    params = {f"{prefix}{i}": query for i, (query, _) in enumerate(groups)}
    if len(groups) == 1:
        return f"CAST(:{prefix}0 AS tsquery)", params
    whens = " ".join(f"WHEN {table}config IN ({_names(names)}) THEN CAST(:{prefix}{i} AS tsquery)"
                     for i, (_, names) in enumerate(groups))
    return f"CASE {whens} END", params


def _names(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def where(request: SearchRequest, queries: Queries) -> tuple[str, dict]:
    """The WHERE condition of a search: the match in each row's own configuration (a plain `tsv @@ q` when every
    configuration makes the same query), what the viewer may see, and the filters but the kind filter."""
    params: dict = {}
    groups = _groups(queries.match)
    if len(groups) == 1 and len(groups[0][1]) == len(all_configurations()):
        conditions = ["tsv @@ CAST(:q0 AS tsquery)"]
    else:
        conditions = ["(" + " OR ".join(f"(config IN ({_names(names)}) AND tsv @@ CAST(:q{i} AS tsquery))"
                                        for i, (_, names) in enumerate(groups)) + ")"]
    params.update({f"q{i}": query for i, (query, _) in enumerate(groups)})
    viewer = request.viewer
    if not viewer.sees_hidden:
        if viewer.id is None:
            conditions.append("NOT hidden")
        else:
            conditions.append("(NOT hidden OR CAST(:viewer AS integer) = ANY(visible_to))")
            params["viewer"] = viewer.id
    if request.category is not None:
        conditions.append("category = :category")
        params["category"] = request.category
    if request.statuses:
        conditions.append("status = ANY(CAST(:statuses AS text[]))")
        params["statuses"] = list(request.statuses)
    if request.author_id is not None:
        conditions.append("author_id = :author_id")
        params["author_id"] = request.author_id
    if request.since is not None:
        conditions.append("created_at >= :since")
        params["since"] = datetime.combine(request.since, time(), timezone.utc)
    if request.until is not None:
        conditions.append("created_at < :until")
        params["until"] = datetime.combine(request.until + timedelta(days=1), time(), timezone.utc)
    return " AND ".join(conditions), params


COUNT, HIT = 0, 1  # the two kinds of rows search_statement returns


def search_statement(request: SearchRequest, queries: Queries, offset: int, limit: int) -> tuple[TextClause, dict]:
    """One statement, one scan of the matches: rows (part COUNT, kind, number) with the number of matches per
    kind (every filter but the kind filter), then rows (part HIT, kind, number: the object id, hidden, score,
    title, snippet) of the page in order, marked when request.snippets."""
    condition, params = where(request, queries)
    # ts_rank of any of the terms: weights and frequencies, not proximity, which costs ts_rank_cd (or ts_rank of
    # an AND) seconds on thousands of matches of a query of many common words (measured on 20,000 documents).
    rank_query, rank_params = _per_config(queries.highlight, "r", "d.")
    params.update(rank_params, offset=offset, limit=limit)
    rank = f"ts_rank(CAST('{WEIGHTS}' AS real[]), d.tsv, {rank_query})"
    if request.sort == "newest":
        inner_score, outer_score = "0", rank
        order = "created_at DESC, kind, object_id"
    else:
        inner_score, outer_score = rank, "p.score"
        order = "score DESC, created_at DESC, kind, object_id"
    kinds = ""
    if request.kinds:
        kinds = "WHERE kind = ANY(CAST(:kinds AS text[]))"
        params["kinds"] = list(request.kinds)
    if request.snippets:
        light, light_params = _per_config(queries.highlight, "h", "d.")
        params.update(light_params, lt=LT, title_options=TITLE_HEADLINE, body_options=BODY_HEADLINE)
        shown = (f"ts_headline(CAST(d.config AS regconfig), replace(d.title, '<', :lt), {light}, :title_options),"
                 f" ts_headline(CAST(d.config AS regconfig), replace(d.body, '<', :lt), {light}, :body_options)")
    else:
        shown = "d.title, ''"
    sql = (f"WITH matches AS MATERIALIZED (SELECT kind, object_id, created_at, hidden, {inner_score} AS score"
           f" FROM search_document AS d WHERE {condition}),"
           f" page AS (SELECT *, row_number() OVER (ORDER BY {order}) AS position FROM"
           f" (SELECT * FROM matches {kinds} ORDER BY {order} LIMIT :limit OFFSET :offset) AS chosen)"
           f" SELECT {COUNT} AS part, kind, count(*) AS number, false AS hidden, CAST(0 AS real) AS score,"
           f" NULL AS title, NULL AS snippet, 0 AS position FROM matches GROUP BY kind"
           f" UNION ALL SELECT {HIT}, p.kind, p.object_id, p.hidden, {outer_score}, {shown}, p.position"
           f" FROM page AS p JOIN search_document AS d ON d.kind = p.kind AND d.object_id = p.object_id"
           f" ORDER BY part, position")
    return text(sql), params
