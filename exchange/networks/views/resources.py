"""Links and files shared within a network: a searchable list, sharing, the file itself and
removing one. Members' material: anyone signed in who is neither an active member nor an
organiser gets 404; a person not signed in is sent to sign in. Files are served here, after that
check, never from the media URL."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require
from exchange.common.uploads import private_download

from ..domain import resources as domain
from ..enums import NetworkStatus
from ..forms.resources import ResourceForm, ResourceSearchForm
from ..models import Resource
from .networks import member_network


def _resource(request, slug, pk):
    network = member_network(request, slug)
    resource = get_object_or_404(Resource.objects.select_related("shared_by"),
                                 network=network, pk=pk)
    resource.network = network
    return resource


@permission_required("people.use_account")
@require_GET
def resources(request, slug):
    """The network's resources, newest first; ``q`` searches their titles and descriptions."""
    network = member_network(request, slug)
    search = ResourceSearchForm(request.GET)
    query = search.cleaned_data["q"] if search.is_valid() else ""
    page, pages = paginate(request, domain.resources_of(network, query=query))
    facilitates = allows(request.user, "networks.facilitate", network)
    return render(request, "networks/resources.html", {
        "network": network, "page": page, "pages": pages, "search": search, "query": query,
        "may_share": (network.status == NetworkStatus.ACTIVE
                      and allows(request.user, "networks.share_resource", network)),
        "facilitates": facilitates})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def resource_new(request, slug):
    network = member_network(request, slug)
    require(request.user, "networks.share_resource", network,
            message="Only the network's members can share resources.")
    form = ResourceForm(posted(request), request.FILES if request.method == "POST" else None)
    if request.method == "POST":
        done, resource = form.carry_out(lambda: domain.share_resource(
            network=network, actor=request.user, title=form.cleaned_data["title"],
            description=form.cleaned_data["description"], url=form.cleaned_data["url"],
            upload=form.cleaned_data["file"]))
        if done:
            messages.success(request, f"{resource.title} is shared with the network's members.")
            return redirect("networks:resources", network.slug)
    return render(request, "networks/resource_new.html", {"network": network, "form": form})


@permission_required("people.use_account")
@require_GET
def resource_file(request, slug, pk):
    """The file, as a download, only to those who may read the network's material."""
    resource = _resource(request, slug, pk)
    if not resource.file:
        raise Http404("This resource is a link, not a file.")
    return private_download(resource.file, title=resource.title, types=domain.RESOURCE_TYPES,
                            fallback=f"resource-{resource.pk}")


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def resource_remove(request, slug, pk):
    """GET asks to confirm; POST removes the resource (its sharer, facilitators, organisers)."""
    resource = _resource(request, slug, pk)
    if not domain.may_remove_resource(request.user, resource):
        raise PermissionDenied("Only the person who shared a resource, the network's "
                               "facilitators and organisers can remove it.")
    if request.method == "POST":
        attempt(request, lambda: domain.remove_resource(resource=resource, actor=request.user),
                f"{resource.title} has been removed.")
        return redirect("networks:resources", resource.network.slug)
    return render(request, "networks/resource_remove.html", {"network": resource.network,
                                                             "resource": resource})


urlpatterns = [
    path("<slug:slug>/resources/", resources, name="resources"),
    path("<slug:slug>/resources/new/", resource_new, name="resource-new"),
    path("<slug:slug>/resources/<int:pk>/file/", resource_file, name="resource-file"),
    path("<slug:slug>/resources/<int:pk>/remove/", resource_remove, name="resource-remove"),
]
