"""Finding practice: the query behind the list page, the CSV, the feed and the API list.

One :class:`PracticeQuery` describes a search (words, filters, sort). :func:`filtered` turns it
into a queryset of what ``user`` may see in a list; :func:`facet_counts` counts each filter's
values with every *other* filter applied (standard faceting), one aggregate query per facet;
:func:`find` does both plus a page. Everything runs in the database: nothing here loops over
rows in Python, so a bank of 100,000 entries costs a handful of indexed queries.
"""

from dataclasses import dataclass, field, replace
from math import ceil

from django.db.models import Count, F

from exchange.common.enums import Region
from exchange.common.models import Topic
from exchange.common.search import (
    matching,
    most_words_matched,
    query_terms,
    search,
    spelling_suggestion,
    word_count,
)
from exchange.people.models import Organisation

from .enums import EvidenceLabel, Focus, Recognition, Stage
from .models import Practice, PracticeFocus, PracticeRecognition

FACETS = ["evidence_label", "stage", "focus", "topic", "organisation", "region", "recognition", "year"]
SORTS = {"relevance", "newest", "oldest", "title", "start_date"}
SORT_LABELS = {
    "relevance": "Relevance",
    "newest": "Recently published",
    "oldest": "Oldest published",
    "title": "Title (A to Z)",
    "start_date": "Start date (latest first)",
}
FACET_LABELS = {
    "evidence_label": "Does it work?",
    "stage": "Stage of practice",
    "focus": "Focus",
    "topic": "Topic",
    "organisation": "Organisation",
    "region": "Region",
    "recognition": "Recognition",
    "year": "Year started",
}
# Facets whose values are a fixed list of choices: value -> label, in the order shown.
CHOICE_FACETS = {
    "evidence_label": dict(EvidenceLabel.choices),
    "stage": dict(Stage.choices),
    "focus": dict(Focus.choices),
    "region": dict(Region.choices),
    "recognition": dict(Recognition.choices),
}
ORDERINGS = {
    "newest": [F("published_at").desc(nulls_last=True), "-pk"],
    "oldest": [F("published_at").asc(nulls_last=True), "pk"],
    "title": ["title", "pk"],
    "start_date": [F("start_date").desc(nulls_last=True), "-pk"],
}
TopicLink = Practice.topics.through


@dataclass
class PracticeQuery:
    q: str = ""
    evidence_label: list[str] = field(default_factory=list)
    stage: list[str] = field(default_factory=list)
    focus: list[str] = field(default_factory=list)
    topic: list[str] = field(default_factory=list)
    organisation: list[str] = field(default_factory=list)
    region: list[str] = field(default_factory=list)
    recognition: list[str] = field(default_factory=list)
    year: list[int] = field(default_factory=list)
    sort: str = ""
    # Set by find() when no entry has every word: entries with at least this many words match.
    at_least: int | None = None

    @classmethod
    def from_params(cls, params):
        """From a QueryDict or a plain dict of lists; returns ``(query, errors)``.

        Unknown values are dropped and named in ``errors`` (parameter -> message) rather than
        failing the whole search: a stale bookmark should still show something useful.
        """
        errors = {}
        query = cls(q=" ".join(_first(params, "q").split())[:200])
        for name in FACETS:
            values = _unique(_getlist(params, name))
            kept, unknown = _validate(name, values)
            setattr(query, name, kept)
            if unknown:
                errors[name] = f"Unknown {FACET_LABELS[name].lower()}: {', '.join(unknown)}"
        sort = _first(params, "sort")
        if sort and sort not in SORTS:
            errors["sort"] = f"Unknown sort order: {sort}"
            sort = ""
        query.sort = sort
        return query, errors

    @property
    def has_words(self):
        return bool(query_terms(self.q))

    @property
    def effective_sort(self):
        """The sort in force: relevance needs words, so without them it is newest first."""
        if self.sort == "relevance" or not self.sort:
            return "relevance" if self.has_words else "newest"
        return self.sort

    @property
    def has_filters(self):
        return any(getattr(self, name) for name in FACETS)

    def selected(self, name):
        return [str(value) for value in getattr(self, name)]


def _getlist(params, key):
    if hasattr(params, "getlist"):
        return [str(v) for v in params.getlist(key)]
    value = params.get(key)
    if value is None:
        return []
    if isinstance(value, (str, int)):
        return [str(value)]
    return [str(v) for v in value]


def _first(params, key):
    values = _getlist(params, key)
    return values[0].strip() if values else ""


def _unique(values):
    seen = []
    for value in values:
        value = value.strip()
        if value and value not in seen:
            seen.append(value)
    return seen


def _validate(name, values):
    """``(kept, unknown)``: the values that name something real, and the rest."""
    if not values:
        return [], []
    if name in CHOICE_FACETS:
        known = set(CHOICE_FACETS[name])
    elif name == "topic":
        known = set(Topic.objects.filter(slug__in=values).values_list("slug", flat=True))
    elif name == "organisation":
        known = set(Organisation.objects.filter(slug__in=values).values_list("slug", flat=True))
    else:  # year
        # isascii: "³".isdigit() is true, but int() refuses it.
        known = {v for v in values if v.isascii() and v.isdigit() and 1800 <= int(v) <= 2200}
    kept = [v for v in values if v in known]
    unknown = [v for v in values if v not in known]
    if name == "year":
        kept = [int(v) for v in kept]
    return kept, unknown


def _filter(queryset, name, values):
    """One facet's filter: OR within it. Multi-valued facets go through ``pk__in`` subqueries,
    so an entry with two matching topics still appears once."""
    if not values:
        return queryset
    if name in {"evidence_label", "stage", "region"}:
        return queryset.filter(**{f"{name}__in": values})
    if name == "year":
        return queryset.filter(start_year__in=values)
    if name == "organisation":
        return queryset.filter(
            organisation_id__in=Organisation.objects.filter(slug__in=values).values("pk"))
    if name == "topic":
        links = TopicLink.objects.filter(topic__slug__in=values)
        return queryset.filter(pk__in=links.values("practice_id"))
    rows = PracticeFocus if name == "focus" else PracticeRecognition
    return queryset.filter(pk__in=rows.objects.filter(value__in=values).values("practice_id"))


def _listed(user, query, *, without=()):
    """What ``user`` may list that passes every filter except those in ``without``; no words."""
    queryset = Practice.objects.public_listing(user)
    for name in FACETS:
        if name not in without:
            queryset = _filter(queryset, name, getattr(query, name))
    return queryset


def _matching(user, query, *, without=()):
    """What ``user`` may list that matches the words and every filter except those in
    ``without``; unranked, for counting."""
    return matching(_listed(user, query, without=without), query.q, at_least=query.at_least)


def filtered(user, query):
    """The entries ``user`` may list that match ``query``, in its sort order."""
    queryset = _listed(user, query)
    sort = query.effective_sort
    if sort == "relevance":
        return search(queryset, query.q, at_least=query.at_least)  # ordered by rank
    return matching(queryset, query.q, at_least=query.at_least).order_by(*ORDERINGS[sort])


def facet_counts(user, query):
    """Per facet, ``[{"value", "label", "count", "selected"}]``.

    Each facet's counts apply the words and every other facet's filter, so ticking a second
    value of the same facet widens the list as its count promised. One aggregate query per
    facet. Values with no entries are left out unless selected.
    """
    # The columns of practice_practice that are facets and have no value ticked are counted
    # together in one GROUP BY over the matching entries: one pass instead of five.
    together = [name for name in SCALAR_FACETS if not query.selected(name)]
    shared = _scalar_counts(_matching(user, query).order_by(), together) if together else {}
    return {name: _facet(user, query, name, shared.get(name)) for name in FACETS}


SCALAR_FACETS = {"evidence_label": "evidence_label", "stage": "stage", "region": "region",
                 "organisation": "organisation_id", "year": "start_year"}


def _scalar_counts(base, names):
    """``{facet: (counts, labels)}`` for several column facets from one GROUP BY."""
    columns = [SCALAR_FACETS[name] for name in names]
    totals = {name: {} for name in names}
    for row in base.values(*columns).annotate(n=Count("pk")).values_list(*columns, "n"):
        n = row[-1]
        for name, value in zip(names, row, strict=False):
            if value is None or value == "":
                continue
            totals[name][value] = totals[name].get(value, 0) + n
    result = {}
    for name in names:
        counts = totals[name]
        if name == "organisation":
            organisations = Organisation.objects.filter(pk__in=counts).values_list("pk", "slug", "name")
            result[name] = ({slug: counts[pk] for pk, slug, _ in organisations},
                            {slug: label for _, slug, label in organisations})
        elif name == "year":
            result[name] = ({str(v): n for v, n in counts.items()}, {str(v): str(v) for v in counts})
        else:
            result[name] = (counts, dict(CHOICE_FACETS[name]))
    return result


def _facet(user, query, name, shared=None):
    if shared is not None:
        counts, labels = shared
    else:
        counts, labels = _aggregate(_matching(user, query, without={name}).order_by(), name)
    selected = query.selected(name)
    missing = [value for value in selected if value not in counts]
    if missing:
        labels.update(_labels_for(name, missing))
    values = _ordered(name, [*counts, *missing], labels, counts)
    return [{"value": value, "label": labels.get(value, value), "count": counts.get(value, 0),
             "selected": value in selected} for value in values]


def _aggregate(base, name):
    """``(counts, labels)`` keyed by the facet's value as a string, from one GROUP BY."""
    if name in {"focus", "recognition"}:
        rows_model = PracticeFocus if name == "focus" else PracticeRecognition
        rows = (rows_model.objects.filter(practice_id__in=base.values("pk"))
                .values("value").annotate(n=Count("practice_id")).values_list("value", "n"))
        return dict(rows), dict(CHOICE_FACETS[name])
    if name == "topic":
        rows = (TopicLink.objects.filter(practice_id__in=base.values("pk"))
                .values("topic__slug", "topic__name").annotate(n=Count("practice_id"))
                .values_list("topic__slug", "topic__name", "n"))
        return _with_names(rows)
    if name == "organisation":
        rows = (base.filter(organisation__isnull=False)
                .values("organisation__slug", "organisation__name").annotate(n=Count("pk"))
                .values_list("organisation__slug", "organisation__name", "n"))
        return _with_names(rows)
    column = "start_year" if name == "year" else name
    rows = base.exclude(start_year__isnull=True) if name == "year" else base.exclude(**{column: ""})
    rows = rows.values(column).annotate(n=Count("pk")).values_list(column, "n")
    counts = {str(value): n for value, n in rows}
    labels = dict(CHOICE_FACETS[name]) if name in CHOICE_FACETS else {v: v for v in counts}
    return counts, labels


def _with_names(rows):
    counts, labels = {}, {}
    for slug, label, n in rows:
        counts[slug] = n
        labels[slug] = label
    return counts, labels


def _labels_for(name, values):
    if name == "topic":
        return dict(Topic.objects.filter(slug__in=values).values_list("slug", "name"))
    if name == "organisation":
        return dict(Organisation.objects.filter(slug__in=values).values_list("slug", "name"))
    if name in CHOICE_FACETS:
        return {v: CHOICE_FACETS[name][v] for v in values if v in CHOICE_FACETS[name]}
    return {v: v for v in values}


def _ordered(name, values, labels, counts):
    """Choices in their declared order, years newest first, names alphabetically."""
    if name in CHOICE_FACETS:
        order = list(CHOICE_FACETS[name])
        return sorted(values, key=lambda v: order.index(v) if v in order else len(order))
    if name == "year":
        return sorted(values, key=int, reverse=True)
    return sorted(values, key=lambda v: labels.get(v, v).lower())


@dataclass
class FinderPage:
    items: list
    count: int
    facets: dict
    page: int
    page_size: int
    num_pages: int
    # When nothing matched every word: a spelling that finds something ("domestic abuse" for
    # "domestic abuce"), and, if the items are entries with only some of the words, how many
    # of how many words they have.
    suggestion: str | None = None
    words_matched: int = 0
    words: int = 0


def find(user, query, *, page=1, page_size=20, with_facets=True, when_nothing_matches=False):
    """One page of :func:`filtered` with its total and (optionally) the facet counts.

    The items come with their organisation, topics, focus and recognition loaded, so showing
    them costs no query per row.

    With ``when_nothing_matches`` (the list page), a search that finds nothing also looks for a
    spelling that would find something and, when no entry has every word, lists the entries
    with the most of them instead (``words_matched`` of ``words``). Only the search that found
    nothing pays for this.
    """
    wanted = max(1, int(page))
    items, count, page, num_pages = _page_of(user, query, wanted, page_size)
    suggestion, words_matched, words = None, 0, 0
    if when_nothing_matches and not count and query.has_words:
        suggestion = spelling_suggestion(_listed(user, query), query.q)
        words = word_count(query.q)
        words_matched = most_words_matched(_listed(user, query), query.q) if words > 1 else 0
        if words_matched:
            query = replace(query, at_least=words_matched)
            items, count, page, num_pages = _page_of(user, query, wanted, page_size)
    facets = facet_counts(user, query) if with_facets else {}
    return FinderPage(items=items, count=count, facets=facets, page=page, page_size=page_size,
                      num_pages=num_pages, suggestion=suggestion, words_matched=words_matched,
                      words=words if words_matched else 0)


def _page_of(user, query, page, page_size):
    """``(items, count, page, num_pages)``; ``page`` is brought within the pages there are."""
    queryset = (filtered(user, query).select_related("organisation")
                .prefetch_related("topics", "focus_rows", "recognition_rows"))
    items = list(queryset[(page - 1) * page_size:page * page_size]) if page == 1 else None
    # When the first page holds every match there is no need to count them again.
    first_page_is_all = items is not None and len(items) < page_size
    count = len(items) if first_page_is_all else _matching(user, query).count()
    num_pages = max(1, ceil(count / page_size))
    if items is None or page > num_pages:
        page = min(page, num_pages)
        items = list(queryset[(page - 1) * page_size:page * page_size])
    return items, count, page, num_pages
