"""The one check on an uploaded file, for every app that takes one (peer support's shared
documents, networks' resources, events' slides): its name ends in an extension the app takes,
it is not too big, the content type the browser declared fits that name, and its first bytes
("magic") are what that kind of file starts with, so a renamed program is refused even with a
good name.

Each app says which kinds of file it takes with :func:`types_for` and calls :func:`check_upload`;
this module holds no models and imports nothing from the apps.
"""

from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.utils.text import slugify

# Extension -> (the content type it is served with, the types a browser may declare for it).
# An empty set: browsers declare it inconsistently (octet-stream, zip), its first bytes decide.
FILE_TYPES = {
    ".pdf": ("application/pdf", {"application/pdf"}),
    ".doc": ("application/msword", {"application/msword"}),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", set()),
    ".odt": ("application/vnd.oasis.opendocument.text", set()),
    ".xls": ("application/vnd.ms-excel", {"application/vnd.ms-excel"}),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", set()),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", set()),
    ".csv": ("text/csv", {"text/csv", "application/vnd.ms-excel", "text/plain"}),
    ".ppt": ("application/vnd.ms-powerpoint", {"application/vnd.ms-powerpoint"}),
    ".pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", set()),
    ".odp": ("application/vnd.oasis.opendocument.presentation", set()),
    ".txt": ("text/plain", {"text/plain"}),
    ".md": ("text/plain", {"text/plain", "text/markdown"}),
    ".png": ("image/png", {"image/png"}),
    ".jpg": ("image/jpeg", {"image/jpeg"}),
    ".jpeg": ("image/jpeg", {"image/jpeg"}),
    ".gif": ("image/gif", {"image/gif"}),
}
# A file whose first bytes are known: a renamed program is refused even with a good name.
OLE = b"\xd0\xcf\x11\xe0"  # Word, Excel and PowerPoint before 2007
ZIP = b"PK\x03\x04"  # Office Open XML and OpenDocument
MAGIC = {".pdf": b"%PDF", ".doc": OLE, ".xls": OLE, ".ppt": OLE, ".docx": ZIP, ".xlsx": ZIP,
         ".pptx": ZIP, ".odt": ZIP, ".ods": ZIP, ".odp": ZIP, ".png": b"\x89PNG",
         ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8", ".gif": b"GIF8"}
# Declared by browsers for any file they do not recognise: it says nothing, the bytes decide.
UNKNOWN_TYPE = "application/octet-stream"


def types_for(*extensions):
    """The :data:`FILE_TYPES` entries for ``extensions`` (".pdf", ...), for :func:`check_upload`."""
    return {extension: FILE_TYPES[extension] for extension in extensions}


def extension_of(name):
    """The name's extension, lower case with its dot (".pdf"), or ""."""
    return PurePath(name or "").suffix.lower()


def served_type(name, types):
    """The content type a file named ``name`` is served with: from ``types``, never from what
    the uploader's browser declared; ``application/octet-stream`` for anything else."""
    return types.get(extension_of(name), (UNKNOWN_TYPE, set()))[0]


def check_upload(upload, *, types, max_bytes, names, field="file", noun="file"):
    """Refuse a file that is too big, of a type not taken here, or not what its name says.

    ``types`` maps an extension to ``(served content type, content types a browser may declare
    for it)`` (see :func:`types_for`); ``names`` says in words which kinds are taken ("PDF, Word
    or Excel"); ``noun`` is what the messages call the file. Raises ``ValidationError({field:
    message})``, or a plain ``ValidationError(message)`` when ``field`` is None (a form's
    ``clean_<field>``). Leaves the file read from its start.
    """
    message = _problem(upload, types=types, max_bytes=max_bytes, names=names, noun=noun)
    if message:
        raise ValidationError(message if field is None else {field: message})


def _problem(upload, *, types, max_bytes, names, noun):
    extension = extension_of(upload.name)
    if extension not in types:
        return f"The {noun} must be a {names}"
    if upload.size > max_bytes:
        return f"The {noun} must be smaller than {_megabytes(max_bytes)}"
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    _, accepted = types[extension]
    if declared and accepted and declared not in accepted and declared != UNKNOWN_TYPE:
        return (f"The {noun} says it is {declared}, which does not match its name ending "
                f"{extension}")
    magic = MAGIC.get(extension)
    if magic:
        upload.seek(0)
        head = upload.read(len(magic))
        upload.seek(0)
        if head != magic:
            return (f"The {noun} is not a real {extension.lstrip('.').upper()} file: save it "
                    "again from the program that made it")
    return ""


def _megabytes(size):
    megabytes = size / (1024 * 1024)
    return f"{megabytes:g} MB" if megabytes >= 1 else f"{size:,} bytes"


def private_download(stored, *, title, types, fallback):
    """The stored file as a download for a view that has already checked who may have it
    (never a media URL): named after ``title`` in plain letters (``fallback`` when that leaves
    nothing) with the file's extension when ``types`` takes it, served with the type ``types``
    gives that extension, not cached, not sniffed. 404 when the file is missing."""
    extension = extension_of(stored.name)
    name = f"{slugify(title)[:80] or fallback}{extension if extension in types else ''}"
    try:
        handle = stored.open("rb")
    except FileNotFoundError:
        raise Http404("The file is missing.") from None
    response = FileResponse(handle, as_attachment=True, filename=name,
                            content_type=served_type(stored.name, types))
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
