"""Factories for news tests."""

import factory
from django.utils import timezone

from exchange.news.enums import NewsStatus
from exchange.news.models import NewsPost


class NewsPostFactory(factory.django.DjangoModelFactory):
    """A published post unless told otherwise."""

    class Meta:
        model = NewsPost
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"News post {n}")
    slug = factory.Sequence(lambda n: f"news-post-{n}")
    summary = "What happened, in a sentence."
    body = "Some **news**."
    status = NewsStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def topics(self, create, topics, **kwargs):
        if create and topics:
            self.topics.set(topics)
