"""Relevance: on entries written for the purpose, each search a person would type finds the
entry it is about among the first five, on both databases."""

import pytest
from django.contrib.auth.models import AnonymousUser

from exchange.common.management.commands.seed_demo import load_topics
from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.practice.finder import PracticeQuery, find
from tests.factories import PracticeFactory

from .relevance_entries import ENTRIES, QUERIES


@pytest.fixture
def bank(db):
    """The entries of ``relevance_entries``, published and public, by key, tagged with the
    site's own topics (and so their aliases)."""
    load_topics()
    entries = {}
    for key, fields in ENTRIES.items():
        fields = dict(fields)
        organisation = Organisation.objects.get(name=fields.pop("organisation"))
        names = fields.pop("topics")
        topics = list(Topic.objects.filter(name__in=names))
        assert len(topics) == len(names), f"{key}: a topic not in topics.json"
        entries[key] = PracticeFactory(**fields, organisation=organisation,
                                       region=organisation.region)
        entries[key].topics.set(topics)
    return entries


def top_five(q):
    query, _ = PracticeQuery.from_params({"q": q})
    return [entry.pk for entry in find(AnonymousUser(), query, page_size=5).items]


@pytest.mark.parametrize(("q", "expected"), QUERIES, ids=[q for q, _ in QUERIES])
def test_the_entry_a_search_is_about_is_in_the_first_five(bank, q, expected):
    titles = {entry.pk: entry.title for entry in bank.values()}
    found = top_five(q)
    assert bank[expected].pk in found, f"{q!r} found {[titles[pk] for pk in found]}"


def test_every_search_finds_something_different_first(bank):
    # A guard on the test data: the queries are not all answered by one entry.
    firsts = {top_five(q)[0] for q, _ in QUERIES if top_five(q)}
    assert len(firsts) >= len(QUERIES) - 3
