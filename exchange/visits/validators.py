"""Checks on uploaded background material (extension, declared content type and size) and on a
visit's numbers and dates."""

from datetime import date, datetime
from pathlib import PurePath

from django.core.exceptions import ValidationError

MAX_MATERIAL_BYTES = 10 * 1024 * 1024
# Extension -> the content types a browser may declare for it.
ALLOWED_MATERIAL_TYPES = {
    ".pdf": {"application/pdf"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document"},
    ".pptx": {"application/vnd.openxmlformats-officedocument.presentationml.presentation"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"},
    ".odt": {"application/vnd.oasis.opendocument.text"},
    ".txt": {"text/plain"},
    ".csv": {"text/csv", "application/vnd.ms-excel", "text/plain"},
    ".png": {"image/png"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
}
# Files whose first bytes are known: a renamed executable is refused even with a good name.
MAGIC = {".pdf": b"%PDF", ".png": b"\x89PNG", ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8",
         ".docx": b"PK", ".pptx": b"PK", ".xlsx": b"PK", ".odt": b"PK"}


def validate_material_file(upload):
    """Refuse a file that is too big, of a type we do not take, or not what its name says."""
    extension = PurePath(upload.name).suffix.lower()
    if extension not in ALLOWED_MATERIAL_TYPES:
        names = ", ".join(sorted(e.lstrip(".").upper() for e in ALLOWED_MATERIAL_TYPES))
        raise ValidationError(f"The file must be one of: {names}")
    if upload.size > MAX_MATERIAL_BYTES:
        raise ValidationError("The file must be smaller than 10 MB")
    content_type = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    if content_type and content_type not in ALLOWED_MATERIAL_TYPES[extension]:
        raise ValidationError(f"The file says it is {content_type}, which does not match "
                              f"its name ending {extension}")
    magic = MAGIC.get(extension)
    if magic:
        upload.seek(0)
        head = upload.read(len(magic))
        upload.seek(0)
        if head != magic:
            raise ValidationError(f"The file is not a real {extension.lstrip('.').upper()} file")
    return extension, content_type or sorted(ALLOWED_MATERIAL_TYPES[extension])[0]


# The largest visit any venue has held is a few dozen visitors; the bound keeps a typing slip
# (or 10**13 from a script) from becoming a visit whose places never run out.
MAX_CAPACITY = 1000
# The programme began after 2000; a date outside these years is a typing slip (year 954).
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
VISIT_DATE_FIELDS = ["date", "applications_open", "applications_close"]


def validate_visit(visit):
    """Refuse a visit whose numbers or dates cannot be true: the same check for the API, the
    staff page and the admin, as :meth:`Visit.clean` runs it."""
    errors = {}
    if visit.capacity is not None and visit.capacity > MAX_CAPACITY:
        errors["capacity"] = f"A visit can have at most {MAX_CAPACITY} places."
    if (visit.capacity is not None and visit.min_per_force is not None
            and visit.min_per_force > visit.capacity):
        errors["min_per_force"] = (f"The minimum group ({visit.min_per_force}) cannot be larger "
                                   f"than the visit's {visit.capacity} places.")
    for name in VISIT_DATE_FIELDS:
        value = getattr(visit, name)
        day = value.date() if isinstance(value, datetime) else value
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            errors[name] = f"Give a date between {EARLIEST_DATE:%Y} and {LATEST_DATE:%Y}."
    if errors:
        raise ValidationError(errors)
