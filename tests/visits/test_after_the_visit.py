import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from exchange.common.grouping import group_similar, jaccard, words
from exchange.mail.domain import send_message
from exchange.mail.models import OutboxMessage
from exchange.visits import domain
from exchange.visits.exporters import host_report_docx, host_report_pdf
from exchange.visits.models import CheckIn
from tests.documents import pdf_properties, pdf_text, word_file, word_text

from .conftest import rows

pytestmark = pytest.mark.django_db


def test_similar_points_are_brought_together():
    assert words("The Officers shared records!") == {"officer", "shared", "record"}
    assert jaccard(words("nurse in the control room"), words("a nurse in control rooms")) == 1.0
    groups = group_similar(["A nurse in the control room advises officers",
                            "Budgets were pooled with the NHS",
                            "Nurse in control room gives officers advice"])
    assert [len(g) for g in groups] == [2, 1]


def test_visitors_record_learning_grouped_by_question(visited, member, colleague, outsider):
    domain.record_learning_point(visit=visited, actor=member, question="What did it cost?",
                                 key_learning="Pooled budgets with the NHS trust",
                                 how_to_apply="Talk to our trust")
    domain.record_learning_point(visit=visited, actor=colleague, question="What did it cost?",
                                 key_learning="Budgets pooled with the NHS trust",
                                 how_to_apply="Business case")
    with pytest.raises(PermissionDenied):
        domain.record_learning_point(visit=visited, actor=outsider, key_learning="x", how_to_apply="y")
    sections = domain.grouped_learning(visited)
    assert [s["question"] for s in sections] == ["How is information shared?", "What did it cost?"]
    assert [len(g["points"]) for g in sections[1]["groups"]] == [2]


def test_host_report_is_drafted_sent_downloaded_and_acknowledged(visited, member, organiser):
    domain.record_learning_point(visit=visited, actor=member, key_learning="Nurse in the control room",
                                 how_to_apply="Pilot it", question="How is information shared?")
    report = domain.draft_host_report(visit=visited, actor=organiser)
    assert "- Nurse in the control room" in report.body and "- Pilot it" in report.body
    domain.edit_host_report(report=report, actor=organiser, body=report.body + "\nThank you \u2013 all.")
    domain.send_host_report(visit=visited, actor=organiser)
    report.refresh_from_db()
    visited.refresh_from_db()
    assert visited.status == "host_report_sent"
    assert report.days_after_visit == 10
    email = OutboxMessage.objects.get(template="visit_host_report")
    assert email.to == "pat@host.example" and "/visits/report/" in email.body_text
    token = domain.host_token(visited)
    assert domain.visit_for_host_token(token) == visited
    assert domain.visit_for_host_token(token + "x") is None
    domain.acknowledge_host_report(visit=visited, name="Pat Host")
    report.refresh_from_db()
    assert report.acknowledged_by_name == "Pat Host"
    assert host_report_pdf(report).startswith(b"%PDF")
    assert host_report_docx(report).startswith(b"PK")


def test_reminders_are_due_weekly_and_sent_once(visited, member):
    check_ins = CheckIn.objects.filter(visitor__user=member).order_by("week")
    assert [c.week for c in check_ins] == [1, 2, 3, 4, 5, 6]
    now = timezone.now() + datetime.timedelta(days=1)
    sent = domain.send_due_reminders(now=now)
    # The visit was ten days ago: week 1 is due, week 2 is not.
    assert sent == 2  # member and colleague
    assert domain.send_due_reminders(now=now) == 0
    assert OutboxMessage.objects.filter(template="visit_check_in_reminder", to=member.email).count() == 1


def test_a_check_in_asking_for_help_tells_the_organisers(visited, member, organiser, colleague):
    check_in = CheckIn.objects.get(visitor__user=member, week=1)
    with pytest.raises(PermissionDenied):
        domain.complete_check_in(check_in=check_in, actor=colleague, applied="x", obstacles="",
                                 wants_help=False)
    domain.complete_check_in(check_in=check_in, actor=member, applied="Briefed the team",
                             obstacles="Money", wants_help=True, help_note="An introduction")
    assert OutboxMessage.objects.filter(template="visit_help_requested", to=organiser.email).exists()
    visitors = domain.follow_up_dashboard(visited)
    assert {v.user.email: (v.completed, v.help_asked) for v in visitors}[member.email] == (1, 1)


def test_the_preparation_pack_goes_to_every_visitor_with_an_invitation(
        make_visit, organiser, lead, member, colleague, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    visit = make_visit()
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    starts = timezone.now() + datetime.timedelta(days=3)
    domain.schedule_preparation_call(visit=visit, actor=organiser, starts_at=starts,
                                     duration_minutes=45, joining_details="Teams 123")
    domain.add_material(visit=visit, actor=organiser, title="Evaluation",
                        upload=SimpleUploadedFile("evaluation.pdf", b"%PDF-1.4 test",
                                                  content_type="application/pdf"))
    domain.add_material(visit=visit, actor=organiser, title="Website", link="https://example.org/x")
    assert domain.send_preparation_pack(visit=visit, actor=organiser) == 2
    message = OutboxMessage.objects.get(template="visit_preparation_pack", to=member.email)
    assert [a.filename for a in message.attachments.all()] == ["preparation-call.ics", "evaluation.pdf"]
    invite = bytes(message.attachments.first().content)
    assert b"BEGIN:VEVENT" in invite and b"Teams 123" in invite
    assert "https://example.org/x" in message.body_text
    send_message(message.pk)


    assert [name for name, _, _ in mail.outbox[-1].attachments] == ["preparation-call.ics",
                                                                    "evaluation.pdf"]


@pytest.mark.parametrize(("name", "content", "content_type", "problem"), [
    ("tool.exe", b"MZ", "application/octet-stream", "must be one of"),
    ("fake.pdf", b"MZ not a pdf", "application/pdf", "not a real PDF"),
    ("notes.pdf", b"%PDF", "text/html", "does not match"),
])
def test_material_files_are_checked(make_visit, organiser, name, content, content_type, problem,
                                    settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with pytest.raises(ValidationError, match=problem):
        domain.add_material(visit=make_visit(), actor=organiser, title="x",
                            upload=SimpleUploadedFile(name, content, content_type=content_type))


def test_material_over_ten_megabytes_is_refused(make_visit, organiser, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    big = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (10 * 1024 * 1024), content_type="application/pdf")
    with pytest.raises(ValidationError, match="10 MB"):
        domain.add_material(visit=make_visit(), actor=organiser, title="x", upload=big)


def test_host_report_is_a_document_with_its_header_and_its_email_has_text_and_html(
        visited, member, organiser, host, client, django_capture_on_commit_callbacks):
    host.name = "Heddlu Gogledd Cymru"
    host.save()
    domain.record_learning_point(visit=visited, actor=member, key_learning="Llŷr's nurse in the control room",
                                 how_to_apply="Pilot it with Zoë", question="How is information shared?")
    report = domain.draft_host_report(visit=visited, actor=organiser)
    with django_capture_on_commit_callbacks(execute=True):
        domain.send_host_report(visit=visited, actor=organiser)
    text = pdf_text(host_report_pdf(report))
    assert "Report of the visit: Street triage" in text
    assert "Host: Heddlu Gogledd Cymru" in text
    assert "Who took part: Kent Police (2 visitors)" in text
    assert "What we learned from our visit to Heddlu Gogledd Cymru" in text
    assert "Llŷr's nurse in the control room" in text and "Pilot it with Zoë" in text
    assert "##" not in text and "Page 1 of 1" in text
    properties = pdf_properties(host_report_pdf(report))
    assert (properties["title"], properties["author"], properties["language"]) == (
        "Report of the visit: Street triage", "Learning Exchange", "en-GB")
    word = word_file(host_report_docx(report))
    assert word.core_properties.created.date() == datetime.datetime.now(datetime.UTC).date()
    assert word.paragraphs[1].style.name == "Title"
    assert [p.text for p in word.paragraphs if p.style.name == "Heading 1"] == [
        "What we learned from our visit to Heddlu Gogledd Cymru"]

    email = OutboxMessage.objects.get(template="visit_host_report")
    assert "##" not in email.body_text
    assert "What we learned from our visit to Heddlu Gogledd Cymru\n=====" in email.body_text
    assert "- Llŷr's nurse in the control room" in email.body_text
    assert "<h2" in email.body_html and "What we learned from our visit" in email.body_html
    sent = mail.outbox[-1]
    assert sent.body == email.body_text
    assert sent.alternatives[0].mimetype == "text/html"

    download = client.get(reverse("visits:host-report-view-download",
                                  args=[domain.host_token(visited), "docx"]))
    assert download["Content-Type"].startswith("application/vnd.openxmlformats")
    assert 'filename="visit-' in download["Content-Disposition"]


def test_the_published_short_report_downloads_as_pdf_and_word(visited, organiser, client):
    url = reverse("visits:short-report-download", args=[visited.pk, "pdf"])
    assert client.get(url).status_code == 404  # not published yet
    domain.publish_short_report(visit=visited, actor=organiser,
                                body="## Key learning\n\nSiân's team shared **everything**.")
    pdf = client.get(url)
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Short report: Street triage" in text and "Siân's team shared everything." in text
    word = client.get(reverse("visits:short-report-download", args=[visited.pk, "docx"]))
    assert "Key learning" in word_text(word.content)
    assert client.get(reverse("visits:short-report-download", args=[visited.pk, "txt"])).status_code == 404
