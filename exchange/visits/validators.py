"""Checks on uploaded background material: extension, declared content type and size."""

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
