"""The SQL of a PostgreSQL search page: the counts per kind and the page with its highlights, in one statement.

A row matches the query of its own configuration (app.search.backends.postgres_tsquery), one branch per
configuration: `(config = 'werkstadt_de' AND tsv @@ q_de) OR (config = 'werkstadt_en' AND tsv @@ q_en) ...`, which
the planner answers with the GIN index of each configuration's rows (app.search.models), no row read twice.

Counting stops at COUNT_CAP: a word in a third of 100,000 documents is "more than 1,000 results" (Results.more), as
Discourse shows "50+", and the count reads a thousand rows, not thirty thousand (100 ms). The matches to count are a
MATERIALIZED common table expression, which PostgreSQL plans for all its rows (the GIN index), and reads only as far
as the count asks; asked with a LIMIT directly, the planner reads the table from the start, checking every row.

Relevance is the Whoosh backend's, in tiers (whoosh_ranking): a match scores 1, and TITLE_WEIGHT more for each
searched term in its title (`title_tsv`, the title's own small tsvector); equal scores go newest first. The Whoosh
backend also adds 1 for each term in the body, which would mean reading each match's whole tsvector here: within
the title tier, a title match whose body lacks the word is not put after one whose body has it.

The page: with COUNT_CAP matches or fewer, sorted from the matches the count has read. With more, the matches
without a searched term in their title (most of them) are their own query, ORDER BY created_at DESC with a LIMIT,
which walks the created_at index (or (kind, created_at) for a chosen kind) back from the newest and stops as soon
as it has the page's rows, which with that many matches comes early; those with one in their title are another
(found through the title_tsv index when there are few), newest first for one term and scored for several.
"""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from collections.abc import Hashable
from typing import TypeVar

from sqlalchemy import TextClause, text

from app.search.backends.postgres_tsquery import LEXEME, WORD, Queries, all_configurations, unquoted
from app.search.query import MARK_END, MARK_START, SearchRequest

COUNT_CAP = 1000  # matches counted at most; more are "more than COUNT_CAP"
TITLE_WEIGHT = 2  # what each searched term in the title adds to a match's score (whoosh_ranking.TITLE_WEIGHT)
LT = "\ue002"  # stands for "<" while ts_headline reads a text, which would drop anything that looks like a tag

# One piece around the best match, a short body whole (MaxFragments would trim stop words and stops at its edges).
BODY_HEADLINE = f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords=35, MinWords=15"
TITLE_HEADLINE = f"HighlightAll=true, StartSel={MARK_START}, StopSel={MARK_END}"

# A body's snippet is cut by ts_headline from a window of the body around its first match: ts_headline analyses all
# of the text it gets, word by word (0.27 ms for a body of 1,700 characters, 5 ms a page), the window at most WINDOW.
WINDOW = 400  # characters
LEAD = 150  # characters of the window before the first match

COUNT, HIT, CHOSEN = 0, 1, 2  # the kinds of rows search_statement returns
Q = TypeVar("Q", bound=Hashable)  # a configuration's query: one tsquery, or one per searched term


def _groups(values: dict[str, Q]) -> list[tuple[Q, list[str]]]:
    """(query, the configurations that have it), in a fixed order: configurations that make the same query of the
    search (no stemming difference, as often) share one condition."""
    groups: dict[Q, list[str]] = {}
    for name in all_configurations():
        if name in values:
            groups.setdefault(values[name], []).append(name)
    return list(groups.items())


def _names(names: list[str]) -> str:
    return ", ".join(f"'{name}'" for name in names)


def _per_config(values: dict[str, str], prefix: str) -> tuple[str, dict]:
    """The tsquery of each row's configuration as SQL (one parameter when they are all the same), and its
    parameters."""
    groups = _groups(values)
    params = {f"{prefix}{i}": query for i, (query, _) in enumerate(groups)}
    if len(groups) == 1:
        return f"CAST(:{prefix}0 AS tsquery)", params
    whens = " ".join(f"WHEN d.config IN ({_names(names)}) THEN CAST(:{prefix}{i} AS tsquery)"
                     for i, (_, names) in enumerate(groups))
    return f"CASE {whens} END", params


def where(request: SearchRequest, queries: Queries) -> tuple[str, dict]:
    """The WHERE condition of a search: the match in each row's own configuration (one branch per configuration,
    which its GIN index answers whole), what the viewer may see, and the filters but the kind filter."""
    names = [name for name in all_configurations() if name in queries.match]
    conditions = ["(" + " OR ".join(f"(d.config = '{name}' AND d.tsv @@ CAST(:q{i} AS tsquery))"
                                    for i, name in enumerate(names)) + ")"]
    params: dict = {f"q{i}": queries.match[name] for i, name in enumerate(names)}
    viewer = request.viewer
    if not viewer.sees_hidden:
        if viewer.id is None:
            conditions.append("NOT d.hidden")
        else:
            conditions.append("(NOT d.hidden OR CAST(:viewer AS integer) = ANY(d.visible_to))")
            params["viewer"] = viewer.id
    if request.category is not None:
        conditions.append("d.category = :category")
        params["category"] = request.category
    if request.statuses:
        conditions.append("d.status = ANY(CAST(:statuses AS text[]))")
        params["statuses"] = list(request.statuses)
    if request.author_id is not None:
        conditions.append("d.author_id = :author_id")
        params["author_id"] = request.author_id
    if request.since is not None:
        conditions.append("d.created_at >= :since")
        params["since"] = datetime.combine(request.since, time(), timezone.utc)
    if request.until is not None:
        conditions.append("d.created_at < :until")
        params["until"] = datetime.combine(request.until + timedelta(days=1), time(), timezone.utc)
    return " AND ".join(conditions), params


def title_score(queries: Queries) -> tuple[str, dict]:
    """A row's score as SQL: 1, and TITLE_WEIGHT for each searched term its title has (in its configuration);
    and its parameters."""
    params: dict[str, str] = {}
    whens = []
    for g, (searched, names) in enumerate(_groups(queries.searched)):
        parts = []
        for t, query in enumerate(searched):
            params[f"s{g}_{t}"] = query
            parts.append(f"CAST(coalesce(d.title_tsv @@ CAST(:s{g}_{t} AS tsquery), false) AS integer)")
        whens.append(f"WHEN d.config IN ({_names(names)}) THEN {' + '.join(parts)}")
    if not whens:
        return "CAST(1 AS real)", params
    return f"CAST(1 + {TITLE_WEIGHT} * (CASE {' '.join(whens)} ELSE 0 END) AS real)", params


def titled(queries: Queries) -> tuple[str, dict]:
    """Whether a row's title has any of the searched terms, as SQL the title_tsv GIN index answers; and its
    parameters."""
    groups = _groups(queries.highlight)
    condition = " OR ".join(f"(d.config IN ({_names(names)}) AND d.title_tsv @@ CAST(:t{i} AS tsquery))"
                            for i, (_, names) in enumerate(groups))
    return f"({condition or 'false'})", {f"t{i}": query for i, (query, _) in enumerate(groups)}


def needles(request: SearchRequest, queries: Queries) -> list[str]:
    """Where a body's snippet window starts: the first place in the body of any of these, the searched words and
    their lexemes in every configuration ("cities" has "citi"), each in lower case and capitalised (lowering every
    body would cost as much as the window saves, so a word written all in capitals is not found). A word is found
    inside a longer one too, which at worst starts the window early; none found, the window is the body's start,
    as the Whoosh backend's snippet is."""
    found: dict[str, None] = {}
    for clause in request.parsed.clauses:
        for term in clause:
            for word in term.words:
                found.update(dict.fromkeys(WORD.findall(word.lower())))
    for query in queries.highlight.values():
        found.update(dict.fromkeys(unquoted(lexeme) for lexeme in LEXEME.findall(query)))
    return [form for needle in found if needle for form in dict.fromkeys((needle, needle.capitalize()))]


def _walks(request: SearchRequest, queries: Queries, condition: str, score: str, params: dict) -> str:
    """For many matches: the rows (kind, object_id, created_at, hidden, score) the page is chosen from, as SQL, each
    part the first `reach` rows in its order: the newest; or for relevance the matches without a searched term in
    their title (score 1, newest first) and those with one (for one term all of score 1 + TITLE_WEIGHT, newest
    first; for several each scored, best first)."""
    columns = "d.kind, d.object_id, d.created_at, d.hidden"
    newest = "ORDER BY d.created_at DESC, d.kind, d.object_id LIMIT :reach"
    if request.sort == "newest":
        return f"SELECT {columns}, CAST(0 AS real) AS score FROM search_document AS d WHERE {condition} {newest}"
    title, title_params = titled(queries)
    params.update(title_params)
    if queries.single:
        top, top_order = f"CAST({1 + TITLE_WEIGHT} AS real)", newest
    else:
        top, top_order = score, "ORDER BY score DESC, d.created_at DESC, d.kind, d.object_id LIMIT :reach"
    return (f"(SELECT {columns}, {top} AS score FROM search_document AS d WHERE {condition} AND {title}"
            f" {top_order}) UNION ALL"
            f" (SELECT {columns}, CAST(1 AS real) AS score FROM search_document AS d"
            f" WHERE {condition} AND NOT coalesce({title}, false) {newest})")


def search_statement(request: SearchRequest, queries: Queries, offset: int, limit: int) -> tuple[TextClause, dict]:
    """One statement: rows (part COUNT, kind, number) with the number of matches per kind (every filter but the
    kind filter; counted up to COUNT_CAP + 1), with the kind filter a row (part CHOSEN, number) counting its
    matches as far, then rows (part HIT, kind, number: the object id, hidden, score, title, snippet) of the page in
    order, marked when request.snippets.

    The matches are read once, as far as the count goes. When they are COUNT_CAP or fewer, the page is sorted from
    them; otherwise it walks (_walks), which is quick exactly when there are many: a walk back from the newest
    stops early only when matches are frequent. Which of the two runs is decided as the statement runs (a
    condition on the count alone, which PostgreSQL checks once before the branch it guards); planned together,
    the planner would pick the walk for a rare word too, not knowing how dear each row's check of its tsvector is
    (24,787 rows and 40 ms to find 20 of 96 matches)."""
    condition, params = where(request, queries)
    score, score_params = title_score(queries)
    params.update(score_params, offset=offset, limit=limit, reach=offset + limit, counted=COUNT_CAP + 1,
                  cap=COUNT_CAP)
    chosen = condition
    kind_filter = chosen_count = chosen_matches = ""
    if request.kinds:
        chosen = f"{condition} AND d.kind = ANY(CAST(:kinds AS text[]))"
        kind_filter = " AND kind = ANY(CAST(:kinds AS text[]))"
        params["kinds"] = list(request.kinds)
        chosen_matches = f" chosen AS MATERIALIZED (SELECT 1 FROM search_document AS d WHERE {chosen}),"
        chosen_count = (f" UNION ALL SELECT {CHOSEN}, NULL, count(*), false, CAST(0 AS real), NULL, NULL, 0"
                        f" FROM (SELECT 1 FROM chosen LIMIT :counted) AS c")
    order = "score DESC, created_at DESC, kind, object_id" if request.sort != "newest" else \
        "created_at DESC, kind, object_id"
    if request.snippets:
        light, light_params = _per_config(queries.highlight, "h")
        params.update(light_params, lt=LT, title_options=TITLE_HEADLINE, body_options=BODY_HEADLINE)
        params.update(needles=needles(request, queries), window=WINDOW, lead=LEAD)
        shown = (f"ts_headline(CAST(d.config AS regconfig), replace(d.title, '<', :lt), {light}, :title_options),"
                 f" ts_headline(CAST(d.config AS regconfig), replace(w.piece, '<', :lt), {light}, :body_options)")
        window = (" CROSS JOIN LATERAL (SELECT CASE WHEN length(d.body) <= :window THEN d.body ELSE"
                  " substr(d.body, greatest(1, coalesce((SELECT min(nullif(strpos(d.body, n), 0))"
                  " FROM unnest(CAST(:needles AS text[])) AS n), 1) - :lead), :window) END AS piece) AS w")
    else:
        shown, window = "d.title, ''", ""
    sql = (f"WITH matches AS MATERIALIZED (SELECT d.kind, d.object_id, d.created_at, d.hidden, {score} AS score"
           f" FROM search_document AS d WHERE {condition}),"
           f" counted AS MATERIALIZED (SELECT kind, count(*) AS number FROM (SELECT kind FROM matches"
           f" LIMIT :counted) AS m GROUP BY kind),{chosen_matches}"
           f" page AS (SELECT *, row_number() OVER (ORDER BY {order}) AS position FROM (SELECT * FROM"
           f" (SELECT kind, object_id, created_at, hidden, score FROM matches"
           f" WHERE (SELECT coalesce(sum(number), 0) FROM counted) <= :cap{kind_filter}"
           f" UNION ALL SELECT * FROM ({_walks(request, queries, chosen, score, params)}) AS walked"
           f" WHERE (SELECT coalesce(sum(number), 0) FROM counted) > :cap) AS candidates"
           f" ORDER BY {order} LIMIT :limit OFFSET :offset) AS picked)"
           f" SELECT {COUNT} AS part, kind, number, false AS hidden, CAST(0 AS real) AS score,"
           f" NULL AS title, NULL AS snippet, 0 AS position FROM counted{chosen_count}"
           f" UNION ALL SELECT {HIT}, p.kind, p.object_id, p.hidden, {score}, {shown}, p.position"
           f" FROM page AS p JOIN search_document AS d ON d.kind = p.kind AND d.object_id = p.object_id{window}"
           f" ORDER BY part, position")
    return text(sql), params
