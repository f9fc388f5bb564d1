"""Subscribing to invitations for future events (double opt-in), and unsubscribing."""

from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.forms import posted

from ..domain import invitations as inviting
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
    try:
        subscriber = inviting.confirm_subscription(token=token)
    except ValidationError as error:
        return render(request, "events/invitations_failed.html", {"message": error.messages[0]},
                      status=400)
    return render(request, "events/invitations_confirmed.html", {
        "subscriber": subscriber, "topics": subscriber.topics.order_by("name")})


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    # Following the link changes nothing: mail scanners follow every link in an email, so the
    # page offers one button. The POST unsubscribes, whether from that button or from a mail
    # client's own one-click button (RFC 8058, the List-Unsubscribe-Post header), which comes
    # with no session and no CSRF token; the token in the address is the credential.
    if request.method == "GET":
        subscriber = inviting.subscriber_for(token=token)
        if subscriber is None:
            return render(request, "events/invitations_unsubscribed.html", {"unknown": True},
                          status=404)
        return render(request, "events/invitations_unsubscribe.html", {"subscriber": subscriber})
    subscriber = inviting.unsubscribe(token=token)
    if subscriber is None:
        return render(request, "events/invitations_unsubscribed.html", {"unknown": True},
                      status=404)
    return render(request, "events/invitations_unsubscribed.html", {"subscriber": subscriber})


urlpatterns = [
    path("invitations/", subscribe, name="invitations-subscribe"),
    path("invitations/sent/", subscribe_sent, name="invitations-sent"),
    path("invitations/confirm/<str:token>/", subscribe_confirm, name="invitations-confirm"),
    path("invitations/unsubscribe/<str:token>/", unsubscribe, name="invitations-unsubscribe"),
]
