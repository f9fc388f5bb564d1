"""The staff report: answers by page and reason, the weekly trend, "Other" texts, CSV."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.feedback import domain
from exchange.feedback.enums import Reason
from tests.factories import staff_user

from .factories import answer

REPORT = reverse("feedback:report")
PAGE_REPORT = reverse("feedback:report-page")

pytestmark = pytest.mark.django_db


@pytest.fixture
def organiser():
    return staff_user("Organiser", email="organiser@example.org")


@pytest.fixture
def staff_client(client, organiser):
    client.force_login(organiser)
    return client


def test_the_report_counts_answers_by_page_and_reason(staff_client):
    answer("/about/")
    answer("/about/")
    answer("/about/", useful=False, reasons=[Reason.NOT_FOUND, Reason.OTHER], text="Hard")
    answer("/practice/", useful=False, reasons=[Reason.TOO_COMPLICATED])
    response = staff_client.get(REPORT)
    rows = response.context["rows"]
    assert [(r["path"], r["answers"], r["useful_percent"], r["reason_counts"]) for r in rows] == [
        ("/about/", 3, 67, [1, 0, 0, 1]),
        ("/practice/", 1, 0, [0, 0, 1, 0]),
    ]
    page = response.content.decode()
    assert "4 answers, 50% useful" in page
    assert f'href="{PAGE_REPORT}?path=/about/"' in page


def test_the_report_filters_by_dates_and_page(staff_client):
    today = timezone.localdate()
    answer("/about/", days_ago=40)
    answer("/about/", days_ago=3)
    answer("/practice/", days_ago=3)
    since = (today - datetime.timedelta(days=10)).isoformat()
    rows = staff_client.get(REPORT, {"since": since}).context["rows"]
    assert {(r["path"], r["answers"]) for r in rows} == {("/about/", 1), ("/practice/", 1)}
    until = (today - datetime.timedelta(days=30)).isoformat()
    rows = staff_client.get(REPORT, {"until": until}).context["rows"]
    assert [(r["path"], r["answers"]) for r in rows] == [("/about/", 1)]
    rows = staff_client.get(REPORT, {"path": "PRACT"}).context["rows"]
    assert [(r["path"], r["answers"]) for r in rows] == [("/practice/", 1)]


def test_dates_in_the_wrong_order_are_an_error(staff_client):
    page = staff_client.get(REPORT, {"since": "2026-05-02", "until": "2026-05-01"})
    assert "Enter a date on or after the From date" in page.content.decode()


def test_the_trend_counts_each_of_the_last_twelve_weeks(staff_client):
    today = timezone.localdate()
    monday = today - datetime.timedelta(days=today.weekday())
    noon = datetime.time(12)

    def on(day):
        return timezone.make_aware(datetime.datetime.combine(day, noon))

    answer(at=on(monday))
    answer(useful=False, reasons=[Reason.NOT_RELEVANT], at=on(monday))
    answer(at=on(monday - datetime.timedelta(weeks=2)))
    answer(at=on(monday - datetime.timedelta(weeks=12)))  # thirteen weeks ago: not shown
    trend = staff_client.get(REPORT).context["trend"]
    assert len(trend) == 12
    assert trend[-1] == domain.Week(monday, 2, 1)
    assert trend[-1].useful_percent == 50
    assert trend[-3] == domain.Week(monday - datetime.timedelta(weeks=2), 1, 1)
    assert trend[0].starts_on == monday - datetime.timedelta(weeks=11)
    assert sum(week.answers for week in trend) == 3
    assert trend[-2].useful_percent is None


def test_the_trend_is_drawn_and_tabled_without_javascript(staff_client):
    answer()
    page = staff_client.get(REPORT).content.decode()
    assert '<svg class="govuk-!-margin-bottom-4"' in page and 'role="img"' in page
    assert "<caption class=\"govuk-table__caption govuk-table__caption--s\">Answers each week" \
           in page


def test_with_no_answers_the_trend_says_so_instead_of_drawing_nothing(staff_client):
    # Found walking the demo: an empty chart and twelve weeks of zeros.
    page = staff_client.get(REPORT).content.decode()
    assert "No answers in these weeks, so there is no trend to show yet." in page
    assert "<svg" not in page and "Answers each week" not in page


def test_the_page_report_shows_that_pages_other_texts(staff_client):
    answer("/about/", useful=False, reasons=[Reason.OTHER], text="Ring [removed] about it")
    answer("/about/", useful=False, reasons=[Reason.NOT_FOUND])
    answer("/practice/", useful=False, reasons=[Reason.OTHER], text="Another page's text")
    response = staff_client.get(PAGE_REPORT, {"path": "/about/"})
    page = response.content.decode()
    assert "Ring [removed] about it" in page
    assert "Another page&#x27;s text" not in page
    assert "2 answers, 0% useful" in page
    assert [count for _, count in response.context["reason_rows"]] == [1, 0, 0, 1]


def test_the_csv_has_every_answer_scrubbed_and_safe(staff_client):
    answer("/about/", useful=False, reasons=[Reason.OTHER], text="=HYPERLINK(\"x\") [removed]")
    answer("/practice/")
    response = staff_client.get(REPORT, {"format": "csv", "path": "about"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="page-feedback-')
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0] == ["Date", "Page", "Useful", "Reasons", "Other (scrubbed)"]
    assert rows[1][1:] == ["/about/", "No", "Other", "'=HYPERLINK(\"x\") [removed]"]
    assert len(rows) == 2


@pytest.mark.parametrize("role", ["Reviewer", "Editor", "Organiser"])
def test_every_kind_of_programme_staff_may_read_the_report(client, role):
    client.force_login(staff_user(role))
    assert client.get(REPORT).status_code == 200
    assert client.get(PAGE_REPORT, {"path": "/about/"}).status_code == 200


def test_nobody_else_may(client, member):
    assert client.get(REPORT)["Location"].startswith(reverse("people:sign-in"))
    client.force_login(member)
    assert client.get(REPORT).status_code == 403
    assert client.get(REPORT, {"format": "csv"}).status_code == 403
    assert client.get(PAGE_REPORT, {"path": "/about/"}).status_code == 403


def test_the_report_links_from_the_staff_header(staff_client, client):
    assert f'href="{REPORT}">Page feedback</a>' in staff_client.get("/about/").content.decode()


def test_the_reports_queries_do_not_grow_with_answers_or_pages(staff_client, query_count):
    for n in range(3):
        answer(f"/practice/{n}/", useful=False, reasons=[Reason.OTHER], text="x")
    few = query_count.of_get(staff_client, REPORT)
    few_texts = query_count.of_get(staff_client, PAGE_REPORT, {"path": "/practice/1/"})
    for n in range(3, 45):
        answer(f"/practice/{n}/", useful=n % 2 == 0, reasons=[] if n % 2 == 0 else [Reason.OTHER],
               text="" if n % 2 == 0 else "y")
        answer("/practice/1/", useful=False, reasons=[Reason.OTHER], text=f"text {n}")
    assert query_count.of_get(staff_client, REPORT) == few
    assert query_count.of_get(staff_client, REPORT, {"page": "2"}) == few
    assert query_count.of_get(staff_client, PAGE_REPORT, {"path": "/practice/1/"}) == few_texts


def test_an_administrator_can_read_and_delete_an_answer_in_the_admin(client, admin_user):
    row = answer("/about/", useful=False, reasons=[Reason.OTHER], text="Names Kent")
    client.force_login(admin_user)
    listing = client.get(reverse("admin:feedback_pagefeedback_changelist"), {"q": "kent"})
    assert listing.status_code == 200 and "/about/" in listing.content.decode()
    assert client.get(reverse("admin:feedback_pagefeedback_add")).status_code == 403
    client.post(reverse("admin:feedback_pagefeedback_delete", args=[row.pk]), {"post": "yes"})
    assert not type(row).objects.exists()
