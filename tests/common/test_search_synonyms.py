"""Policing acronyms and variants: the shipped synonym list, on both databases."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from exchange.common.models import SearchSynonym
from exchange.common.search import (
    forget_synonyms,
    fts5_query,
    highlight,
    remember_synonyms,
    search,
    shipped_synonyms,
    tsquery,
)
from exchange.lessons.domain.finding import find_cases
from exchange.practice.models import Practice
from tests.factories import PracticeFactory
from tests.lessons.factories import CaseFactory


@pytest.fixture(autouse=True)
def shipped(db):
    """The shipped list as the data migration loads it (a flushing test elsewhere in the run
    may have emptied the table), and a cache that no other test has filled."""
    for term, expansions in shipped_synonyms():
        SearchSynonym.objects.get_or_create(term=term, defaults={"expansions": expansions})
    forget_synonyms()
    yield
    # As the rollback leaves the table, so a test counting queries after this one is not
    # charged for reading the list again.
    remember_synonyms(shipped_synonyms())


def titles(q):
    return [p.title for p in search(Practice.objects.all(), q)]


def test_the_shipped_list_has_the_common_policing_acronyms():
    terms = {term for term, _ in shipped_synonyms()}
    assert len(terms) >= 30
    assert {"DA", "VAWG", "ASB", "RCRP", "IOM", "CSE", "OCG", "NPT", "DV"} <= terms
    assert dict(shipped_synonyms())["VAWG"] == "violence against women and girls"


@pytest.mark.parametrize(("acronym", "title"), [
    ("DA", "Domestic abuse champions in every station"),
    ("VAWG", "Walk and talk: tackling violence against women and girls"),
    ("ASB", "Anti-social behaviour hotspot patrols"),
    ("RCRP", "Right Care Right Person in the control room"),
    ("IOM", "Integrated offender management for prolific burglars"),
    ("OCG", "Disrupting an organised crime group through its finances"),
])
def test_each_acronym_from_the_issue_finds_its_entries(acronym, title):
    PracticeFactory(title=title)
    PracticeFactory(title="Cycle theft marking days")
    written_short = PracticeFactory(title=f"{acronym} awareness for call handlers")

    found = titles(acronym)

    assert sorted(found) == sorted([title, written_short.title])
    assert titles(acronym.lower()) == found


def test_an_acronym_is_one_word_of_the_search_and_the_others_still_count():
    PracticeFactory(title="Domestic abuse and knife crime in the night-time economy")
    PracticeFactory(title="Domestic abuse refuges")
    PracticeFactory(title="Knife arches at stations")
    assert titles("DA knife") == ["Domestic abuse and knife crime in the night-time economy"]


def test_the_words_a_synonym_stands_for_are_highlighted():
    html = highlight("Support after domestic abuse", "DA")
    assert html == "Support after <mark>domestic</mark> <mark>abuse</mark>"


def test_a_search_without_a_listed_term_is_sent_as_it_was():
    # The common path does no expansion: the same FTS5 text and websearch_to_tsquery as before.
    assert fts5_query("knife crime schools") == '"knife" "crime" "schools"'
    assert tsquery("knife -drugs") == ("websearch_to_tsquery(%s::regconfig, %s)",
                                       ["english", "knife -drugs"])
    assert fts5_query("DA knife") == '("da" OR "domestic abuse") AND "knife"'


def test_staff_editing_a_synonym_changes_results(client, admin_user):
    PracticeFactory(title="Coercive control training for response officers")
    assert titles("DA") == []
    synonym = SearchSynonym.objects.get(term="DA")
    client.force_login(admin_user)
    url = reverse("admin:common_searchsynonym_change", args=[synonym.pk])

    response = client.post(url, {"term": "DA", "expansions": "domestic abuse\ncoercive control"})

    assert response.status_code == 302
    assert titles("DA") == ["Coercive control training for response officers"]
    client.post(reverse("admin:common_searchsynonym_delete", args=[synonym.pk]), {"post": "yes"})
    assert titles("DA") == []


def test_staff_adding_a_synonym_changes_results(client, admin_user):
    PracticeFactory(title="Hate crime third-party reporting centres")
    client.force_login(admin_user)
    client.post(reverse("admin:common_searchsynonym_add"),
                {"term": "HC", "expansions": "hate crime"})
    assert titles("HC") == ["Hate crime third-party reporting centres"]


def test_the_case_study_search_expands_acronyms_too():
    case = CaseFactory(title="A missed chance after domestic abuse was reported")
    CaseFactory(title="A fall in custody")
    assert list(find_cases(AnonymousUser(), q="DA")) == [case]


def test_a_term_already_listed_cannot_be_added_again_in_any_case(client, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:common_searchsynonym_add"),
                           {"term": "da", "expansions": "district attorney"})
    assert "This term is already listed: edit that entry instead." in response.content.decode()
    assert list(SearchSynonym.objects.filter(term__iexact="da").values_list("term", flat=True)) == [
        "DA"]
