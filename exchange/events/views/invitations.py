"""Subscribing to invitations for future events (double opt-in), and unsubscribing."""

from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted
from exchange.common.mailing_list import confirm_page, unsubscribe_page

from ..domain import invitations as inviting
from ..domain.invitations import MAILING_LIST
from ..forms.invitations import InvitationSubscribeForm


@require_http_methods(["GET", "POST"])
def subscribe(request):
    form = InvitationSubscribeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        inviting.subscribe(email=form.cleaned_data["email"], topics=form.cleaned_data["topics"])
        return redirect("events:invitations-sent")
    return render(request, "events/invitations_subscribe.html", {"form": form})


@require_GET
def subscribe_sent(request):
    return render(request, "events/invitations_sent.html")


@require_GET
def subscribe_confirm(request, token):
    return confirm_page(request, MAILING_LIST, token, template="events/invitations_confirmed.html",
                        failed_template="events/invitations_failed.html",
                        context=lambda subscriber: {"topics": subscriber.topics.order_by("name")})


@csrf_exempt  # a mail client's one-click POST has no CSRF token: see unsubscribe_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    return unsubscribe_page(request, MAILING_LIST, token,
                            template="events/invitations_unsubscribe.html",
                            done_template="events/invitations_unsubscribed.html")


urlpatterns = [
    path("invitations/", subscribe, name="invitations-subscribe"),
    path("invitations/sent/", subscribe_sent, name="invitations-sent"),
    path("invitations/confirm/<str:token>/", subscribe_confirm, name="invitations-confirm"),
    path("invitations/unsubscribe/<str:token>/", unsubscribe, name="invitations-unsubscribe"),
]
