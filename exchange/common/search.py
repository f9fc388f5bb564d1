"""Full-text search behind one narrow interface: SQLite FTS5 or PostgreSQL tsvector.

A model that is searchable has an unmanaged index model joined one-to-one by ``rowid`` whose
``document`` column is a :class:`SearchDocumentField` named after its table (see
``exchange/practice/migrations/0002_search_index.py``). Callers use only :func:`search`,
:func:`matching`, :func:`highlight` and, when nothing is found, :func:`most_words_matched` and
:func:`spelling_suggestion`; a dedicated engine can replace them without touching the views.

Every search expands the terms staff list as synonyms (:class:`~exchange.common.models.SearchSynonym`):
"DA" finds "DA" or "domestic abuse". A query with no listed term is sent as it always was.
"""

import difflib
import operator
import re
from collections import Counter
from functools import reduce
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models
from django.utils.html import escape
from django.utils.safestring import mark_safe

WORD = re.compile(r"\w+", re.UNICODE)
# A quoted phrase (to the end of the query if the quote is never closed), or a loose word.
PHRASE_OR_WORD = re.compile(r'"([^"]*)"?|(\w+)', re.UNICODE)
TEXT_SEARCH_CONFIG = "english"
MAX_TERMS = 20
SYNONYMS_CACHE_KEY = "search:synonyms"
# Cleared whenever a synonym is saved or deleted; the timeout (settings) only bounds how long
# another process's private cache (locmem in development) can lag behind.
VOCABULARY_CACHE_KEY = "search:vocabulary:{table}"
VOCABULARY_TIMEOUT = 3600
# Letters only: a word the index does not know is corrected only towards a word, not a number.
LETTERS = re.compile(r"[^\W\d_]+", re.UNICODE)


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


def shipped_synonyms(path=Path(__file__).parent / "data" / "search_synonyms.txt"):
    """``[(term, "phrase\\nphrase")]`` from the shipped list's lines ``TERM = phrase | phrase``
    (loaded by a data migration; staff edit the rows after)."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        term, phrases = (part.strip() for part in line.split("=", 1))
        expansions = [phrase.strip() for phrase in phrases.split("|") if phrase.strip()]
        if term and expansions:
            rows.append((term, "\n".join(expansions)))
    return rows


def synonyms():
    """``{term: [phrase, ...]}``, each term its words joined by one space and each phrase a list
    of words, from the staff-edited list; cached, because every search reads it."""
    listed = cache.get(SYNONYMS_CACHE_KEY)
    if listed is None:
        from .models import SearchSynonym

        listed = remember_synonyms(SearchSynonym.objects.values_list("term", "expansions"))
    return listed


def remember_synonyms(rows):
    """Cache the list made of ``(term, expansions)`` rows and return it."""
    listed = {}
    for term, expansions in rows:
        words = WORD.findall(term.lower())
        phrases = [WORD.findall(line.lower()) for line in expansions.splitlines()]
        listed[" ".join(words)] = [p for p in phrases if p and p != words]
    cache.set(SYNONYMS_CACHE_KEY, listed, settings.EXCHANGE_SEARCH_SYNONYMS_SECONDS)
    return listed


def forget_synonyms():
    cache.delete(SYNONYMS_CACHE_KEY)


def _alternatives(q):
    """The query as groups of alternatives: each phrase, then the phrases the synonym list
    says it stands for. A group of one is a phrase nobody listed."""
    phrases = _phrases(q)
    listed = synonyms() if phrases else {}
    return [[phrase, *listed.get(" ".join(phrase), [])] for phrase in phrases]


def _quoted(phrase):
    return f'"{" ".join(phrase)}"'


def fts5_query(q, *, any_word=False):
    """Every phrase must match (or, with ``any_word``, one of them); each is quoted, so FTS5
    operators typed by a user are plain words."""
    groups = [_quoted(g[0]) if len(g) == 1 else f"({' OR '.join(map(_quoted, g))})"
              for g in _alternatives(q)]
    if any_word:
        return " OR ".join(groups)
    # FTS5 takes "a" "b" as both, but needs AND spelled out beside a bracketed group.
    return (" AND " if any(group.startswith("(") for group in groups) else " ").join(groups)


def tsquery(q, *, any_word=False):
    """``(sql, params)`` of the PostgreSQL tsquery for ``q``. Without a listed synonym it is
    ``websearch_to_tsquery`` of the query as typed, as it always was; with one, each phrase
    and its alternatives are joined by ``||`` and the groups by ``&&``."""
    groups = _alternatives(q)
    if not any_word and all(len(group) == 1 for group in groups):
        return "websearch_to_tsquery(%s::regconfig, %s)", [TEXT_SEARCH_CONFIG, q]
    parts, params = [], []
    for group in groups:
        parts.append("(" + " || ".join(["phraseto_tsquery(%s::regconfig, %s)"] * len(group)) + ")")
        for phrase in group:
            params += [TEXT_SEARCH_CONFIG, " ".join(phrase)]
    return "(" + (" || " if any_word else " && ").join(parts) + ")", params


class SearchDocumentField(models.Field):
    """The searchable document: FTS5's hidden table column, or a PostgreSQL ``tsvector``."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else None


@SearchDocumentField.register_lookup
class Match(models.Lookup):
    """Documents with every word of the query (each word or one of its synonyms)."""

    lookup_name = "match"
    any_word = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            sql, params = tsquery(self.rhs, any_word=self.any_word)
            return f"{lhs} @@ {sql}", [*lhs_params, *params]
        return f"{lhs} MATCH %s", [*lhs_params, fts5_query(self.rhs, any_word=self.any_word)]


@SearchDocumentField.register_lookup
class MatchAny(Match):
    """Documents with at least one word of the query."""

    lookup_name = "match_any"
    any_word = True


@SearchDocumentField.register_lookup
class HasStem(models.Lookup):
    """Documents holding an indexed stem as it is ("abus"), not stemmed again as a word would
    be; for finding the words behind a stem of the vocabulary."""

    lookup_name = "has_stem"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        if connection.vendor == "postgresql":
            return f"{lhs} @@ to_tsquery('simple', %s)", [*lhs_params, self.rhs]
        # A prefix query: FTS5 does not stem a prefix.
        return f"{lhs} MATCH %s", [*lhs_params, f'"{self.rhs}" *']


class Rank(models.Expression):
    """Relevance of a matched row; higher is better on both databases."""

    output_field = models.FloatField()

    def __init__(self, document, q, *, any_word=False):
        super().__init__()
        self.document = document
        self.q = q
        self.any_word = any_word

    def get_source_expressions(self):
        return [self.document]

    def set_source_expressions(self, exprs):
        (self.document,) = exprs

    def as_sql(self, compiler, connection):
        sql, params = compiler.compile(self.document)
        if connection.vendor == "postgresql":
            # Normalisation 1 divides by the log of the length, so a long document does not
            # outrank a short precise one merely by repeating words.
            query_sql, query_params = tsquery(self.q, any_word=self.any_word)
            return f"ts_rank({sql}, {query_sql}, 1)", [*params, *query_params]
        # FTS5's rank is bm25 (weights set in the migration), where lower is better.
        table = sql.rsplit(".", 1)[0]
        return f"(-{table}.rank)", params


def _index_rows(queryset, index):
    return queryset.model._meta.get_field(index).related_model


def matching(queryset, q, *, index="search_index", at_least=None):
    """Rows of ``queryset`` matching ``q``, unranked: for counts and facets, where computing a
    relevance score for every match would be wasted work. A wordless query changes nothing.

    With ``at_least``, rows having at least that many of the query's words rather than all of
    them (see :func:`most_words_matched`)."""
    if not query_terms(q):
        return queryset
    if at_least:
        return queryset.filter(pk__in=_words_matched(queryset, q, index=index)
                               .filter(words_matched__gte=at_least).values("pk"))
    # The match runs once, as a subquery of row ids. Joined instead, SQLite without statistics
    # walks the listing and runs the full-text match once per row: seconds at 10,000 entries.
    rows = _index_rows(queryset, index)
    return queryset.filter(pk__in=rows.objects.filter(document__match=q).values("pk"))


def search(queryset, q, *, index="search_index", at_least=None):
    """Rows of ``queryset`` matching ``q``, annotated ``search_rank`` and best first.

    An empty or wordless query returns the queryset unchanged. With ``at_least``, rows having
    at least that many of the query's words, those with more words first.
    """
    if not query_terms(q):
        return queryset
    document = models.F(f"{index}__document")
    if at_least:
        return (queryset.filter(**{f"{index}__document__match_any": q})
                .filter(pk__in=matching(queryset, q, index=index, at_least=at_least).values("pk"))
                .annotate(search_rank=Rank(document, q, any_word=True),
                          words_matched=_words_matched_count(queryset, q, index=index))
                .order_by("-words_matched", "-search_rank", "-pk"))
    # Joined, not a subquery: FTS5's rank exists only in the query that matches.
    return (queryset.filter(**{f"{index}__document__match": q})
            .annotate(search_rank=Rank(document, q)).order_by("-search_rank", "-pk"))


def _words_matched_count(queryset, q, *, index):
    """How many of the query's phrases (each with its synonyms) a row has, as an expression."""
    rows = _index_rows(queryset, index)
    return reduce(operator.add, [
        models.Case(models.When(pk__in=rows.objects.filter(document__match=_quoted(phrase))
                                .values("pk"), then=1),
                    default=0, output_field=models.IntegerField())
        for phrase in _phrases(q)])


def _words_matched(queryset, q, *, index):
    """Rows with at least one of the query's words, annotated ``words_matched``."""
    rows = _index_rows(queryset, index)
    return (queryset.filter(pk__in=rows.objects.filter(document__match_any=q).values("pk"))
            .annotate(words_matched=_words_matched_count(queryset, q, index=index)))


def most_words_matched(queryset, q, *, index="search_index"):
    """The most of the query's words (a quoted phrase counts as one) that any row of
    ``queryset`` has; 0 when it has none of them. One query."""
    if not query_terms(q):
        return 0
    top = (_words_matched(queryset, q, index=index).order_by()
           .aggregate(top=models.Max("words_matched"))["top"])
    return top or 0


def word_count(q):
    """How many words (quoted phrases counting as one) ``q`` searches for."""
    return len(_phrases(q))


def highlight(text, q):
    """``text`` escaped, with each word that starts with a query term, or with a word of a
    phrase a listed term stands for, wrapped in <mark>."""
    terms = query_terms(q)
    if terms:
        listed = synonyms()
        terms += [word for phrase in _phrases(q) for alternative in listed.get(" ".join(phrase), [])
                  for word in alternative if word not in STOP_WORDS and word not in terms]
    escaped = escape(text or "")
    if not terms:
        return mark_safe(escaped)
    stems = sorted({term[:5] if len(term) > 5 else term for term in terms}, key=len, reverse=True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(s) for s in stems) + r")\w*", re.IGNORECASE)
    return mark_safe(pattern.sub(lambda m: f"<mark>{m.group(0)}</mark>", escaped))


def spelling_suggestion(queryset, q, *, index="search_index"):
    """``q`` with each word the index does not know replaced by the nearest word it does, when
    that finds rows of ``queryset``; otherwise None.

    Both databases index stems ("abus" for "abuse"), so the nearest stem is found in the
    index's vocabulary and the word shown is one that the rows of ``queryset`` actually use:
    a suggestion never names a word from an entry the person may not see.
    """
    rows = _index_rows(queryset, index)
    suggested, changed = q, False
    for term in query_terms(q):
        if not LETTERS.fullmatch(term) or len(term) < 3 or term in synonyms():
            continue
        if rows.objects.filter(document__match=_quoted([term])).exists():
            continue
        word = _nearest_word(queryset, term, rows)
        if word:
            suggested = re.sub(rf"\b{re.escape(term)}\b", word, suggested, flags=re.IGNORECASE)
            changed = True
    if changed and matching(queryset, suggested, index=index).exists():
        return suggested
    return None


def _nearest_word(queryset, term, rows):
    # Misspellings rarely change the first letter; comparing only stems that share it keeps a
    # vocabulary of tens of thousands of stems to a few milliseconds.
    stems = vocabulary(rows).get(term[0], [])
    for stem in _nearest_stems(term, stems):
        word = _word_for_stem(queryset, stem, term, rows)
        if word:
            return word
    return None


def _nearest_stems(term, stems, *, cutoff=0.7, n=3):
    """The stems most like ``term``. A stem is a word less its ending ("abus"), so it is also
    compared with as much of ``term`` as it is long: "abuce" is near "abus"."""
    scored = []
    whole, start = difflib.SequenceMatcher(), difflib.SequenceMatcher()
    whole.set_seq2(term)
    for stem in stems:
        whole.set_seq1(stem)
        if whole.real_quick_ratio() < cutoff or whole.quick_ratio() < cutoff:
            start.set_seqs(stem, term[:len(stem)])
            if start.quick_ratio() < cutoff:
                continue
        start.set_seqs(stem, term[:len(stem)])
        score = max(whole.ratio(), start.ratio())
        if score >= cutoff:
            scored.append((score, stem))
    return [stem for _, stem in sorted(scored, reverse=True)[:n]]


def vocabulary(rows):
    """The stems the index ``rows`` holds, grouped by first letter; read in one query and
    cached for an hour (new entries add few new words)."""
    key = VOCABULARY_CACHE_KEY.format(table=rows._meta.db_table)
    stems = cache.get(key)
    if stems is None:
        stems = {}
        column = rows._meta.get_field("document").column
        for stem in _vocabulary_stems(rows._meta.db_table, column):
            if LETTERS.fullmatch(stem) and len(stem) >= 3:
                stems.setdefault(stem[0], []).append(stem)
        cache.set(key, stems, VOCABULARY_TIMEOUT)
    return stems


def _vocabulary_stems(table, column):
    # Table and column names come from the model, never from input.
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT word FROM ts_stat('SELECT {column} FROM {table}')")  # noqa: S608
        else:
            # fts5vocab reads the FTS5 table's own term list; a temporary table per connection
            # needs no migration and follows the index as it changes.
            cursor.execute(f"CREATE VIRTUAL TABLE IF NOT EXISTS temp.{table}_vocabulary "
                           f"USING fts5vocab(main, {table}, 'row')")
            cursor.execute(f"SELECT term FROM temp.{table}_vocabulary")  # noqa: S608
        return [row[0] for row in cursor.fetchall()]


def _word_for_stem(queryset, stem, term, rows):
    """The word, in the text of rows of ``queryset`` holding ``stem``, nearest to ``term``."""
    having = rows.objects.filter(document__has_stem=stem).values("pk")
    fields = [f.attname for f in queryset.model._meta.concrete_fields
              if isinstance(f, (models.CharField, models.TextField)) and not f.choices]
    # Stemming may change the last letter (policy: polici), so the stem less one letter.
    prefix = stem[:-1] if len(stem) > 4 else stem
    words = Counter()
    for texts in queryset.filter(pk__in=having).order_by().values_list(*fields)[:20]:
        words.update(w for w in LETTERS.findall(" ".join(t or "" for t in texts).lower())
                     if w.startswith(prefix))
    if not words:
        return None
    best = max(words, key=lambda w: (difflib.SequenceMatcher(None, term, w).ratio(), words[w]))
    return best if difflib.SequenceMatcher(None, term, best).ratio() >= 0.75 else None


def vendor():
    return connection.vendor
