"""A news post: written by organisers in Markdown, published to everyone."""

from django.conf import settings
from django.db import models
from django.urls import reverse

from exchange.common.models import Topic

from .enums import NewsStatus
from .rules import can_write_news


class NewsPostQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=NewsStatus.PUBLISHED)

    def for_user(self, user):
        """Drafts are the organisers' own; everyone else sees what is published."""
        if user is not None and can_write_news(user):
            return self
        return self.published()

    def newest_first(self):
        return self.order_by(models.F("published_at").desc(nulls_first=True), "-id")


class NewsPost(models.Model):
    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)
    summary = models.CharField(max_length=400, help_text="One or two sentences for lists and "
                                                         "the feed.")
    body = models.TextField(help_text="Markdown.")
    topics = models.ManyToManyField(Topic, blank=True, related_name="news_posts")
    status = models.CharField(max_length=20, choices=NewsStatus.choices,
                              default=NewsStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="news_posts")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = NewsPostQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "published_at"], name="news_status_published")]
        constraints = [models.CheckConstraint(
            condition=~models.Q(status=NewsStatus.PUBLISHED, published_at__isnull=True),
            name="news_published_has_date",
            violation_error_message="A published post has a publication date.")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("news:detail", args=[self.slug])

    @property
    def is_published(self):
        return self.status == NewsStatus.PUBLISHED
