"""Full-text search behind one narrow interface: SQLite FTS5 or PostgreSQL tsvector.

A model that is searchable has an unmanaged index model joined one-to-one by ``rowid`` whose
``document`` column is a :class:`SearchDocumentField` named after its table (see
``exchange/practice/migrations/0002_search_index.py``). Callers use only :func:`search` and
:func:`highlight`; a dedicated engine can replace both without touching the views.
"""

import re

from django.db import connection, models
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
TEXT_SEARCH_CONFIG = "english"


def query_terms(q):
    """The words of a query, lower-cased, in order, without repeats."""
    seen = []
    for word in WORD.findall((q or "").lower()):
        if word not in seen:
            seen.append(word)
    return seen[:20]


def fts5_query(q):
    # Every word must match; each is quoted so FTS5 operators typed by a user are plain words.
    return " ".join(f'"{term}"' for term in query_terms(q))


class SearchDocumentField(models.Field):
    """The searchable document: FTS5's hidden table column, or a PostgreSQL ``tsvector``."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else None


@SearchDocumentField.register_lookup
class Match(models.Lookup):
    lookup_name = "match"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return (f"{lhs} @@ websearch_to_tsquery(%s::regconfig, %s)",
                    [*lhs_params, TEXT_SEARCH_CONFIG, self.rhs])
        return f"{lhs} MATCH %s", [*lhs_params, fts5_query(self.rhs)]


class Rank(models.Expression):
    """Relevance of a matched row; higher is better on both databases."""

    output_field = models.FloatField()

    def __init__(self, document, q):
        super().__init__()
        self.document = document
        self.q = q

    def get_source_expressions(self):
        return [self.document]

    def set_source_expressions(self, exprs):
        (self.document,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.document)
        if connection.vendor == "postgresql":
            # Normalisation 1 divides by the log of the length, so a long document does not
            # outrank a short precise one merely by repeating words.
            return (f"ts_rank({sql}, websearch_to_tsquery(%s::regconfig, %s), 1)",
                    [*params, TEXT_SEARCH_CONFIG, self.q])
        # FTS5's rank is bm25 (weights set in the migration), where lower is better.
        table = sql.rsplit(".", 1)[0]
        return f"(-{table}.rank)", params


def matching(queryset, q, *, index="search_index"):
    """Rows of ``queryset`` matching ``q``, unranked: for counts and facets, where computing a
    relevance score for every match would be wasted work. A wordless query changes nothing."""
    if not query_terms(q):
        return queryset
    return queryset.filter(**{f"{index}__document__match": q})


def search(queryset, q, *, index="search_index"):
    """Rows of ``queryset`` matching ``q``, annotated ``search_rank`` and best first.

    An empty or wordless query returns the queryset unchanged.
    """
    if not query_terms(q):
        return queryset
    document = models.F(f"{index}__document")
    return (matching(queryset, q, index=index)
            .annotate(search_rank=Rank(document, q)).order_by("-search_rank", "-pk"))


def highlight(text, q):
    """``text`` escaped, with each word that starts with a query term wrapped in <mark>."""
    terms = query_terms(q)
    escaped = escape(text or "")
    if not terms:
        return mark_safe(escaped)
    stems = sorted({term[:5] if len(term) > 5 else term for term in terms}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def vendor():
    return connection.vendor
