import csv
import datetime
import io

import pytest
from django.urls import reverse

from exchange.practice import interchange
from exchange.practice.models import PracticeFocus, PracticeRecognition
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory

LIST_URL = reverse("practice:list")
CSV_URL = reverse("practice:export-csv")


def entry(*, topics=(), focus=(), recognition=(), **fields):
    practice = PracticeFactory(**fields)
    practice.topics.set(topics)
    PracticeFocus.objects.bulk_create([PracticeFocus(practice=practice, value=v) for v in focus])
    PracticeRecognition.objects.bulk_create(
        [PracticeRecognition(practice=practice, value=v) for v in recognition])
    return practice


def csv_titles(response):
    body = b"".join(response.streaming_content).decode()
    return [row["title"] for row in csv.DictReader(io.StringIO(body))]


@pytest.fixture
def labelled(db):
    for n in range(3):
        entry(title=f"Worked {n}", evidence_label="worked")
    for n in range(2):
        entry(title=f"Promising {n}", evidence_label="promising")


def test_the_list_shows_label_counts_and_filters_by_label(client, labelled):
    page = client.get(LIST_URL).content.decode()
    assert "5 entries" in page
    assert 'value="worked">' in page
    assert "Worked <span class=\"exchange-facet__count\">(3" in page
    assert "Promising <span class=\"exchange-facet__count\">(2" in page
    filtered = client.get(LIST_URL, {"evidence_label": "promising"})
    assert filtered.context["result"].count == 2
    assert {p.title for p in filtered.context["result"].items} == {"Promising 0", "Promising 1"}
    assert 'value="promising" checked' in filtered.content.decode()


def test_search_ranks_matches_and_highlights_them(client, db):
    entry(title="Knife crime in schools", summary="Talks about knife crime to pupils")
    entry(title="Community work", summary="Partners meet", description="A knife amnesty too")
    entry(title="Drones", summary="Aerial support")
    response = client.get(LIST_URL, {"q": "knife"})
    assert [p.title for p in response.context["result"].items] == [
        "Knife crime in schools", "Community work"]
    page = response.content.decode()
    assert "Talks about <mark>knife</mark> crime to pupils" in page
    assert "2 entries matching \u2018knife\u2019" in page
    assert "Drones" not in page


def test_topics_and_focus_combine_or_within_and_across(client, db):
    knife, drugs = TopicFactory(slug="knife"), TopicFactory(slug="drugs")
    entry(title="Both", topics=[knife, drugs], focus=["prevention"])
    entry(title="Knife only", topics=[knife], focus=["diversion"])
    entry(title="Drugs only", topics=[drugs], focus=["prevention"])
    entry(title="Neither", focus=["prevention"])
    response = client.get(LIST_URL + "?topic=knife&topic=drugs&focus=prevention")
    assert sorted(p.title for p in response.context["result"].items) == ["Both", "Drugs only"]


def test_members_only_entries_are_hidden_from_the_public_everywhere(client, member, db):
    entry(title="Open entry", evidence_label="worked")
    entry(title="Members entry", evidence_label="didnt_work", visibility="members")
    page = client.get(LIST_URL).content.decode()
    assert "Open entry" in page and "Members entry" not in page
    assert "Didn&#x27;t work" not in page and "1 entry" in page
    assert csv_titles(client.get(CSV_URL)) == ["Open entry"]
    assert "Members entry" not in client.get(reverse("practice:feed")).content.decode()

    client.force_login(member)
    page = client.get(LIST_URL).content.decode()
    assert "Members entry" in page and "2 entries" in page
    assert sorted(csv_titles(client.get(CSV_URL))) == ["Members entry", "Open entry"]


def test_the_csv_holds_exactly_the_filtered_list_in_the_interchange_format(client, db):
    org = OrganisationFactory(name="Alphashire Police", slug="alphashire")
    for n in range(25):
        entry(title=f"Alpha {n:02}", organisation=org, focus=["prevention", "diversion"])
    entry(title="Elsewhere", focus=["prevention"])
    response = client.get(CSV_URL, {"organisation": "alphashire", "focus": "prevention",
                                     "sort": "title", "page": "2"})
    assert response["Content-Type"].startswith("text/csv")
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="practice-{today}.csv"'
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.DictReader(io.StringIO(body)))
    assert list(rows[0]) == interchange.FIELDS
    assert [row["title"] for row in rows] == [f"Alpha {n:02}" for n in range(25)]
    assert rows[0]["focus"] == "diversion; prevention"
    assert rows[0]["organisation"] == "Alphashire Police"


def test_an_htmx_request_gets_only_the_results_and_filters(client, labelled):
    response = client.get(LIST_URL, {"evidence_label": "worked"}, headers={"HX-Request": "true"})
    page = response.content.decode()
    assert "<html" not in page and "<h1" not in page
    assert "3 entries" in page
    assert 'name="evidence_label"' in page  # the facet counts are swapped too
    assert "data-focus-after-swap" in page
    assert "HX-Request" in response["Vary"]


def test_the_full_page_has_the_htmx_form_feed_and_csv_links(client, labelled):
    page = client.get(LIST_URL, {"evidence_label": "worked"}).content.decode()
    assert 'hx-get="/practice/"' in page and 'hx-target="#results"' in page
    assert 'hx-push-url="true"' in page and 'hx-trigger="change, submit"' in page
    assert '<label class="govuk-label govuk-label--m" for="search-q">Search practice</label>' in page
    assert 'type="application/atom+xml"' in page
    assert f'href="{CSV_URL}?evidence_label=worked"' in page
    assert "Download these 3 entries as CSV" in page
    assert page.count("<h1") == 1


def test_a_selected_filter_has_a_remove_link(client, labelled):
    page = client.get(LIST_URL + "?q=&evidence_label=worked&evidence_label=promising").content.decode()
    assert "Does it work?: Worked" in page
    assert 'href="?q=&amp;evidence_label=promising"' in page


def test_pagination_keeps_the_filters(client, db):
    for n in range(45):
        entry(title=f"Worked {n}", evidence_label="worked")
    entry(title="Other", evidence_label="promising")
    response = client.get(LIST_URL, {"evidence_label": "worked", "page": "2"})
    assert response.context["result"].page == 2
    assert len(response.context["result"].items) == 20
    page = response.content.decode()
    assert 'href="?evidence_label=worked&amp;page=3"' in page
    assert 'href="?evidence_label=worked"' in page  # page 1, previous
    assert 'aria-current="page"' in page


def test_an_empty_result_gives_advice(client, labelled):
    page = client.get(LIST_URL, {"q": "zeppelin"}).content.decode()
    assert "0 entries" in page
    assert "No practice matches your search" in page
    assert "checking your spelling" in page


def test_unknown_filters_are_reported_not_fatal(client, labelled):
    response = client.get(LIST_URL, {"evidence_label": ["worked", "brilliant"]})
    assert response.status_code == 200
    assert response.context["result"].count == 3
    assert "brilliant" in response.content.decode()


def _entries(count, topics):
    for n in range(count):
        entry(title=f"Entry {n}", topics=topics, focus=["prevention", "diversion"],
              recognition=["tilley_award"], start_date=datetime.date(2020 + n % 3, 1, 1))


@pytest.mark.parametrize("signed_in", [False, True])
def test_list_query_count_does_not_grow_with_rows(client, member, signed_in, query_count):
    topics = [TopicFactory(), TopicFactory()]
    _entries(2, topics)
    if signed_in:
        client.force_login(member)
    few = query_count.of_get(client, LIST_URL)
    _entries(13, topics)
    many = query_count.of_get(client, LIST_URL)
    assert few == many


def test_csv_query_count_does_not_grow_with_rows(client, db, query_count):
    def download():
        b"".join(client.get(CSV_URL).streaming_content)

    topics = [TopicFactory(), TopicFactory()]
    _entries(2, topics)
    few = query_count.of(download)
    _entries(13, topics)
    assert query_count.of(download) == few


@pytest.mark.django_db
def test_the_csv_download_defuses_cells_a_spreadsheet_would_run_as_formulas(client):
    PracticeFactory(title='=HYPERLINK("http://evil.example","click")', summary="+1 safe?")
    body = b"".join(client.get(reverse("practice:export-csv")).streaming_content).decode()
    assert "'=HYPERLINK" in body
    assert "'+1 safe?" in body
