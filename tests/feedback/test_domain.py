"""Recording an answer: the page it is about, the scrubbing of its text, and the rate limit."""

import pytest
from django.core.exceptions import ValidationError

from exchange.feedback import domain
from exchange.feedback.enums import Reason
from exchange.feedback.models import PageFeedback

# --- Scrubbing ------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "scrubbed"), [
    ("Write to jo.bloggs@kent.police.uk about it", "Write to [removed] about it"),
    ("Ring 01632 960123 for help", "Ring [removed] for help"),
    ("Ring +44 7700 900123 for help", "Ring [removed] for help"),
    ("My collar number 4521 is on the form", "My [removed] is on the form"),
    ("PC 1234 could not find the form", "[removed] could not find the form"),
    ("Sarah Jones could not find it", "[removed] could not find it"),
    ("Inspector Khan asked me to say", "[removed] asked me to say"),
], ids=["email", "landline", "mobile", "collar number", "rank and number", "name",
        "titled name"])
def test_scrub_removes_each_kind_of_identifier(text, scrubbed):
    assert domain.scrub(text) == scrubbed


def test_scrub_leaves_text_without_identifiers_alone():
    text = "The custody page says nothing about the Learning the Lessons issues."
    assert domain.scrub(text) == text


@pytest.mark.django_db
def test_other_text_is_stored_scrubbed():
    answer = domain.record_answer(
        page="/about/", useful=False, reasons=[Reason.OTHER],
        other_text="Email sam@example.org or ring 07700 900123, ask for Sarah Jones (PC 1234)",
        address="10.0.0.1")
    answer.refresh_from_db()
    assert answer.other_text == "Email [removed] or ring [removed], ask for [removed] ([removed])"


# --- The page -----------------------------------------------------------------------------


@pytest.mark.parametrize(("given", "stored"), [
    ("/about/", "/about/"),
    ("/practice/?q=knife&page=2", "/practice/"),
    ("/about/#section", "/about/"),
    ("  /privacy/  ", "/privacy/"),
    ("/news/caf%65/", "/news/cafe/"),
])
def test_a_page_is_stored_as_its_path_alone(given, stored):
    assert domain.normalise_path(given) == stored


@pytest.mark.parametrize("given", [
    "", "about/", "https://evil.example/about/", "//evil.example/about/", "/no-such-page/",
    "/feedback/", "/feedback/report/", "/admin/", "/api/v1/docs", "/" + "a/" * 200,
    "javascript:alert(1)", "/about/\x00", None,
])
def test_only_the_exchanges_own_pages_can_be_answered_about(given):
    with pytest.raises(ValidationError):
        domain.normalise_path(given)


# --- What is stored ----------------------------------------------------------------------


def test_an_answer_keeps_nothing_about_who_gave_it():
    names = {field.name for field in PageFeedback._meta.get_fields()}
    assert names == {"id", "path", "useful", "reason_not_found", "reason_not_relevant",
                     "reason_too_complicated", "reason_other", "other_text", "created_at"}


@pytest.mark.django_db
def test_yes_keeps_no_reasons_or_text():
    answer = domain.record_answer(page="/about/", useful=True, reasons=[Reason.OTHER],
                                  other_text="Sent by mistake", address="10.0.0.1")
    assert answer.reasons == [] and answer.other_text == ""


@pytest.mark.django_db
def test_no_needs_a_reason_and_other_needs_text():
    with pytest.raises(ValidationError) as refused:
        domain.record_answer(page="/about/", useful=False, reasons=[], address="10.0.0.1")
    assert refused.value.message_dict == {"reasons": ["Select why the page was not useful"]}
    with pytest.raises(ValidationError) as refused:
        domain.record_answer(page="/about/", useful=False, reasons=[Reason.OTHER],
                             other_text="  ", address="10.0.0.1")
    assert refused.value.message_dict == {"other_text": ["Enter what was wrong with the page"]}
    assert not PageFeedback.objects.exists()


@pytest.mark.django_db
def test_no_with_reasons_stores_each_reason():
    answer = domain.record_answer(page="/about/", useful=False,
                                  reasons=[Reason.NOT_FOUND, Reason.TOO_COMPLICATED],
                                  other_text="ignored without Other", address="10.0.0.1")
    answer.refresh_from_db()
    assert answer.reasons == [Reason.NOT_FOUND, Reason.TOO_COMPLICATED]
    assert answer.other_text == ""


# --- The rate limit ----------------------------------------------------------------------


@pytest.mark.django_db
def test_an_address_over_the_limit_stores_nothing_more():
    address = "203.0.113.9"
    domain.reset_allowance(address=address)
    for _ in range(domain.ANSWERS_PER_WINDOW):
        domain.record_answer(page="/about/", useful=True, address=address)
    with pytest.raises(domain.TooManyAnswers):
        domain.record_answer(page="/about/", useful=True, address=address)
    assert PageFeedback.objects.count() == domain.ANSWERS_PER_WINDOW
    # Another address is counted on its own.
    domain.reset_allowance(address="203.0.113.10")
    domain.record_answer(page="/about/", useful=True, address="203.0.113.10")
    assert PageFeedback.objects.count() == domain.ANSWERS_PER_WINDOW + 1
    domain.reset_allowance(address=address)


def test_the_count_starts_again_in_the_next_window():
    address, now = "203.0.113.11", 1_000_000_200.0
    domain.reset_allowance(address=address, now=now)
    assert all(domain.take_allowance(address=address, now=now)
               for _ in range(domain.ANSWERS_PER_WINDOW))
    assert not domain.take_allowance(address=address, now=now)
    later = now + domain.WINDOW_SECONDS
    domain.reset_allowance(address=address, now=later)
    assert domain.take_allowance(address=address, now=later)


def test_the_address_is_not_in_the_cache_key():
    key = domain._limit_key("203.0.113.12")
    assert "203.0.113.12" not in key
    assert key != domain._limit_key("203.0.113.13")
