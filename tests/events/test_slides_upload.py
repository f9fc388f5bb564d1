"""An event's slides are a real PDF, PowerPoint or OpenDocument presentation of up to 50 MB:
an organiser's browser cannot put a web page or a program on the event's page as "slides"."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.common.uploads import OLE, ZIP
from exchange.events.domain import events as organising

from .factories import past_event

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def post_slides(client, event, upload):
    return client.post(reverse("events:manage-materials", args=[event.pk]), {
        "materials_audience": "attendees", "recording_url": "", "afterwards_summary": "",
        "slides_file": upload})


@pytest.mark.parametrize(("upload", "says"), [
    (SimpleUploadedFile("deck.html", b"<script>alert(1)</script>", content_type="text/html"),
     "The slides file must be a PDF, PowerPoint (PPT, PPTX) or OpenDocument presentation"),
    (SimpleUploadedFile("deck.pdf", b"<html><script>alert(1)</script></html>",
                        content_type="application/pdf"), "not a real PDF file"),
    (SimpleUploadedFile("deck.pdf", b"MZ\x90\x00 a program", content_type="application/pdf"),
     "not a real PDF file"),
    (SimpleUploadedFile("setup.exe", b"MZ\x90\x00", content_type="application/octet-stream"),
     "The slides file must be a PDF"),
    (SimpleUploadedFile("deck.pdf", PDF, content_type="text/html"), "says it is text/html"),
    (SimpleUploadedFile("deck.pptx", b"MZ\x90\x00", content_type=PPTX), "not a real PPTX file"),
])
def test_fake_slides_are_refused_through_the_materials_form(client, organiser, upload, says):
    client.force_login(organiser)
    event = past_event()
    response = post_slides(client, event, upload)
    assert response.status_code == 200
    page = response.content.decode()
    assert says in page and 'href="#id_slides_file"' in page
    event.refresh_from_db()
    assert not event.slides


@pytest.mark.parametrize(("name", "head", "served"), [
    ("deck.pdf", PDF, "application/pdf"),
    ("deck.ppt", OLE, "application/vnd.ms-powerpoint"),
    ("deck.pptx", ZIP, PPTX),
    ("deck.odp", ZIP, "application/vnd.oasis.opendocument.presentation"),
])
def test_real_slides_are_saved_and_served_as_what_they_are(client, organiser, name, head, served):
    client.force_login(organiser)
    event = past_event()
    # A browser that declares nothing useful: the name and first bytes decide what is served.
    upload = SimpleUploadedFile(name, head + b" the talk", content_type="application/octet-stream")
    assert post_slides(client, event, upload).status_code == 302
    event.refresh_from_db()
    assert event.slides.name.endswith(name[4:]) and event.slides_content_type == served


def test_the_domain_refuses_fake_slides_however_they_come(organiser):
    event = past_event()
    fake = SimpleUploadedFile("deck.pdf", b"<html></html>", content_type="application/pdf")
    with pytest.raises(ValidationError) as refused:
        organising.save_materials(actor=organiser, event=event, data={}, slides=fake)
    assert "not a real PDF" in refused.value.message_dict["slides"][0]
    event.refresh_from_db()
    assert not event.slides


def test_slides_over_50_mb_are_refused_and_50_mb_is_taken(organiser):
    event = past_event()
    big = SimpleUploadedFile("deck.pdf", PDF, content_type="application/pdf")
    big.size = 50 * 1024 * 1024 + 1
    with pytest.raises(ValidationError) as refused:
        organising.save_materials(actor=organiser, event=event, data={}, slides=big)
    assert refused.value.message_dict["slides"] == ["The slides file must be smaller than 50 MB"]
    fits = SimpleUploadedFile("deck.pdf", PDF, content_type="application/pdf")
    fits.size = 50 * 1024 * 1024
    organising.save_materials(actor=organiser, event=event, data={}, slides=fits)
    event.refresh_from_db()
    assert event.slides
