"""Resources shared within a network: a link or a file, searchable, for its members only.

Files are checked as peer support checks shared documents (name, declared type, size and first
bytes, by :func:`exchange.common.uploads.check_upload`), stored under a random folder and served
only by a view that asks ``networks.view_member_material``, never from the media URL.
"""

from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q

from exchange.common.domain import log_activity
from exchange.common.permissions import allows
from exchange.common.uploads import check_upload, types_for

from ..enums import NetworkStatus
from ..models import Resource

MAX_RESOURCE_BYTES = 10 * 1024 * 1024
# Extension -> the content type it is served with, and the types a browser may declare for it.
RESOURCE_TYPES = types_for(".pdf", ".doc", ".docx", ".odt", ".xls", ".xlsx", ".ods", ".csv", ".ppt",
                           ".pptx", ".odp", ".txt", ".png", ".jpg", ".jpeg")
TYPE_NAMES = "PDF, Word, Excel, PowerPoint, OpenDocument, text (TXT, CSV) or an image (PNG, JPG)"


def check_resource_file(upload):
    """Refuse a file that is too big, of a type not shared here, or not what its name says
    (its first bytes: a renamed program is refused). Raises ``ValidationError({"file": ...})``."""
    check_upload(upload, types=RESOURCE_TYPES, max_bytes=MAX_RESOURCE_BYTES, names=TYPE_NAMES)


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

