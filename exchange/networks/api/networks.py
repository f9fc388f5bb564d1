"""GET /networks: the improvement networks anyone may find, with their public fields only
(never a member's name, a meeting or its joining details)."""

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from exchange.common.api import OPEN, Error, PageNumberPagination, absolute_url

from ..models import Network

router = Router(tags=["Improvement networks"])


class NetworkItem(Schema):
    id: int
    name: str
    slug: str
    topic: str = Field(description="The topic's name.")
    topic_slug: str
    purpose: str
    audience: str
    is_closed: bool = Field(description="A facilitator approves each request to join.")
    member_count: int = Field(description="Active members, facilitators included.")
    url: str = Field(description="The network's page.")

    @staticmethod
    def resolve_topic(network):
        return network.topic.name

    @staticmethod
    def resolve_topic_slug(network):
        return network.topic.slug

    @staticmethod
    def resolve_url(network, context):
        return absolute_url(context, network.get_absolute_url())


class NetworkFilters(Schema):
    q: str = Field("", description="Words to find in the name, purpose or topic.", max_length=200)
    topic: str = Field("", description="A topic's slug.", max_length=140)


@router.get("", response={200: list[NetworkItem], 401: Error, 422: Error}, **OPEN,
            url_name="network-list", summary="List improvement networks")
@paginate(PageNumberPagination)
def list_networks(request, filters: Query[NetworkFilters]):
    """The active improvement networks, by name: who may join, and how many members each has."""
    networks = (Network.objects.for_user(request.user).with_member_count()
                .select_related("topic").order_by("name", "id"))
    if filters.q.strip():
        networks = networks.search(filters.q.strip())
    if filters.topic:
        networks = networks.filter(topic__slug=filters.topic)
    return networks
