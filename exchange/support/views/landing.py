"""The landing page at /support/: what peer support is, and what the person looking can do here.

Every section ends in an action on the Exchange rather than an email address; which action
depends on who is looking (signed out, a member, a lead, a peer, staff)."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import NoReverseMatch, path, reverse
from django.views.decorators.http import require_GET

from exchange.common.permissions import allows
from exchange.common.programmes import programme
from exchange.people.recipients import leads_of

from ..enums import PeerStatus, SupportType
from ..rules import user_peer

# One plain sentence for each type of support, for people who have never asked for any.
TYPE_SENTENCES = {
    SupportType.PEER_REVIEW: "A team of peers spends two or three days with your force, on "
                             "site or online, and writes a confidential report with "
                             "recommendations.",
    SupportType.WORKSHOP: "Peers run a workshop with your team to work through a problem or "
                          "plan a change together.",
    SupportType.INTRODUCTIONS: "We put people in your force in touch with peers in other forces "
                               "who have dealt with the same issue.",
    SupportType.MENTORING: "A peer mentors or coaches one of your leaders over a few months.",
    SupportType.DEVELOPMENT_EVENT: "Peers help you plan and run an event for your own people, "
                                   "built around what your force needs.",
}


@require_GET
def landing(request):
    # Everyone may read this page: it is the programme's public front door.
    return render(request, "support/landing.html", landing_context(request.user))


def landing_context(user):
    peer = user_peer(user)
    organisation = user.organisation if user.is_authenticated else None
    is_lead = allows(user, "support.ask_for_support")
    return {
        "support_types": [(value, label, TYPE_SENTENCES[value])
                          for value, label in SupportType.choices],
        "signed_in": user.is_authenticated,
        "sign_in": {"ask": sign_in_url("support:request-new"),
                    "apply": sign_in_url("support:peer-apply"),
                    "matching": sign_in_url("support:matching")},
        "is_lead": is_lead,
        "organisation": organisation,
        "leads": [] if is_lead or organisation is None else organisation_leads(organisation),
        "peer": peer,
        "is_peer": peer is not None and peer.status == PeerStatus.APPROVED,
        "peer_waiting": peer is not None and peer.status == PeerStatus.APPLIED,
        "can_apply": allows(user, "support.apply_as_peer") and (
            peer is None or peer.status in {PeerStatus.DECLINED, PeerStatus.LEFT}),
        "can_view_pool": allows(user, "support.view_pool"),
        "runs_support": allows(user, "support.run_support"),
        "events_url": programme_url("events"),
        "networks_url": programme_url("networks"),
    }


def sign_in_url(url_name):
    return f"{reverse('people:sign-in')}?{urlencode({'next': reverse(url_name)})}"


def organisation_leads(organisation):
    """Who can ask for support for ``organisation``: its active leads, by name."""
    return list(leads_of([organisation.pk]).order_by("full_name"))


def programme_url(key):
    """The page of the programme registered as ``key`` ("events", "networks"), or "" if none is.
    Asking the registry keeps peer support from importing another programme app."""
    try:
        return reverse(programme(key).url_name)
    except (LookupError, NoReverseMatch):
        return ""


urlpatterns = [
    path("", landing, name="landing"),
]
