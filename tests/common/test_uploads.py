"""The one check on an uploaded file (exchange/common/uploads.py): a type taken here, not too big,
the declared content type fits the name, and the first bytes are what the name says."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from exchange.common.uploads import (
    FILE_TYPES,
    MAGIC,
    OLE,
    ZIP,
    check_upload,
    private_download,
    served_type,
    types_for,
)

TYPES = types_for(".pdf", ".docx", ".ppt", ".csv", ".png", ".txt")
NAMES = "PDF, Word, PowerPoint, CSV, text or PNG"
PDF = b"%PDF-1.4\n%%EOF\n"


def upload(name, content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def refusal(file, **options):
    with pytest.raises(ValidationError) as refused:
        check_upload(file, **{"types": TYPES, "max_bytes": 1024, "names": NAMES, **options})
    return refused.value


def test_a_file_over_the_limit_is_refused():
    error = refusal(upload("big.pdf", PDF + b"0" * 1024))
    assert error.message_dict == {"file": ["The file must be smaller than 1,024 bytes"]}
    big = upload("big.pdf")
    big.size = 10 * 1024 * 1024 + 1
    error = refusal(big, max_bytes=10 * 1024 * 1024)
    assert error.message_dict == {"file": ["The file must be smaller than 10 MB"]}


@pytest.mark.parametrize("name", ["page.html", "setup.exe", "no-extension", "deck.pdf.exe",
                                  "photo.gif"])
def test_a_file_whose_extension_is_not_taken_is_refused(name):
    error = refusal(upload(name, content_type="application/octet-stream"))
    assert error.message_dict == {"file": [f"The file must be a {NAMES}"]}


def test_the_declared_type_must_fit_the_name():
    error = refusal(upload("notes.pdf", PDF, "text/html"))
    assert error.message_dict == {"file": [
        "The file says it is text/html, which does not match its name ending .pdf"]}
    # Parameters and case do not matter; "I do not know" is left to the first bytes.
    for declared in ("Application/PDF; charset=binary", "application/octet-stream", ""):
        check_upload(upload("notes.pdf", PDF, declared), types=TYPES, max_bytes=1024,
                     names=NAMES)
    # Office files are declared inconsistently by browsers: their first bytes decide.
    check_upload(upload("plan.docx", ZIP + b"...", "application/zip"), types=TYPES,
                 max_bytes=1024, names=NAMES)


@pytest.mark.parametrize(("name", "says"), [
    ("renamed.pdf", "not a real PDF file"),
    ("renamed.docx", "not a real DOCX file"),
    ("renamed.ppt", "not a real PPT file"),
    ("renamed.png", "not a real PNG file"),
])
def test_a_renamed_program_is_refused(name, says):
    error = refusal(upload(name, b"MZ\x90\x00 a Windows program", "application/octet-stream"))
    [message] = error.message_dict["file"]
    assert says in message and message.endswith("save it again from the program that made it")


@pytest.mark.parametrize(("name", "content", "content_type"), [
    ("report.pdf", PDF, "application/pdf"),
    ("plan.docx", ZIP + b"word/document.xml", ""),
    ("deck.PPT", OLE + b"\xa1\xb1\x1a\xe1", "application/vnd.ms-powerpoint"),
    ("figures.csv", b"force,count\nKent,3\n", "application/vnd.ms-excel"),
    ("chart.png", b"\x89PNG\r\n\x1a\n", "image/png"),
    ("notes.txt", b"No magic for plain text", "text/plain"),
])
def test_real_files_are_accepted_and_left_to_read_from_the_start(name, content, content_type):
    file = upload(name, content, content_type)
    check_upload(file, types=TYPES, max_bytes=1024, names=NAMES)
    assert file.read() == content


def test_a_file_without_a_declared_type_is_checked_by_its_bytes():
    check_upload(ContentFile(PDF, name="made.pdf"), types=TYPES, max_bytes=1024, names=NAMES)
    with pytest.raises(ValidationError):
        check_upload(ContentFile(b"<html>", name="made.pdf"), types=TYPES, max_bytes=1024,
                     names=NAMES)


def test_the_field_and_noun_are_the_callers():
    error = refusal(upload("deck.html", b"<html>", "text/html"), field="slides",
                    noun="slides file", names="PDF")
    assert error.message_dict == {"slides": ["The slides file must be a PDF"]}
    plain = refusal(upload("deck.pdf", b"<html>"), field=None, noun="slides file")
    assert plain.messages == [
        "The slides file is not a real PDF file: save it again from the program that made it"]


def test_files_are_served_as_their_name_says_never_as_declared():
    assert served_type("Deck.PDF", TYPES) == "application/pdf"
    assert served_type("page.html", TYPES) == "application/octet-stream"
    assert types_for(".pdf") == {".pdf": FILE_TYPES[".pdf"]}


def test_every_magic_number_is_for_a_known_type():
    assert set(MAGIC) <= set(FILE_TYPES)


@pytest.fixture
def stored(settings, tmp_path):
    """A file saved in a media folder of the test's own, not yet open, as a model's file field
    holds it: its stored name, and ``open``."""
    settings.MEDIA_ROOT = tmp_path / "media"

    def save(name, content=PDF):
        name = default_storage.save(name, ContentFile(content))
        return SimpleNamespace(name=name, open=lambda mode: default_storage.open(name, mode))
    return save


def test_a_private_download_is_named_from_its_title_and_typed_from_its_extension(stored):
    response = private_download(stored("x7/Deck.PDF"), title="Demand: a guide!", types=TYPES,
                                fallback="resource-1")
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="demand-a-guide.pdf"'
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Content-Type-Options"] == "nosniff"
    other = private_download(stored("x8/page.html", b"<p>"), title="!!", types=TYPES,
                             fallback="resource-2")
    assert other["Content-Type"] == "application/octet-stream"
    assert other["Content-Disposition"] == 'attachment; filename="resource-2"'


def test_a_private_download_of_a_missing_file_is_404(stored):
    file = stored("x9/gone.pdf")
    default_storage.delete(file.name)
    with pytest.raises(Http404):
        private_download(file, title="Gone", types=TYPES, fallback="resource-3")
