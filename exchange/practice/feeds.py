"""The Atom feed of newly published practice."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import Practice

FEED_LENGTH = 50


class LatestPracticeFeed(Feed):
    """The most recently published public entries.

    Public only, even for a signed-in request: feed readers fetch without a session and a
    feed URL is easily shared, so members-only entries must never be in it.
    """

    feed_type = Atom1Feed
    title = "Newly published practice: Learning Exchange"
    subtitle = "Practice from police forces in England and Wales, newest first."
    link = reverse_lazy("practice:list")
    feed_url = reverse_lazy("practice:feed")

    def items(self):
        return (Practice.objects.public_listing(None)
                .order_by("-published_at", "-pk")[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary or item.title

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_evidence_label_display()]
