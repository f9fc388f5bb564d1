"""Resources shared within a network: a link or a file, searchable, for its members only.

Files are checked as peer support checks shared documents (name, declared type, size and first
bytes), stored under a random folder and served only by a view that asks
``networks.view_member_material``, never from the media URL.
"""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.utils.text import slugify

from exchange.common.domain import log_activity
from exchange.common.permissions import allows

from ..enums import NetworkStatus
from ..models import Resource

MAX_RESOURCE_BYTES = 10 * 1024 * 1024
# Extension -> the content type it is served with, and the types a browser may declare for it.
RESOURCE_TYPES = {
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
    ".png": ("image/png", {"image/png"}),
    ".jpg": ("image/jpeg", {"image/jpeg"}),
    ".jpeg": ("image/jpeg", {"image/jpeg"}),
}
# A file whose first bytes are known: a renamed program is refused even with a good name.
OLE = b"\xd0\xcf\x11\xe0"
ZIP = b"PK\x03\x04"
MAGIC = {".pdf": b"%PDF", ".doc": OLE, ".xls": OLE, ".ppt": OLE, ".docx": ZIP, ".xlsx": ZIP,
         ".pptx": ZIP, ".odt": ZIP, ".ods": ZIP, ".odp": ZIP, ".png": b"\x89PNG",
         ".jpg": b"\xff\xd8", ".jpeg": b"\xff\xd8"}
TYPE_NAMES = "PDF, Word, Excel, PowerPoint, OpenDocument, text (TXT, CSV) or an image (PNG, JPG)"


def check_resource_file(upload):
    """Refuse a file that is too big, of a type not shared here, or not what its name says."""
    extension = PurePath(upload.name).suffix.lower()
    if extension not in RESOURCE_TYPES:
        raise ValidationError({"file": f"The file must be a {TYPE_NAMES}"})
    if upload.size > MAX_RESOURCE_BYTES:
        raise ValidationError({"file": "The file must be smaller than 10 MB"})
    declared = (getattr(upload, "content_type", "") or "").split(";")[0].strip().lower()
    _, accepted = RESOURCE_TYPES[extension]
    # Browsers declare office files inconsistently (octet-stream, zip); their first bytes decide.
    if declared and accepted and declared not in accepted and declared != "application/octet-stream":
        raise ValidationError({"file": f"The file says it is {declared}, which does not match its "
                                       f"name ending {extension}"})
    magic = MAGIC.get(extension)
    if magic:
        upload.seek(0)
        head = upload.read(len(magic))
        upload.seek(0)
        if head != magic:
            raise ValidationError({"file": f"The file is not a real {extension.lstrip('.').upper()} "
                                           "file: save it again from the program that made it"})


def resources_of(network, *, query=""):
    """The network's resources, newest first, with who shared each; ``query`` keeps those whose
    title or description contains each of its words (any case)."""
    resources = Resource.objects.filter(network=network).select_related("shared_by")
    for word in (query or "").split()[:10]:
        resources = resources.filter(Q(title__icontains=word) | Q(description__icontains=word))
    return resources.order_by("-created_at", "-id")


def share_resource(*, network, actor, title, description="", url="", upload=None):
    """A member shares a link or a file (one of them) with the network. Side effects: the row,
    the stored file (under a random folder), log."""
    if not allows(actor, "networks.share_resource", network):
        raise PermissionDenied("Only the network's members can share resources.")
    if network.status == NetworkStatus.ARCHIVED:
        raise ValidationError("This network is archived: nothing more can be shared in it.")
    url = (url or "").strip()
    if url and upload:
        raise ValidationError({"url": "Give a web address or a file, not both"})
    if not url and not upload:
        raise ValidationError({"url": "Enter a web address, or select a file to share"})
    if url and not url.lower().startswith(("https://", "http://")):
        raise ValidationError({"url": "Enter a web address starting https://"})
    if upload:
        check_resource_file(upload)
    title = " ".join((title or "").split()) or (PurePath(upload.name).stem if upload else "")
    if not title:
        raise ValidationError({"title": "Enter a title for the resource"})
    resource = Resource.objects.create(network=network, title=title[:200],
                                       description=(description or "").strip(), url=url,
                                       file=upload or "", shared_by=actor)
    log_activity(subject=network, actor=actor, verb="share_resource", note=resource.title)
    return resource


def may_remove_resource(user, resource):
    """The person who shared it, the network's facilitators and organisers."""
    if not user.is_authenticated:
        return False
    if resource.shared_by_id == user.pk and allows(user, "networks.view_member_material",
                                                   resource.network):
        return True
    return allows(user, "networks.facilitate", resource.network)


def remove_resource(*, resource, actor):
    """Remove a shared resource. Side effects: the row and any stored file go, log."""
    if not may_remove_resource(actor, resource):
        raise PermissionDenied("Only the person who shared a resource, the network's "
                               "facilitators and organisers can remove it.")
    network, title = resource.network, resource.title
    if resource.file:
        resource.file.delete(save=False)
    resource.delete()
    log_activity(subject=network, actor=actor, verb="remove_resource", note=title)


def download_name(resource):
    """A safe file name for the download: the title in plain letters, and the file's extension."""
    extension = PurePath(resource.file.name).suffix.lower()
    stem = slugify(resource.title)[:80] or f"resource-{resource.pk}"
    return f"{stem}{extension if extension in RESOURCE_TYPES else ''}"


def served_type(resource):
    extension = PurePath(resource.file.name).suffix.lower()
    return RESOURCE_TYPES.get(extension, ("application/octet-stream", set()))[0]
