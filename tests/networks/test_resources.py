"""Resources shared within a network: a link or a file (checked by name, type, size and first
bytes), searchable, served only to members, and removed by the sharer, facilitators or
organisers."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from exchange.common.models import Activity
from exchange.networks.domain import resources as domain
from exchange.networks.enums import MembershipStatus
from exchange.networks.models import Resource
from tests.factories import member_of

from . import test_discussion as discussion
from .test_discussion import join, signed_in

# The discussion tests' cast, shared: pytest finds a fixture by the module attribute's name.
network, poster, reader = discussion.network, discussion.poster, discussion.reader
facilitator, stranger, organiser = discussion.facilitator, discussion.stranger, discussion.organiser

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def pdf(name="guide.pdf", content=PDF, content_type="application/pdf"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def share_link(network, actor, title="Demand toolkit", description="", url="https://example.org/t"):
    return domain.share_resource(network=network, actor=actor, title=title,
                                 description=description, url=url)


def resources_url(network):
    return reverse("networks:resources", args=[network.slug])


def file_url(resource):
    return reverse("networks:resource-file", args=[resource.network.slug, resource.pk])


def remove_url(resource):
    return reverse("networks:resource-remove", args=[resource.network.slug, resource.pk])


# --- Domain --------------------------------------------------------------------------------------


def test_a_member_shares_a_link_and_it_is_logged(network, poster):
    resource = share_link(network, poster, title="  Demand   toolkit ")
    assert (resource.title, resource.url, resource.shared_by) == (
        "Demand toolkit", "https://example.org/t", poster)
    assert Activity.objects.for_object(network).get().verb == "share_resource"


def test_a_file_is_stored_away_from_its_network_name_and_titled_from_its_name(network, poster):
    resource = domain.share_resource(network=network, actor=poster, title="", upload=pdf())
    assert resource.title == "guide"
    assert resource.file.name.startswith("networks/resources/")
    assert network.slug not in resource.file.name
    assert default_storage.exists(resource.file.name)


@pytest.mark.parametrize(("upload", "says"), [
    (pdf("tool.exe", b"MZ\x90\x00", "application/octet-stream"), "The file must be a PDF"),
    (pdf("renamed.pdf", b"MZ\x90\x00 a program"), "not a real PDF"),
    (pdf("slides.pptx", b"%PDF-1.4", "application/octet-stream"), "not a real PPTX"),
    (pdf("notes.pdf", PDF, "text/html"), "says it is text/html"),
    (pdf("big.pdf", PDF + b"0" * (10 * 1024 * 1024)), "smaller than 10 MB"),
])
def test_a_file_that_is_not_what_it_says_is_refused(network, poster, upload, says):
    with pytest.raises(ValidationError) as refused:
        domain.share_resource(network=network, actor=poster, title="Bad", upload=upload)
    assert says in " ".join(refused.value.message_dict["file"])
    assert not Resource.objects.exists()


def test_a_resource_is_a_link_or_a_file_not_both_nor_neither(network, poster):
    with pytest.raises(ValidationError) as refused:
        domain.share_resource(network=network, actor=poster, title="Both",
                              url="https://example.org", upload=pdf())
    assert "not both" in refused.value.message_dict["url"][0]
    with pytest.raises(ValidationError):
        domain.share_resource(network=network, actor=poster, title="Neither")
    with pytest.raises(ValidationError):
        share_link(network, poster, url="javascript:alert(1)")
    assert not Resource.objects.exists()


def test_only_active_members_share(network, stranger, organiser, force):
    left = member_of(force, email="left@kent.police.uk")
    join(network, left, status=MembershipStatus.LEFT)
    for person in (stranger, organiser, left):
        with pytest.raises(PermissionDenied):
            share_link(network, person)


def test_search_matches_title_or_description_in_any_case(network, poster):
    share_link(network, poster, title="Demand toolkit", description="Counting calls")
    share_link(network, poster, title="Triage guide", description="THRIVE explained")
    share_link(network, poster, title="Rotas", description="")

    def found(query):
        return sorted(r.title for r in domain.resources_of(network, query=query))

    assert found("DEMAND") == ["Demand toolkit"]
    assert found("thrive") == ["Triage guide"]
    assert found("calls toolkit") == ["Demand toolkit"]
    assert found("") == ["Demand toolkit", "Rotas", "Triage guide"]
    assert found("nothing") == []


def test_the_sharer_facilitators_and_organisers_remove_others_do_not(
        network, poster, reader, facilitator, organiser):
    resource = domain.share_resource(network=network, actor=poster, title="Guide", upload=pdf())
    stored = resource.file.name
    with pytest.raises(PermissionDenied):
        domain.remove_resource(resource=resource, actor=reader)
    domain.remove_resource(resource=resource, actor=facilitator)
    assert not Resource.objects.exists() and not default_storage.exists(stored)
    for remover in (poster, organiser):
        resource = share_link(network, poster)
        domain.remove_resource(resource=resource, actor=remover)
        assert not Resource.objects.filter(pk=resource.pk).exists()


# --- Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["resources", "resource-new", "resource-file", "resource-remove"])
def test_someone_outside_the_network_gets_404_and_anonymous_is_sent_to_sign_in(
        client, network, poster, stranger, name):
    resource = domain.share_resource(network=network, actor=poster, title="Guide", upload=pdf())
    args = [network.slug] if name in {"resources", "resource-new"} else [network.slug, resource.pk]
    url = reverse(f"networks:{name}", args=args)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(
        reverse("people:sign-in"))
    signed_in(client, stranger)
    assert client.get(url).status_code == 404
    if name in {"resource-new", "resource-remove"}:
        assert client.post(url, {"title": "x", "url": "https://example.org"}).status_code == 404
    assert Resource.objects.count() == 1


def test_a_member_shares_a_file_and_another_downloads_it_privately(client, network, poster,
                                                                   reader):
    signed_in(client, poster)
    assert client.get(reverse("networks:resource-new", args=[network.slug])).status_code == 200
    response = client.post(reverse("networks:resource-new", args=[network.slug]),
                           {"title": "Demand guide", "description": "", "url": "",
                            "file": pdf()})
    assert response["Location"] == resources_url(network)
    resource = Resource.objects.get()
    signed_in(client, reader)
    listed = client.get(resources_url(network)).content.decode()
    assert file_url(resource) in listed and "/media/" not in listed
    download = client.get(file_url(resource))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "private, no-store"
    assert 'filename="demand-guide.pdf"' in download["Content-Disposition"]


def test_a_bad_file_is_refused_on_its_field_keeping_what_was_typed(client, network, poster):
    signed_in(client, poster)
    response = client.post(reverse("networks:resource-new", args=[network.slug]),
                           {"title": "Keep me", "file": pdf("virus.pdf", b"MZ nasty")})
    page = response.content.decode()
    assert response.status_code == 200 and "not a real PDF" in page and 'value="Keep me"' in page
    assert not Resource.objects.exists()


def test_the_list_searches_and_the_link_of_a_link_is_its_address(client, network, poster):
    share_link(network, poster, title="Demand toolkit", url="https://example.org/toolkit")
    share_link(network, poster, title="Triage guide", description="thrive")
    signed_in(client, poster)
    page = client.get(resources_url(network), {"q": "THRIVE"}).content.decode()
    assert "Triage guide" in page and "Demand toolkit" not in page
    page = client.get(resources_url(network)).content.decode()
    assert 'href="https://example.org/toolkit"' in page


def test_removing_asks_first(client, network, poster, reader):
    resource = share_link(network, poster)
    signed_in(client, reader)
    assert client.get(remove_url(resource)).status_code == 403
    assert client.post(remove_url(resource)).status_code == 403
    signed_in(client, poster)
    assert b"Remove the resource" in client.get(remove_url(resource)).content
    assert client.post(remove_url(resource))["Location"] == resources_url(network)
    assert not Resource.objects.exists()


def test_the_list_costs_the_same_however_many_resources(client, network, poster, reader,
                                                        query_count):
    share_link(network, poster)
    signed_in(client, reader)
    few = query_count.of_get(client, resources_url(network))
    for n in range(12):
        share_link(network, reader if n % 2 else poster, title=f"Resource {n}")
    assert query_count.of_get(client, resources_url(network)) == few
