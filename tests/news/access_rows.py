"""The news rows of the access table (and the learning record's, which is people's page but is
built with news in issue 11); tests/test_access.py merges them and :func:`objects`.

Anyone reads published news; organisers (and administrators) write, preview, publish and
unpublish. A draft's address answers 404 to everyone: organisers preview it under /news/manage/.
"""

from types import SimpleNamespace

from django.utils import timezone

from exchange.news.enums import NewsStatus
from exchange.news.models import NewsPost
from tests.access import EVERYONE, Pk, expect, get, only, post

ORGANISERS = only("organisers")
ORGANISERS_ACT = only("organisers", answer=302)


class Slug(str):
    """Names one of the objects built for the table; the URL gets that object's slug."""

    def resolve(self, objects):
        return getattr(objects, self).slug


POST_FORM = {"title": "Written by the table", "summary": "A summary.", "body": "A body."}


def status_of(name, objects):
    return NewsPost.objects.get(pk=getattr(objects, name).pk).status


ACCESS_ROWS = {
    "news:list": [get("news:list", expected=EVERYONE)],
    "news:feed": [get("news:feed", expected=EVERYONE)],
    "news:detail": [
        get("news:detail", Slug("published_post"), expected=EVERYONE, label="published"),
        get("news:detail", Slug("draft_post"), expected=expect(404), label="draft"),
    ],
    "news:manage": [get("news:manage", expected=ORGANISERS)],
    "news:create": [
        get("news:create", expected=ORGANISERS),
        post("news:create", expected=ORGANISERS_ACT, data=POST_FORM, label="write",
             done=lambda o: NewsPost.objects.filter(title=POST_FORM["title"]).exists()),
    ],
    "news:preview": [get("news:preview", Pk("draft_post"), expected=ORGANISERS)],
    "news:edit": [
        get("news:edit", Pk("draft_post"), expected=ORGANISERS),
        post("news:edit", Pk("draft_post"), expected=ORGANISERS_ACT, label="save",
             data={**POST_FORM, "title": "Edited by the table"},
             done=lambda o: NewsPost.objects.filter(title="Edited by the table").exists()),
    ],
    "news:publish": [
        get("news:publish", Pk("draft_post"), expected=ORGANISERS),
        post("news:publish", Pk("draft_post"), expected=ORGANISERS_ACT, label="publish",
             done=lambda o: status_of("draft_post", o) == NewsStatus.PUBLISHED),
    ],
    "news:unpublish": [
        get("news:unpublish", Pk("published_post"), expected=ORGANISERS),
        post("news:unpublish", Pk("published_post"), expected=ORGANISERS_ACT,
             label="unpublish", data={"note": "Out of date"},
             done=lambda o: status_of("published_post", o) == NewsStatus.DRAFT),
    ],
    "GET /api/v1/news": [get("/api/v1/news", expected=EVERYONE)],
    # A person's own learning record (people's page, built with issue 11's news and home page).
}


def objects(*, force, other_force, people):
    published = NewsPost.objects.create(
        title="Published news", slug="published-news", summary="S", body="B",
        status=NewsStatus.PUBLISHED, published_at=timezone.now())
    draft = NewsPost.objects.create(title="Draft news", slug="draft-news", summary="S", body="B")
    return SimpleNamespace(published_post=published, draft_post=draft)
