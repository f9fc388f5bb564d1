"""The news API, mounted at /api/v1/news: published posts, newest first, for anyone."""

import datetime as dt

from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from exchange.common.api import OPEN, Error, PageNumberPagination, WithPage
from exchange.common.markdown import render_markdown

from .models import NewsPost

router = Router(tags=["news"])


class TopicItem(Schema):
    slug: str
    name: str


class NewsItem(WithPage):
    id: int
    title: str
    slug: str
    summary: str
    body: str = Field(description="The post in Markdown.")
    body_html: str = Field(description="The post as sanitised HTML.")
    topics: list[TopicItem]
    published_at: dt.datetime
    updated_at: dt.datetime

    @staticmethod
    def resolve_body_html(post):
        return str(render_markdown(post.body))

    @staticmethod
    def resolve_topics(post):
        return list(post.topics.all())


class NewsFilters(Schema):
    topic: str = Field("", description="Only posts with this topic (its slug).")


@router.get("", response={200: list[NewsItem], 401: Error, 422: Error}, **OPEN,
            url_name="news-list", summary="List news")
@paginate(PageNumberPagination)
def list_news(request, filters: Query[NewsFilters]):
    """Published news posts, newest first; drafts are never listed, whoever asks."""
    posts = NewsPost.objects.published().newest_first().prefetch_related("topics")
    if filters.topic:
        posts = posts.filter(topics__slug=filters.topic)
    return posts
