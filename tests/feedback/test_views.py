"""Answering "Was this page useful?": with and without JavaScript, with errors, over the limit,
and that it keeps nothing about the person (no session is read or written)."""

import pytest
from django.test import Client
from django.urls import reverse

from exchange.feedback import domain
from exchange.feedback.models import PageFeedback

ANSWER = reverse("feedback:answer")
FETCH = {"HTTP_X_PAGE_FEEDBACK": "fetch"}

pytestmark = pytest.mark.django_db


def test_the_question_ends_pages_of_every_kind(client, member):
    for url in ["/about/", "/practice/", "/support/", "/lessons/", "/visits/",
                "/account/sign-in/"]:
        page = client.get(url).content.decode()
        assert 'id="page-feedback"' in page, url
        assert "Was this page useful?" in page, url
        # After the main content, before the footer, outside <main> so it is no page's own form.
        assert page.index("</main>") < page.index('id="page-feedback"') < page.index("<footer")
    client.force_login(member)
    assert "Was this page useful?" in client.get("/account/").content.decode()


def test_the_question_carries_the_page_and_its_no_link(client):
    page = client.get("/practice/?q=knife").content.decode()
    assert '<input type="hidden" name="page" value="/practice/">' in page
    assert f'href="{ANSWER}?page=/practice/"' in page
    # The query string is not the page, and what a link put there is not written back out.
    assert "knife" not in page.split('id="page-feedback"')[1]
    assert "Do not include personal information, such as your name, email address or collar " \
           "number." in page
    assert 'src="/static/exchange/feedback.js"' in page


def test_the_question_is_left_out_of_error_pages_and_its_own(client, member):
    assert "Was this page useful?" not in client.get("/no-such-page/").content.decode()
    assert "Was this page useful?" not in client.get("/practice/999999/").content.decode()
    assert "Was this page useful?" not in client.get(f"{ANSWER}?page=/about/").content.decode()
    client.force_login(member)
    refused = client.get(reverse("feedback:report"))
    assert refused.status_code == 403
    assert "Was this page useful?" not in refused.content.decode()


def test_reading_a_page_with_the_question_sets_no_cookie():
    for url in ["/about/", "/privacy/", "/practice/", "/support/", "/lessons/"]:
        response = Client().get(url)
        assert 'id="page-feedback"' in response.content.decode(), url
        assert not response.cookies, f"{url} set {list(response.cookies)}"


# --- Without JavaScript --------------------------------------------------------------------


def test_yes_records_and_comes_back_with_thanks(client):
    response = client.post(ANSWER, {"page": "/practice/?q=knife", "useful": "yes"})
    assert response.status_code == 302
    assert response["Location"] == "/practice/?q=knife&page_feedback=thanks#page-feedback"
    answer = PageFeedback.objects.get()
    assert (answer.path, answer.useful, answer.reasons) == ("/practice/", True, [])
    page = client.get(response["Location"]).content.decode()
    assert "Thank you for your feedback" in page
    assert "Was this page useful?" not in page


def test_answering_does_not_touch_the_session(client):
    yes = client.post(ANSWER, {"page": "/about/", "useful": "yes"})
    no = client.post(ANSWER, {"page": "/about/", "useful": "no", "reasons": ["not_found"]})
    for response in (yes, no):
        assert response.status_code == 302
        assert not response.wsgi_request.session.accessed
        assert not response.wsgi_request.session.modified
        assert not response.cookies
    assert PageFeedback.objects.count() == 2


def test_a_signed_in_answer_is_not_tied_to_the_account(client, member):
    client.force_login(member)
    # (The site's middleware reads a signed-in session for every request; the view does not.)
    response = client.post(ANSWER, {"page": "/about/", "useful": "yes"})
    assert response.status_code == 302
    row = PageFeedback.objects.values().get()
    assert set(row) == {"id", "path", "useful", "reason_not_found", "reason_not_relevant",
                        "reason_too_complicated", "reason_other", "other_text", "created_at"}
    assert member.email not in str(row) and member.full_name not in str(row)


def test_no_leads_to_the_reasons(client):
    response = client.get(ANSWER, {"page": "/about/"})
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-fieldset__heading">Why was the page not useful?</h1>' in page
    for label in ["I couldn&#x27;t find what I was looking for",
                  "The information wasn&#x27;t relevant to me",
                  "The information is too complicated", "Other"]:
        assert label in page
    assert "Do not include personal information" in page
    assert '<input type="hidden" name="page" value="/about/">' in page


def test_the_reasons_page_refuses_a_page_that_is_not_ours(client):
    assert client.get(ANSWER, {"page": "https://evil.example/"}).status_code == 404
    assert client.get(ANSWER).status_code == 404


def test_no_with_reasons_records_them_scrubbed(client):
    response = client.post(ANSWER, {
        "page": "/about/", "useful": "no", "reasons": ["not_relevant", "other"],
        "other_text": "I am Sarah Jones, ring me on 07700 900123"})
    assert response["Location"] == "/about/?page_feedback=thanks#page-feedback"
    answer = PageFeedback.objects.get()
    assert answer.useful is False
    assert answer.reasons == ["not_relevant", "other"]
    assert answer.other_text == "I am [removed], ring me on [removed]"


def test_text_without_ticking_other_counts_as_other(client):
    client.post(ANSWER, {"page": "/about/", "useful": "no", "other_text": "Too long"})
    assert PageFeedback.objects.get().reasons == ["other"]


@pytest.mark.parametrize(("data", "message", "link"), [
    ({}, "Select why the page was not useful", "#page-feedback-reasons_0"),
    ({"reasons": ["other"]}, "Enter what was wrong with the page", "#page-feedback-other_text"),
    ({"reasons": ["not_found", "other"], "other_text": "word " * 250},
     "What was wrong must be 1,200 characters or fewer", "#page-feedback-other_text"),
], ids=["nothing chosen", "other without text", "too long"])
def test_errors_are_summarised_and_keep_what_was_typed(client, data, message, link):
    response = client.post(ANSWER, {"page": "/about/", "useful": "no", **data})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert f'<li><a href="{link}">{message}</a></li>' in page
    assert "<title>Error: " in page
    for value in data.get("reasons", []):
        assert f'value="{value}" checked' in page
    if "other_text" in data:
        assert data["other_text"].strip() in page
    assert not PageFeedback.objects.exists()


def test_an_answer_about_a_page_that_is_not_ours_is_refused(client):
    response = client.post(ANSWER, {"page": "https://evil.example/", "useful": "yes"})
    assert response.status_code == 400
    assert "We could not tell which page your answer was about." in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_a_page_that_is_not_ours_is_refused_whatever_else_is_wrong(client):
    for data in [{"useful": "no"}, {"useful": "no", "other_text": "word " * 250},
                 {"useful": "no", "reasons": ["no_such_reason"]}]:
        response = client.post(ANSWER, {"page": "/no-such-page/", **data})
        assert response.status_code == 400, data
        assert "We could not tell which page your answer was about." in response.content.decode()
    assert not PageFeedback.objects.exists()


def test_the_page_is_checked_once_per_answer(client, monkeypatch):
    calls = []
    check = domain.normalise_path
    monkeypatch.setattr(domain, "normalise_path", lambda value: calls.append(value) or check(value))
    client.post(ANSWER, {"page": "/about/?q=x", "useful": "yes"})
    assert calls == ["/about/?q=x"]
    assert PageFeedback.objects.get().path == "/about/"


def test_a_cross_site_post_is_refused(client):
    refused = client.post(ANSWER, {"page": "/about/", "useful": "yes"},
                          HTTP_SEC_FETCH_SITE="cross-site")
    other_origin = client.post(ANSWER, {"page": "/about/", "useful": "yes"},
                               HTTP_ORIGIN="https://evil.example")
    same = client.post(ANSWER, {"page": "/about/", "useful": "yes"},
                       HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN="http://testserver")
    assert (refused.status_code, other_origin.status_code, same.status_code) == (403, 403, 302)
    assert PageFeedback.objects.count() == 1


def test_over_the_limit_nothing_is_stored_and_the_person_is_told(client):
    for _ in range(domain.ANSWERS_PER_WINDOW):
        assert client.post(ANSWER, {"page": "/about/", "useful": "yes"}).status_code == 302
    response = client.post(ANSWER, {"page": "/about/", "useful": "yes"})
    assert response.status_code == 429
    assert "so we did not record this answer" in response.content.decode()
    fetched = client.post(ANSWER, {"page": "/about/", "useful": "yes"}, **FETCH)
    assert fetched.status_code == 429
    assert "Your answer was not recorded" in fetched.content.decode()
    assert PageFeedback.objects.count() == domain.ANSWERS_PER_WINDOW


def test_the_limit_follows_the_configured_client_address_header(client, settings):
    settings.AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_REAL_IP", "REMOTE_ADDR")
    for n in range(domain.ANSWERS_PER_WINDOW + 1):
        response = client.post(ANSWER, {"page": "/about/", "useful": "yes"},
                               HTTP_X_REAL_IP=f"81.2.69.{n + 1}")
        assert response.status_code == 302
    for n in range(domain.ANSWERS_PER_WINDOW + 1):
        domain.reset_allowance(address=f"81.2.69.{n + 1}")


# --- With JavaScript (feedback.js sends the same forms with fetch) ------------------------


def test_a_fetched_yes_gets_the_thanks_in_place(client):
    response = client.post(ANSWER, {"page": "/about/", "useful": "yes"}, **FETCH)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Thank you for your feedback" in body and "data-page-feedback-focus" in body
    assert "<html" not in body
    assert not response.wsgi_request.session.accessed
    assert PageFeedback.objects.get().useful is True


def test_a_fetched_no_with_errors_gets_the_form_back_with_them(client):
    response = client.post(ANSWER, {"page": "/about/", "useful": "no", "reasons": ["other"]},
                           **FETCH)
    body = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in body and "Enter what was wrong with the page" in body
    assert 'value="other" checked' in body
    assert "<html" not in body
    assert not PageFeedback.objects.exists()
