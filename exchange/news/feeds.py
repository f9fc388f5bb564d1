"""The Atom feed of published news."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed

from .models import NewsPost

FEED_LENGTH = 30


class LatestNewsFeed(Feed):
    """The newest published posts; drafts never, whoever asks."""

    feed_type = Atom1Feed
    title = "News: Learning Exchange"
    subtitle = "News from the Learning Exchange and its programmes, newest first."
    link = reverse_lazy("news:list")
    feed_url = reverse_lazy("news:feed")

    def items(self):
        return (NewsPost.objects.published().newest_first()
                .select_related("author").prefetch_related("topics")[:FEED_LENGTH])

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_absolute_url()

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [topic.name for topic in item.topics.all()]
