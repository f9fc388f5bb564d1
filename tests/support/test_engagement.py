"""The engagement: dates, agenda and start; shared documents; feedback; the anonymised summary
and the public learning page."""

import datetime
import os

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.support.domain import engagement as domain
from exchange.support.enums import Rating, RequestStatus, SupportType, TeamStatus
from exchange.support.models import Pairing, SharedDocument, SupportRequest

from .factories import SupportRequestFactory, TeamMemberFactory, TermsVersionFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _in_state(request, status, **fields):
    SupportRequest.objects.filter(pk=request.pk).update(status=status, **fields)
    request.refresh_from_db()
    return request


def _agreed(request, *, starts_on=None, ends_on=None):
    terms = TermsVersionFactory(request=request, number=1,
                                starts_on=starts_on or datetime.date(2031, 3, 3),
                                ends_on=ends_on or datetime.date(2031, 3, 5))
    return _in_state(request, RequestStatus.AGREED, agreed_terms=terms)


def _pdf(name="plan.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


# --- The engagement ----------------------------------------------------------------------------


def test_starting_takes_the_agreed_terms_dates_and_emails_the_team_and_the_lead(
        support_request, organiser, lead, team_peer):
    _agreed(support_request)

    domain.start_engagement(request=support_request, actor=organiser)

    support_request.refresh_from_db()
    assert support_request.status == RequestStatus.UNDER_WAY
    assert (support_request.starts_on, support_request.ends_on) == (
        datetime.date(2031, 3, 3), datetime.date(2031, 3, 5))
    to = sorted(OutboxMessage.objects.filter(template="engagement_started").values_list("to", flat=True))
    assert to == sorted([lead.email, team_peer.user.email])
    assert Activity.objects.for_object(support_request).filter(verb="start").exists()


def test_an_engagement_does_not_start_before_a_peer_accepts(support_request, organiser):
    _agreed(support_request)
    support_request.team.update(status=TeamStatus.INVITED)

    with pytest.raises(ValidationError, match="At least one peer must accept"):
        domain.start_engagement(request=support_request, actor=organiser)

    assert SupportRequest.objects.get(pk=support_request.pk).status == RequestStatus.AGREED


def test_an_engagement_does_not_start_before_terms_are_agreed(support_request, organiser):
    _in_state(support_request, RequestStatus.SCOPING)

    with pytest.raises(ValidationError, match="once the terms of reference are agreed"):
        domain.start_engagement(request=support_request, actor=organiser)


def test_mentoring_starts_only_once_a_pairing_exists(force, lead, organiser, team_peer):
    request = SupportRequestFactory(organisation=force, support_type=SupportType.MENTORING)
    _agreed(request)
    with pytest.raises(ValidationError, match="Pair at least one peer"):
        domain.start_engagement(request=request, actor=organiser)
    Pairing.objects.create(request=request, peer=team_peer, person_name="DCI Dee")

    domain.start_engagement(request=request, actor=organiser)

    assert SupportRequest.objects.get(pk=request.pk).status == RequestStatus.UNDER_WAY


def test_the_last_day_cannot_come_before_the_first(support_request, organiser):
    _agreed(support_request)
    with pytest.raises(ValidationError) as refused:
        domain.plan_engagement(request=support_request, actor=organiser,
                               starts_on=datetime.date(2031, 3, 5),
                               ends_on=datetime.date(2031, 3, 3), agenda="")
    assert "ends_on" in refused.value.message_dict


def test_the_engagement_page_shows_the_team_and_agenda_and_organisers_start_it(
        client, support_request, organiser, lead, team_peer):
    _agreed(support_request)
    domain.plan_engagement(request=support_request, actor=organiser, starts_on=None, ends_on=None,
                           agenda="- Day one: meet the investigation teams")
    client.force_login(lead)
    page = client.get(reverse("support:engagement", args=[support_request.pk])).content.decode()
    assert "Day one: meet the investigation teams" in page and "Pip Peer" in page
    assert "3 March 2031" in page  # from the agreed terms
    assert "Start the engagement" not in page

    client.force_login(organiser)
    response = client.post(reverse("support:engagement", args=[support_request.pk]),
                           {"action": "start"})

    assert response.status_code == 302
    assert SupportRequest.objects.get(pk=support_request.pk).status == RequestStatus.UNDER_WAY


def test_only_organisers_set_the_dates(client, support_request, lead):
    _agreed(support_request)
    client.force_login(lead)
    response = client.post(reverse("support:engagement", args=[support_request.pk]),
                           {"starts_on": "2031-04-01", "agenda": "Mine"})
    assert response.status_code == 403
    assert SupportRequest.objects.get(pk=support_request.pk).agenda == ""


# --- Documents ---------------------------------------------------------------------------------


def test_a_shared_document_downloads_as_an_attachment_with_a_safe_name(client, support_request, lead):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    document = domain.share_document(request=support_request, actor=lead,
                                     title='Files "audit"/../2031', upload=_pdf())
    client.force_login(lead)

    response = client.get(reverse("support:document", args=[document.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="files-audit2031.pdf"'
    assert b"".join(response.streaming_content) == PDF
    assert document.file.name.startswith("support/documents/") and "kent" not in document.file.name.lower()


@pytest.mark.parametrize(("person", "status"), [
    ("lead", 200), ("team", 200), ("organiser", 200),
    ("colleague", 404), ("other_lead", 404), ("other_peer", 404), ("anonymous", 302)])
def test_documents_are_seen_only_by_the_force_the_team_and_organisers(
        client, support_request, lead, team_peer, organiser, colleague, other_lead, other_peer,
        person, status):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    document = domain.share_document(request=support_request, actor=lead, title="Audit",
                                     upload=_pdf())
    people = {"lead": lead, "team": team_peer.user, "organiser": organiser,
              "colleague": colleague, "other_lead": other_lead, "other_peer": other_peer.user}
    if person != "anonymous":
        client.force_login(people[person])

    listing = client.get(reverse("support:documents", args=[support_request.pk]))
    download = client.get(reverse("support:document", args=[document.pk]))

    assert (listing.status_code, download.status_code) == (status, status)
    if status == 200:
        assert "Audit" in listing.content.decode()
    else:
        assert b"Audit" not in listing.content and b"%PDF" not in download.getvalue()


@pytest.mark.parametrize(("name", "content", "content_type", "message"), [
    ("tool.exe", b"MZ", "application/octet-stream", "must be a PDF, Word, Excel"),
    ("plan.pdf", b"MZ\x90\x00", "application/pdf", "not a real PDF"),
    ("plan.pdf", PDF, "image/png", "says it is image/png"),
])
def test_a_document_of_the_wrong_type_is_refused_with_a_clear_message(
        client, support_request, lead, name, content, content_type, message):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    client.force_login(lead)

    response = client.post(reverse("support:documents", args=[support_request.pk]), {
        "title": "Plan", "file": SimpleUploadedFile(name, content, content_type=content_type)})

    assert response.status_code == 200 and message in response.content.decode()
    assert not SharedDocument.objects.exists()


def test_a_document_over_ten_megabytes_is_refused(support_request, lead):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    big = _pdf(content=PDF + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError, match="smaller than 10 MB"):
        domain.share_document(request=support_request, actor=lead, title="Big", upload=big)


def test_documents_are_uploaded_through_the_page_and_logged(client, support_request, team_peer):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    client.force_login(team_peer.user)
    response = client.post(reverse("support:documents", args=[support_request.pk]),
                           {"title": "", "file": _pdf("Interview notes.pdf")})
    assert response.status_code == 302
    document = SharedDocument.objects.get()
    assert document.title == "Interview notes" and document.uploaded_by == team_peer.user
    assert Activity.objects.for_object(support_request).get(verb="share_document").note == \
        "Interview notes"


def test_only_the_uploader_or_organisers_remove_a_document(client, support_request, lead,
                                                           team_peer, organiser):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    document = domain.share_document(request=support_request, actor=lead, title="Audit",
                                     upload=_pdf())
    stored = document.file.path
    url = reverse("support:document-remove", args=[document.pk])
    client.force_login(team_peer.user)
    assert client.post(url).status_code == 403
    assert SharedDocument.objects.filter(pk=document.pk).exists()
    with pytest.raises(PermissionDenied):
        domain.remove_document(document=document, actor=team_peer.user)

    client.force_login(lead)
    assert "Remove Audit?" in client.get(url).content.decode()
    assert client.post(url).status_code == 302

    assert not SharedDocument.objects.filter(pk=document.pk).exists()
    assert not os.path.exists(stored)
    assert Activity.objects.for_object(support_request).filter(verb="remove_document").exists()


def test_the_document_list_costs_the_same_queries_however_many_documents(
        client, support_request, lead, team_peer, query_count):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    client.force_login(lead)
    url = reverse("support:documents", args=[support_request.pk])
    domain.share_document(request=support_request, actor=lead, title="One", upload=_pdf())
    few = query_count.of(lambda: client.get(url))
    for n in range(5):
        domain.share_document(request=support_request, actor=team_peer.user, title=f"More {n}",
                              upload=_pdf())
    assert query_count.of(lambda: client.get(url)) == few


# --- Feedback ----------------------------------------------------------------------------------


def test_the_lead_rates_the_support_after_the_report_and_organisers_read_it(
        client, support_request, lead, organiser, team_peer):
    _in_state(support_request, RequestStatus.UNDER_WAY)
    with pytest.raises(ValidationError, match="once the report is issued"):
        domain.rate_support(request=support_request, actor=lead, rating=Rating.GOOD,
                            what_changed="")
    _in_state(support_request, RequestStatus.FOLLOW_UP, report_issued_at=timezone.now())
    client.force_login(lead)
    url = reverse("support:feedback", args=[support_request.pk])

    response = client.post(url, {"rating": "5", "what_changed": "Files go to the CPS in days."})

    assert response.status_code == 302
    support_request.refresh_from_db()
    assert support_request.rating == Rating.VERY_GOOD and support_request.rated_at
    client.force_login(organiser)
    page = client.get(url).content.decode()
    assert "Very good" in page and "Files go to the CPS in days." in page
    assert client.post(url, {"rating": "1", "what_changed": "x"}).status_code == 403
    client.force_login(team_peer.user)
    assert client.get(url).status_code == 403


def test_a_mentoring_request_is_rated_once_a_pairing_has_ended(force, lead, team_peer):
    request = _in_state(SupportRequestFactory(organisation=force,
                                              support_type=SupportType.MENTORING),
                        RequestStatus.UNDER_WAY)
    pairing = Pairing.objects.create(request=request, peer=team_peer, person_name="DCI Dee")
    assert "pairing has ended" in domain.why_cannot_rate(request)
    pairing.ended_on = timezone.localdate()
    pairing.save()
    domain.rate_support(request=request, actor=lead, rating=Rating.GOOD, what_changed="Coaching")
    assert SupportRequest.objects.get(pk=request.pk).rating == Rating.GOOD


# --- The anonymised summary --------------------------------------------------------------------


def test_a_summary_is_published_only_after_the_force_consents(client, support_request, organiser,
                                                              lead):
    _in_state(support_request, RequestStatus.FOLLOW_UP, report_issued_at=timezone.now())
    url = reverse("support:summary", args=[support_request.pk])
    client.force_login(organiser)
    client.post(url, {"form": "summary", "summary-public_summary": "A force halved its wait."})
    assert OutboxMessage.objects.get(template="summary_consent_requested").to == lead.email

    support_request.refresh_from_db()
    with pytest.raises(ValidationError, match="has not consented"):
        domain.publish_summary(request=support_request, actor=organiser)
    client.post(url, {"form": "publish"})
    assert SupportRequest.objects.get(pk=support_request.pk).summary_published_at is None

    client.force_login(lead)
    client.post(url, {"form": "consent", "consent-consent": "yes"})
    support_request.refresh_from_db()
    assert support_request.summary_consented_by == lead and support_request.summary_consented_at

    client.force_login(organiser)
    client.post(url, {"form": "publish"})
    assert SupportRequest.objects.get(pk=support_request.pk).summary_published_at is not None


def test_changing_the_summary_after_consent_clears_the_consent_and_takes_it_down(
        support_request, organiser, lead):
    _in_state(support_request, RequestStatus.FOLLOW_UP, report_issued_at=timezone.now())
    domain.write_summary(request=support_request, actor=organiser, text="First text.")
    domain.consent_to_summary(request=support_request, actor=lead, consent=True)
    domain.publish_summary(request=support_request, actor=organiser)

    domain.write_summary(request=support_request, actor=organiser, text="Second text.")

    support_request.refresh_from_db()
    assert support_request.summary_consented_at is None
    assert support_request.summary_consented_by is None
    assert support_request.summary_published_at is None
    # The same text again is no change: the consent stands.
    domain.consent_to_summary(request=support_request, actor=lead, consent=True)
    domain.write_summary(request=support_request, actor=organiser, text="Second text.")
    assert SupportRequest.objects.get(pk=support_request.pk).summary_consented_at is not None


def test_the_summary_page_is_for_the_lead_and_organisers(client, support_request, team_peer,
                                                         other_lead, colleague, lead):
    _in_state(support_request, RequestStatus.FOLLOW_UP, report_issued_at=timezone.now())
    url = reverse("support:summary", args=[support_request.pk])
    client.force_login(lead)
    assert client.get(url).status_code == 200
    assert client.post(url, {"form": "summary", "summary-public_summary": "Mine"}).status_code == 403
    client.force_login(team_peer.user)
    assert client.get(url).status_code == 403
    for outsider in (other_lead, colleague):
        client.force_login(outsider)
        assert client.get(url).status_code == 404


def test_the_learning_page_lists_published_summaries_newest_first_without_the_force(
        client, force, query_count):
    for n, days_ago in enumerate([5, 1, 3]):
        SupportRequestFactory(organisation=force, status=RequestStatus.CLOSED,
                              public_summary=f"Summary {n}: a force changed its triage.",
                              summary_consented_at=timezone.now(),
                              summary_published_at=timezone.now() - datetime.timedelta(days=days_ago))
    SupportRequestFactory(organisation=force, public_summary="Not published yet.")
    url = reverse("support:learning")

    page = client.get(url).content.decode()

    assert page.index("Summary 1") < page.index("Summary 2") < page.index("Summary 0")
    assert "Not published yet." not in page and "Kent Police" not in page
    few = query_count.of(lambda: client.get(url))
    for n in range(4):
        SupportRequestFactory(organisation=force, public_summary=f"More {n}",
                              summary_published_at=timezone.now())
    assert query_count.of(lambda: client.get(url)) == few


def test_a_team_member_on_another_request_is_not_on_this_one(support_request, other_peer):
    other = SupportRequestFactory(organisation=support_request.organisation)
    TeamMemberFactory(request=other, peer=other_peer)
    assert not SupportRequest.objects.for_user(other_peer.user).filter(pk=support_request.pk).exists()
