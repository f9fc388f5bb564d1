"""Full-text search behind one narrow interface: SQLite FTS5 or PostgreSQL tsvector.

A model that is searchable has an unmanaged index model joined one-to-one by ``rowid`` whose
``document`` column is a :class:`SearchDocumentField` named after its table (see
``exchange/practice/migrations/0002_search_index.py``). Callers use only :func:`search` and
:func:`highlight`; a dedicated engine can replace both without touching the views.
"""

import re
from pathlib import Path

from django.db import connection, models
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
# A quoted phrase (to the end of the query if the quote is never closed), or a loose word.
PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\w+)', re.UNICODE)
TEXT_SEARCH_CONFIG = "english"
MAX_TERMS = 20


def _stop_words(path=Path(__file__).parent / "data" / "english_stop_words.txt"):
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


# PostgreSQL's English configuration ignores these; FTS5 has no stop words, so without this a
# search for "knife crime in schools" on SQLite would miss every entry lacking the word "in".
STOP_WORDS = _stop_words()


def _phrases(q):
    """The query as a list of phrases, each a list of lower-cased words; a loose word is a
    phrase of one. Stop words at a phrase's ends are dropped (PostgreSQL ignores them there);
    those inside stay, so the phrase still matches its words in order."""
    phrases = []
    for quoted, word in PHRASE_OR_WORD.findall((q or "").lower()):
        words = WORD.findall(quoted) if not word else [word]
        while words and words[0] in STOP_WORDS:
            words.pop(0)
        while words and words[-1] in STOP_WORDS:
            words.pop()
        if words and words not in phrases:
            phrases.append(words)
    return phrases[:MAX_TERMS]


def query_terms(q):
    """The words of a query that count, lower-cased, in order, without repeats or stop words."""
    seen = []
    for phrase in _phrases(q):
        for word in phrase:
            if word not in STOP_WORDS and word not in seen:
                seen.append(word)
    return seen[:MAX_TERMS]


def fts5_query(q):
    # Every phrase must match; each is quoted, so FTS5 operators typed by a user are plain words.
    return " ".join(f'"{" ".join(phrase)}"' for phrase in _phrases(q))


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
    # The match runs once, as a subquery of row ids. Joined instead, SQLite without statistics
    # walks the listing and runs the full-text match once per row: seconds at 10,000 entries.
    rows = queryset.model._meta.get_field(index).related_model
    return queryset.filter(pk__in=rows.objects.filter(document__match=q).values("pk"))


def search(queryset, q, *, index="search_index"):
    """Rows of ``queryset`` matching ``q``, annotated ``search_rank`` and best first.

    An empty or wordless query returns the queryset unchanged.
    """
    if not query_terms(q):
        return queryset
    document = models.F(f"{index}__document")
    # Joined, not a subquery: FTS5's rank exists only in the query that matches.
    return (queryset.filter(**{f"{index}__document__match": q})
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
