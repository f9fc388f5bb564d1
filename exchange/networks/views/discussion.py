"""A network's discussion: threads and replies, hiding a post, and a member's emails about posts.

All of it is members' material: a person who is not signed in is sent to sign in, and anyone
signed in who is neither an active member nor an organiser gets 404 (they do not learn what is
discussed, or that a thread exists).
"""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.pagination import paginate
from exchange.common.permissions import allows, permission_required, require

from ..domain import discussion as domain
from ..enums import NetworkStatus
from ..forms.discussion import HidePostForm, NotificationsForm, ReplyForm, ThreadForm
from ..models import Post, Thread
from ..rules import active_membership
from .networks import member_network

POSTS_PER_PAGE = 50
NOT_A_MEMBER = "Only the network's members can post in its discussion."


def may_post(user, network):
    """Whether to offer ``user`` the forms for posting: members of a network that is not
    archived (the domain refuses the rest)."""
    return network.status == NetworkStatus.ACTIVE and allows(user, "networks.post", network)


def _thread(request, slug, pk):
    network = member_network(request, slug)
    thread = get_object_or_404(Thread.objects.select_related("started_by"), network=network, pk=pk)
    thread.network = network
    return network, thread


@permission_required("people.use_account")
@require_GET
def threads(request, slug):
    """The network's threads, liveliest first."""
    network = member_network(request, slug)
    page, pages = paginate(request, domain.threads_of(network))
    return render(request, "networks/threads.html", {
        "network": network, "page": page, "pages": pages,
        "may_post": may_post(request.user, network),
        "membership": active_membership(request.user, network)})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def thread_new(request, slug):
    network = member_network(request, slug)
    require(request.user, "networks.post", network, message=NOT_A_MEMBER)
    form = ThreadForm(posted(request))
    if request.method == "POST":
        done, thread = form.carry_out(lambda: domain.start_thread(
            network=network, actor=request.user, **form.cleaned_data))
        if done:
            messages.success(request, "Your thread has been started. We have emailed the "
                                      "network's members who asked to hear about new posts.")
            return redirect("networks:thread", network.slug, thread.pk)
    return render(request, "networks/thread_new.html", {"network": network, "form": form})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def thread(request, slug, pk):
    """The thread's posts and, for members, a reply form at the end."""
    network, thread = _thread(request, slug, pk)
    form = ReplyForm(posted(request))
    if request.method == "POST":
        require(request.user, "networks.post", network, message=NOT_A_MEMBER)
        done, post = form.carry_out(lambda: domain.reply(
            thread=thread, actor=request.user, body=form.cleaned_data["body"]))
        if done:
            messages.success(request, "Your reply has been posted.")
            last = paginate(request, domain.posts_of(thread), POSTS_PER_PAGE)[0].paginator.num_pages
            query = f"?page={last}" if last > 1 else ""
            return redirect(reverse("networks:thread", args=[network.slug, thread.pk])
                            + f"{query}#post-{post.pk}")
    page, pages = paginate(request, domain.posts_of(thread), POSTS_PER_PAGE)
    facilitates = allows(request.user, "networks.facilitate", network)
    return render(request, "networks/thread.html", {
        "network": network, "thread": thread, "page": page, "pages": pages, "form": form,
        "may_post": may_post(request.user, network), "facilitates": facilitates,
        "hidings": domain.hidings_in(thread)[:20] if facilitates else []})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def post_hide(request, slug, pk):
    """GET asks for the reason and confirmation; POST hides the post (facilitators and
    organisers)."""
    network = member_network(request, slug)
    post = get_object_or_404(Post.objects.select_related("thread", "author"),
                             thread__network=network, pk=pk)
    post.thread.network = network
    require(request.user, "networks.facilitate", network,
            message="Only the network's facilitators and organisers can hide a post.")
    form = HidePostForm(posted(request))
    if request.method == "POST":
        done, _ = form.carry_out(lambda: domain.hide_post(
            post=post, actor=request.user, reason=form.cleaned_data["reason"]))
        if done:
            messages.success(request, "The post has been hidden. Members see your reason in "
                                      "its place.")
            return redirect(reverse("networks:thread", args=[network.slug, post.thread_id])
                            + f"#post-{post.pk}")
    return render(request, "networks/post_hide.html", {"network": network, "post": post,
                                                       "thread": post.thread, "form": form})


@permission_required("people.use_account")
@require_http_methods(["GET", "POST"])
def notifications(request, slug):
    """A member turns emails about new threads and replies on or off."""
    network = member_network(request, slug)
    membership = active_membership(request.user, network)
    if membership is None:
        raise Http404("Only the network's members get emails about its discussion.")
    form = NotificationsForm(posted(request),
                             initial={"notify_posts": "yes" if membership.notify_posts else "no"})
    if request.method == "POST":
        done, notify = form.carry_out(lambda: domain.set_notifications(
            network=network, actor=request.user, notify=form.cleaned_data["notify_posts"]))
        if done:
            messages.success(request, "We will email you about new threads and replies."
                             if notify else "We will not email you about new threads and replies.")
            return redirect("networks:threads", network.slug)
    return render(request, "networks/thread_notifications.html", {
        "network": network, "form": form, "membership": membership})


urlpatterns = [
    path("<slug:slug>/threads/", threads, name="threads"),
    path("<slug:slug>/threads/new/", thread_new, name="thread-new"),
    path("<slug:slug>/threads/<int:pk>/", thread, name="thread"),
    path("<slug:slug>/posts/<int:pk>/hide/", post_hide, name="post-hide"),
    path("<slug:slug>/notifications/", notifications, name="notifications"),
]
