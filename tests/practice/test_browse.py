import csv
import datetime
import io
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from exchange.practice import interchange
from exchange.practice.models import LabelChange, PracticeFocus, PracticeRecognition
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


def csv_rows(response):
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def csv_titles(response):
    return [row["Title"] for row in csv_rows(response)]


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


def test_the_csv_holds_exactly_the_filtered_list(client, db):
    # Issue 9 changed its headings and values to the words people read (see the next test).
    org = OrganisationFactory(name="Alphashire Police", slug="alphashire")
    for n in range(25):
        entry(title=f"Alpha {n:02}", organisation=org, focus=["prevention", "diversion"])
    entry(title="Elsewhere", focus=["prevention"])
    response = client.get(CSV_URL, {"organisation": "alphashire", "focus": "prevention",
                                     "sort": "title", "page": "2"})
    assert response["Content-Type"].startswith("text/csv")
    today = datetime.date.today().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="practice-{today}.csv"'
    rows = csv_rows(response)
    assert list(rows[0]) == [interchange.READABLE_HEADINGS[name] for name in interchange.FIELDS]
    assert [row["Title"] for row in rows] == [f"Alpha {n:02}" for n in range(25)]
    assert rows[0]["Focus"] == "Diversion; Prevention"
    assert rows[0]["Organisation"] == "Alphashire Police"


@pytest.fixture
def coded_entry(db):
    practice = entry(title="Hot spot patrols", evidence_label="new_innovative",
                     stage="independently_evaluated", region="north_east", scale="regional",
                     visibility="public", start_date=datetime.date(2024, 3, 1),
                     start_date_precision="month", recognition=["tilley_award"],
                     focus=["reoffending"], links=["https://r.example/report"])
    LabelChange.objects.create(practice=practice, label="new_innovative",
                               changed_at=timezone.make_aware(datetime.datetime(2024, 5, 2, 9)))
    return practice


def test_the_csv_download_uses_the_words_people_read_not_the_codes(client, coded_entry):
    (row,) = csv_rows(client.get(CSV_URL))
    assert row["Does it work?"] == "New or innovative"
    assert row["Stage of practice"] == "Independently evaluated"
    assert row["Region"] == "North East"
    assert row["Scale"] == "Regional"
    assert row["Who can see it"] == "Everyone"
    assert row["Started"] == "March 2024"
    assert row["Recognition"] == "Tilley award"
    assert row["Focus"] == "Reoffending"
    assert row["Links"] == "https://r.example/report"
    assert row["Label history"] == "New or innovative from 2 May 2024"


def test_the_export_and_its_json_keep_the_codes(tmp_path, coded_entry):
    call_command("export_practices", str(tmp_path / "bank.json"), stdout=io.StringIO())
    (exported,) = json.loads((tmp_path / "bank.json").read_text())
    assert (exported["stage"], exported["region"]) == ("independently_evaluated", "north_east")
    assert exported["start_date"] == "2024-03"
    call_command("export_practices", str(tmp_path / "bank.csv"), stdout=io.StringIO())
    (row,) = csv.DictReader(io.StringIO((tmp_path / "bank.csv").read_text()))
    assert (row["stage"], row["region"], row["visibility"]) == (
        "independently_evaluated", "north_east", "public")


def test_an_empty_list_offers_no_download_but_its_csv_is_the_header_row(client, labelled):
    page = client.get(LIST_URL, {"q": "zeppelin"}).content.decode()
    assert "0 entries" in page
    assert "as CSV" not in page and CSV_URL not in page
    assert "Atom feed" in page
    response = client.get(CSV_URL, {"q": "zeppelin"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode()
    assert body.splitlines() == [",".join(
        f'"{heading}"' if "," in heading else heading
        for heading in (interchange.READABLE_HEADINGS[name] for name in interchange.FIELDS))]


def back_link(page):
    start = page.index('class="govuk-back-link"')
    return page[page.rindex("<a href=", 0, start):page.index("</a>", start)]


def test_an_entry_found_by_a_search_links_back_to_that_search(client, db):
    practice = entry(title="Knife crime talks", evidence_label="worked")
    listing = client.get(LIST_URL, {"q": "knife", "evidence_label": "worked", "sort": "",
                                    "page": "1"}).content.decode()
    detail_href = listing.split(f'href="{practice.get_absolute_url()}', 1)[1].split('"', 1)[0]
    back = parse_qs(urlsplit(detail_href.replace("&amp;", "&")).query)["back"][0]
    assert back == f"{LIST_URL}?q=knife&evidence_label=worked&page=1"  # the empty sort left out

    detail = client.get(practice.get_absolute_url(), {"back": back}).content.decode()
    assert back_link(detail) == (f'<a href="{LIST_URL}?q=knife&amp;evidence_label=worked&amp;'
                                 'page=1" class="govuk-back-link">Back to search results')


def test_the_bare_list_links_to_entries_without_a_way_back(client, db):
    practice = entry(title="Knife crime talks")
    listing = client.get(LIST_URL).content.decode()
    assert f'href="{practice.get_absolute_url()}"' in listing
    detail = client.get(practice.get_absolute_url()).content.decode()
    assert back_link(detail) == f'<a href="{LIST_URL}" class="govuk-back-link">Find practice'


@pytest.mark.parametrize("back", [
    "https://evil.example/practice/?q=knife", "//evil.example/practice/?q=knife",
    "/account/sign-in/?next=/practice/", "/\\evil.example/practice/", "javascript:alert(1)",
    "https:///practice/?q=x", "http://[::1/practice/"])
def test_a_back_address_that_is_not_this_sites_practice_list_is_refused(client, db, back):
    practice = entry(title="Knife crime talks")
    detail = client.get(practice.get_absolute_url(), {"back": back}).content.decode()
    assert back_link(detail) == f'<a href="{LIST_URL}" class="govuk-back-link">Find practice'
    assert "evil.example" not in detail and "sign-in/?next" not in detail


def test_related_entries_keep_the_way_back_to_the_search(client, db):
    topic = TopicFactory()
    practice = entry(title="Knife crime talks", topics=[topic])
    other = entry(title="Knife arches", topics=[topic])
    detail = client.get(practice.get_absolute_url(), {"back": f"{LIST_URL}?q=knife"})
    assert f'href="{other.get_absolute_url()}?back=%2Fpractice%2F%3Fq%3Dknife"' in (
        detail.content.decode())


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
    assert 'hx-push-url="true"' in page
    # Issue 9: typing waits for a pause; the search box's change event (fired by Enter
    # beside the submit) sends nothing, so one search is one request.
    assert ('hx-trigger="submit, change target:.govuk-checkboxes__input, change target:#sort, '
            'input changed delay:500ms target:#search-q"') in page
    assert 'aria-live="polite"' in page and "data-exchange-results-status" in page
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


def test_the_home_page_puts_the_practice_search_first_and_sign_up_second(client, db):
    page = client.get(reverse("common:home")).content.decode()
    form = f'<form method="get" action="{LIST_URL}"'
    assert form in page
    assert page.index(form) < page.index("Create an account") < page.index(">Programmes</h2>")
    assert 'name="q"' in page[page.index(form):page.index("</form>", page.index(form))]
    assert "govuk-button--start" not in page
    assert (f'<a class="govuk-link" href="{reverse("people:sign-up")}">Create an account</a>'
            in page)


def test_the_home_page_offers_no_sign_up_to_someone_signed_in(client, member):
    client.force_login(member)
    page = client.get(reverse("common:home")).content.decode()
    assert f'<form method="get" action="{LIST_URL}"' in page
    assert reverse("people:sign-up") not in page
