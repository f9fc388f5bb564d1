import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from exchange.practice.finder import PracticeQuery, facet_counts, filtered, find
from exchange.practice.models import PracticeFocus, PracticeRecognition
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory

ANONYMOUS = AnonymousUser()


def entry(*, topics=(), focus=(), recognition=(), **fields):
    practice = PracticeFactory(**fields)
    practice.topics.set(topics)
    PracticeFocus.objects.bulk_create([PracticeFocus(practice=practice, value=v) for v in focus])
    PracticeRecognition.objects.bulk_create(
        [PracticeRecognition(practice=practice, value=v) for v in recognition])
    return practice


def query(**params):
    result, errors = PracticeQuery.from_params(params)
    assert errors == {}
    return result


def counts(facets, name):
    return {option["value"]: option["count"] for option in facets[name]}


def titles(queryset):
    return sorted(p.title for p in queryset)


@pytest.fixture
def bank(db):
    knife, drugs = TopicFactory(name="Knife crime", slug="knife"), TopicFactory(name="Drugs", slug="drugs")
    kent = OrganisationFactory(name="Alphashire Police", slug="kent")
    essex = OrganisationFactory(name="Betashire Police", slug="essex")
    entries = {
        "a": entry(title="A", evidence_label="worked", stage="untested", organisation=kent,
                   region="south_east", topics=[knife, drugs], focus=["prevention", "diversion"],
                   recognition=["tilley_award"], start_date=datetime.date(2021, 3, 1)),
        "b": entry(title="B", evidence_label="worked", organisation=kent, topics=[knife],
                   focus=["prevention"], start_date=datetime.date(2022, 1, 1)),
        "c": entry(title="C", evidence_label="worked", organisation=essex, region="eastern",
                   topics=[drugs], focus=["reoffending"], recognition=["hmicfrs_inspection"]),
        "d": entry(title="D", evidence_label="promising", organisation=essex, topics=[knife],
                   focus=["prevention"], start_date=datetime.date(2021, 6, 1)),
        "e": entry(title="E", evidence_label="promising", organisation=kent, stage="untested"),
    }
    return entries


def test_label_counts_are_the_number_of_entries_with_each_label(bank):
    facets = facet_counts(ANONYMOUS, PracticeQuery())
    assert counts(facets, "evidence_label") == {"worked": 3, "promising": 2}
    assert facets["evidence_label"][0] == {"value": "worked", "label": "Worked", "count": 3,
                                           "selected": False}


def test_each_facet_counts_its_values_with_human_labels(bank):
    facets = facet_counts(ANONYMOUS, PracticeQuery())
    assert counts(facets, "stage") == {"untested": 2}
    assert counts(facets, "focus") == {"prevention": 3, "diversion": 1, "reoffending": 1}
    assert counts(facets, "topic") == {"knife": 3, "drugs": 2}
    assert [o["label"] for o in facets["topic"]] == ["Drugs", "Knife crime"]
    assert counts(facets, "organisation") == {"kent": 3, "essex": 2}
    assert counts(facets, "region") == {"south_east": 1, "eastern": 1}
    assert counts(facets, "recognition") == {"tilley_award": 1, "hmicfrs_inspection": 1}
    assert {o["label"] for o in facets["recognition"]} == {"Tilley award", "HMICFRS inspection"}
    assert counts(facets, "year") == {"2021": 2, "2022": 1}
    assert [o["value"] for o in facets["year"]] == ["2022", "2021"]


@pytest.mark.parametrize(("params", "expected"), [
    ({"evidence_label": ["promising"]}, ["D", "E"]),
    ({"stage": ["untested"]}, ["A", "E"]),
    ({"focus": ["prevention"]}, ["A", "B", "D"]),
    ({"topic": ["drugs"]}, ["A", "C"]),
    ({"organisation": ["essex"]}, ["C", "D"]),
    ({"region": ["eastern"]}, ["C"]),
    ({"recognition": ["tilley_award"]}, ["A"]),
    ({"year": ["2021"]}, ["A", "D"]),
])
def test_each_facet_filters_the_list(bank, params, expected):
    assert titles(filtered(ANONYMOUS, query(**params))) == expected


def test_values_of_one_facet_widen_and_facets_together_narrow(bank):
    either_topic = query(topic=["knife", "drugs"])
    assert titles(filtered(ANONYMOUS, either_topic)) == ["A", "B", "C", "D"]
    either_focus = query(focus=["prevention", "diversion"])
    assert titles(filtered(ANONYMOUS, either_focus)) == ["A", "B", "D"]  # A once, not twice
    both = query(topic=["knife", "drugs"], evidence_label=["worked"], organisation=["kent"])
    assert titles(filtered(ANONYMOUS, both)) == ["A", "B"]


def test_a_facets_counts_apply_every_other_filter_but_its_own(bank):
    facets = facet_counts(ANONYMOUS, query(evidence_label=["worked"], organisation=["kent"]))
    # Label counts ignore the label filter (so "promising" can be added) but keep Kent.
    assert counts(facets, "evidence_label") == {"worked": 2, "promising": 1}
    assert counts(facets, "organisation") == {"kent": 2, "essex": 1}
    assert counts(facets, "topic") == {"knife": 2, "drugs": 1}
    assert [o["value"] for o in facets["evidence_label"] if o["selected"]] == ["worked"]


def test_a_selected_value_with_no_entries_stays_in_its_facet(bank):
    facets = facet_counts(ANONYMOUS, query(recognition=["police_star_fund"]))
    assert {"value": "police_star_fund", "label": "Police STAR Fund", "count": 0,
            "selected": True} in facets["recognition"]
    assert facets["evidence_label"] == []


def test_members_only_entries_never_count_for_the_public(bank, member):
    entry(title="Secret", evidence_label="didnt_work", visibility="members", focus=["prevention"])
    public = facet_counts(ANONYMOUS, PracticeQuery())
    assert "didnt_work" not in counts(public, "evidence_label")
    assert counts(public, "focus")["prevention"] == 3
    assert "Secret" not in titles(filtered(ANONYMOUS, PracticeQuery()))
    members = facet_counts(member, PracticeQuery())
    assert counts(members, "evidence_label")["didnt_work"] == 1
    assert counts(members, "focus")["prevention"] == 4
    assert "Secret" in titles(filtered(member, PracticeQuery()))


def test_unpublished_entries_are_never_listed(bank, member):
    entry(title="Draft", status="draft", submitted_by=member, published_at=None)
    assert "Draft" not in titles(filtered(member, PracticeQuery()))


def test_search_ranks_the_best_match_first_and_counts_only_matches(bank):
    entry(title="Burglary patrols", summary="Hot spot patrols against burglary")
    entry(title="Neighbourhood work", description="Some burglary mentioned once")
    result = find(ANONYMOUS, query(q="burglary"))
    assert [p.title for p in result.items] == ["Burglary patrols", "Neighbourhood work"]
    assert result.count == 2
    assert counts(result.facets, "evidence_label") == {"promising": 2}


def test_sorts(bank):
    assert [p.title for p in filtered(ANONYMOUS, query(sort="title"))] == ["A", "B", "C", "D", "E"]
    assert [p.title for p in filtered(ANONYMOUS, query(sort="start_date"))][:3] == ["B", "D", "A"]
    newest = [p.title for p in filtered(ANONYMOUS, PracticeQuery())]
    assert newest == list(reversed([p.title for p in filtered(ANONYMOUS, query(sort="oldest"))]))


def test_unknown_values_are_dropped_and_reported(bank):
    params = QueryDict("topic=knife&topic=nonsense&evidence_label=great&year=soon&sort=random&q=x")
    result, errors = PracticeQuery.from_params(params)
    assert result.topic == ["knife"]
    assert result.evidence_label == []
    assert result.year == []
    assert result.sort == ""
    assert set(errors) == {"topic", "evidence_label", "year", "sort"}
    assert "nonsense" in errors["topic"]


def test_find_pages_and_loads_related_rows_without_a_query_per_row(bank, query_count):
    result = find(ANONYMOUS, PracticeQuery(), page=2, page_size=2)
    assert (result.count, result.page, result.num_pages) == (5, 2, 3)
    assert len(result.items) == 2
    with query_count.capture() as queries:
        for practice in result.items:
            _ = (practice.organisation.name, list(practice.topics.all()),
                 list(practice.focus_rows.all()), list(practice.recognition_rows.all()))
    assert len(queries) == 0


def test_untouched_column_facets_are_counted_in_one_pass(bank, query_count):
    # label, stage, region, organisation and year together (+1 for organisation names), and one
    # each for focus, recognition and topic.
    assert query_count.of(lambda: facet_counts(ANONYMOUS, PracticeQuery())) == 5


def test_a_ticked_column_facet_is_counted_without_its_own_filter(bank, query_count):
    query, _ = PracticeQuery.from_params({"evidence_label": ["worked"]})
    with query_count.capture() as queries:
        facets = facet_counts(ANONYMOUS, query)
    assert len(queries) == 6
    assert sum(f["count"] for f in facets["evidence_label"]) == 5
