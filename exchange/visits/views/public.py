"""What everyone sees: the list of planned and previous visits, a visit's page, the calendar
feed, and the form to offer to host a visit."""

import datetime

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET

from exchange.common.calendar import CalendarEvent, calendar_bytes
from exchange.common.documents import attachment
from exchange.common.forms import posted
from exchange.common.pagination import paginate
from exchange.common.permissions import allows

from .. import domain
from ..enums import Place
from ..exporters import short_report_document
from ..forms import HostOfferForm, VisitFilterForm
from ..models import Application, CheckIn, PlaceOffer, PreparationCall, Visit, Visitor


@require_GET
def visit_list(request):
    form = VisitFilterForm(request.GET)
    form.is_valid()
    when = form.cleaned_data.get("when") or "planned"
    words = (form.cleaned_data.get("q") or "").strip()
    visits = Visit.objects.for_user(request.user).select_related("host_organisation")
    visits = visits.previous().order_by("-date", "-id") if when == "previous" else visits.planned()
    if words:
        visits = visits.filter(Q(title__icontains=words) | Q(theme__icontains=words)
                               | Q(host_organisation__name__icontains=words))
    page, pages = paginate(request, visits)
    # Between the visit and its short report a visit is in neither list a visitor looks at
    # first: the planned list shows them under their own heading until the report is out.
    following_up = (Visit.objects.for_user(request.user).previous()
                    .filter(short_report_published_at__isnull=True)
                    .select_related("host_organisation").order_by("-date", "-id")
                    if when == "planned" else Visit.objects.none())
    if words:
        following_up = following_up.filter(Q(title__icontains=words) | Q(theme__icontains=words)
                                           | Q(host_organisation__name__icontains=words))
    return render(request, "visits/list.html", {
        "form": form, "when": when, "q": words, "page": page, "pages": pages,
        "following_up": list(following_up[:20]),
        "is_organiser": allows(request.user, "visits.run_visits")})


@require_GET
def short_report_download(request, pk, fmt):
    """The published short report as PDF or Word, for anyone who may see the visit."""
    visit = get_object_or_404(Visit.objects.for_user(request.user)
                              .select_related("host_organisation", "programme_year"), pk=pk)
    if not visit.has_published_report:
        raise Http404
    return attachment(short_report_document(visit), fmt, f"visit-{visit.pk}-short-report")


@require_GET
def visit_detail(request, pk):
    visit = get_object_or_404(Visit.objects.for_user(request.user)
                              .select_related("host_organisation", "programme_year"), pk=pk)
    user = request.user
    mine = list(Visitor.objects.current().filter(visit=visit, user=user)
                .select_related("application__organisation")) if user.is_authenticated else []
    placed = any(v.place == Place.PLACED for v in mine)
    lead_of = domain.lead_organisation(user)
    application = (Application.objects.active().filter(visit=visit, organisation=lead_of).first()
                   if lead_of else None)
    call = PreparationCall.objects.filter(visit=visit).first()
    may_see_joining = placed or allows(user, "visits.run_visits")
    context = {
        "visit": visit, "my_places": mine, "placed": placed,
        "call": call, "show_joining": call is not None and may_see_joining,
        "materials": list(visit.materials.all()) if may_see_joining else [],
        "application": application,
        "why_not_apply": domain.why_cannot_apply(user, visit) if user.is_authenticated else "",
        "is_lead": lead_of is not None,
        "window_open": domain.window_is_open(visit),
        "offers": list(PlaceOffer.objects.for_user(user).filter(visit=visit, status="open")
                       .select_related("entry__organisation")) if user.is_authenticated else [],
        "can_record_learning": placed and visit.is_past,
        "check_ins": list(CheckIn.objects.filter(visitor__in=[v for v in mine if v.place == Place.PLACED]))
        if placed and visit.is_past else [],
        "is_organiser": allows(user, "visits.run_visits"),
    }
    if user.is_authenticated and lead_of is None and context["window_open"]:
        # A member who is not a lead cannot apply: say who applies for their force.
        organisation = user.organisation
        context.update(my_organisation=organisation,
                       my_leads=domain.organisation_leads(organisation))
    return render(request, "visits/detail.html", context)


@require_GET
def calendar_feed(request):
    """Public visits and their preparation calls; never a call's joining details."""
    visits = Visit.objects.for_user(AnonymousUser()).filter(date__isnull=False)
    events = [CalendarEvent(
        uid=f"visit-{v.pk}@learning-exchange", summary=f"Peer learning visit: {v.title}",
        starts=v.date, ends=v.date + datetime.timedelta(days=1),
        description=f"{v.theme}. Hosted by {v.host_organisation.name}.", location=v.venue,
        url=settings.SITE_URL + v.get_absolute_url())
        for v in visits.select_related("host_organisation")]
    calls = PreparationCall.objects.filter(visit__in=Visit.objects.for_user(AnonymousUser()))
    events += [domain.call_event(call, private=False) for call in calls.select_related("visit")]
    response = HttpResponse(calendar_bytes(events, name="Peer learning visits"),
                            content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="peer-learning-visits.ics"'
    return response


def host_offer(request):
    form = HostOfferForm(posted(request), initial=_offer_initial(request.user))
    if request.method == "POST" and form.is_valid():
        domain.record_host_offer(data=form.cleaned_data, user=request.user)
        return redirect("visits:host-offer-thanks")
    return render(request, "visits/host_offer.html", {"form": form})


def _offer_initial(user):
    if not user.is_authenticated:
        return {}
    return {"contact_name": user.full_name, "contact_email": user.email,
            "organisation_name": user.organisation.name if user.organisation else ""}


@require_GET
def host_offer_thanks(request):
    return render(request, "visits/host_offer_thanks.html")
