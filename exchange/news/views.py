"""News: the public list, a post, the Atom feed; and the organisers' pages to write, preview,
publish and unpublish posts."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.actions import attempt
from exchange.common.forms import posted
from exchange.common.markdown import render_markdown
from exchange.common.models import Activity, Topic
from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required

from . import domain
from .enums import NewsStatus
from .feeds import LatestNewsFeed
from .forms import NewsFilterForm, NewsPostForm, UnpublishForm
from .models import NewsPost

__all__ = ["LatestNewsFeed"]

ONLY_ORGANISERS = ("Only the Exchange's organisers can write news. If you write news for the "
                   "Exchange, ask an administrator to add you to the organisers.")


# --- Everyone -------------------------------------------------------------------------------

def topics_in_news():
    return Topic.objects.filter(news_posts__status=NewsStatus.PUBLISHED).distinct().order_by("name")


@require_GET
def news_list(request):
    topics = list(topics_in_news())
    form = NewsFilterForm(request.GET, topics=topics)
    topic = form.cleaned_data.get("topic", "") if form.is_valid() else ""
    posts = NewsPost.objects.published().newest_first().prefetch_related("topics")
    if topic:
        posts = posts.filter(topics__slug=topic)
    page, pages = paginate(request, posts)
    return render(request, "news/list.html", {
        "form": form, "page": page, "pages": pages, "topic": topic,
        "topic_name": {t.slug: t.name for t in topics}.get(topic, "")})


@require_GET
def news_detail(request, slug):
    post = get_object_or_404(NewsPost.objects.published().prefetch_related("topics"), slug=slug)
    return render(request, "news/detail.html", {"post": post, "body": render_markdown(post.body)})


# --- Organisers -----------------------------------------------------------------------------

def _post(pk):
    return get_object_or_404(NewsPost.objects.select_related("author"), pk=pk)


@permission_required("news.write_news", message=ONLY_ORGANISERS)
@require_GET
def manage(request):
    posts = (NewsPost.objects.select_related("author")
             .order_by("status", "-published_at", "-updated_at", "-id"))  # drafts first
    status = request.GET.get("status", "")
    if status in NewsStatus.values:
        posts = posts.filter(status=status)
    page, pages = paginate(request, posts)
    return render(request, "news/manage/list.html", {
        "page": page, "pages": pages, "status": status, "statuses": NewsStatus.choices})


@permission_required("news.write_news", message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def post_form(request, pk=None):
    post = _post(pk) if pk else None
    form = NewsPostForm(posted(request), instance=post)
    if request.method == "POST":
        done, saved = form.carry_out(lambda: _save(request, post, form))
        if done:
            messages.success(request, f"“{saved.title}” has been saved. Check the preview, "
                             "then publish it when it is ready." if not saved.is_published
                             else f"“{saved.title}” has been saved.")
            return redirect("news:preview", saved.pk)
    return render(request, "news/manage/form.html", {"form": form, "post": post})


def _save(request, post, form):
    data, topics = form.cleaned_data, form.cleaned_data.get("topics") or []
    if post:
        return domain.update_post(actor=request.user, post=post, data=data, topics=topics)
    return domain.create_post(actor=request.user, data=data, topics=topics)


@permission_required("news.write_news", message=ONLY_ORGANISERS)
@require_GET
def preview(request, pk):
    post = get_object_or_404(NewsPost.objects.select_related("author")
                             .prefetch_related("topics"), pk=pk)
    return render(request, "news/manage/preview.html", {
        "post": post, "body": render_markdown(post.body),
        "activities": Activity.objects.for_object(post).select_related("actor")[:30]})


@permission_required("news.write_news", message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def publish(request, pk):
    post = _post(pk)
    if request.method == "POST":
        attempt(request, lambda: domain.publish(actor=request.user, post=post),
                f"“{post.title}” is published. It is on the news page, the home page and in "
                "the feed.")
        return redirect("news:preview", post.pk)
    return render(request, "news/manage/publish.html", {"post": post})


@permission_required("news.write_news", message=ONLY_ORGANISERS)
@require_http_methods(["GET", "POST"])
def unpublish(request, pk):
    post = _post(pk)
    form = UnpublishForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.unpublish(
            actor=request.user, post=post, note=form.cleaned_data["note"]))
        if done:
            messages.success(request, f"“{post.title}” is unpublished and back to draft.")
            return redirect("news:preview", post.pk)
    return render(request, "news/manage/unpublish.html", {"post": post, "form": form})
