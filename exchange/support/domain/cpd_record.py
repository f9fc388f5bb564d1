"""A peer's record of continuing professional development: the teams they were on and the
pairings they kept, with days and hours, as a page, a CSV file and a PDF."""

import csv
import io
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from exchange.common import documents
from exchange.common.domain import log_activity

from ..enums import TeamStatus
from ..models import Pairing, Peer, TeamMember

CPD_CAPTION = "Peer support: record of continuing professional development"


@dataclass
class EngagementRow:
    member: TeamMember
    support_type: str
    force: str
    starts_on: object
    ends_on: object
    days: Decimal | None
    hours: Decimal | None


@dataclass
class PairingRow:
    pairing: Pairing
    support_type: str
    force: str
    started_on: object
    ended_on: object
    meetings: int
    hours: Decimal


@dataclass
class CpdRecord:
    peer: Peer
    engagements: list
    pairings: list
    total_days: Decimal
    total_hours: Decimal


def cpd_record(peer):
    """The peer's engagements (team places they accepted, with the days and hours they entered)
    and pairings (meeting minutes summed to hours), with totals: three queries."""
    members = (TeamMember.objects.filter(peer=peer, status=TeamStatus.ACCEPTED)
               .select_related("request__organisation").order_by("-request__starts_on", "-id"))
    engagements = [EngagementRow(
        member=m, support_type=m.request.get_support_type_display(),
        force=m.request.organisation.name, starts_on=m.request.starts_on,
        ends_on=m.request.ends_on, days=m.days, hours=m.hours) for m in members]
    pairings = (Pairing.objects.filter(peer=peer).select_related("request__organisation")
                .annotate(minutes=Sum("meetings__minutes"), meeting_count=Count("meetings"))
                .order_by("-started_on", "-id"))
    pairing_rows = [PairingRow(
        pairing=p, support_type=p.request.get_support_type_display(),
        force=p.request.organisation.name, started_on=p.started_on, ended_on=p.ended_on,
        meetings=p.meeting_count, hours=_hours(p.minutes or 0)) for p in pairings]
    total_days = sum((row.days or Decimal(0) for row in engagements), Decimal(0))
    total_hours = (sum((row.hours or Decimal(0) for row in engagements), Decimal(0))
                   + sum((row.hours for row in pairing_rows), Decimal(0)))
    return CpdRecord(peer=peer, engagements=engagements, pairings=pairing_rows,
                     total_days=total_days, total_hours=total_hours)


def _hours(minutes):
    return (Decimal(minutes) / 60).quantize(Decimal("0.1"))


def record_time(*, member, actor, days=None, hours=None):
    """The peer enters the days and hours they gave to one engagement (for their record).

    Side effects: the team place's ``days`` and ``hours``; a ``record_time`` row on it.
    """
    if member.status != TeamStatus.ACCEPTED:
        raise ValidationError("You can record time only for engagements you took part in")
    errors = {}
    if days is not None and not Decimal(0) <= days <= Decimal("99.9"):
        errors["days"] = "Enter the days as a number from 0 to 99.9"
    if hours is not None and not Decimal(0) <= hours <= Decimal("9999.9"):
        errors["hours"] = "Enter the hours as a number from 0 to 9999.9"
    if errors:
        raise ValidationError(errors)
    member.days, member.hours = days, hours
    with transaction.atomic():
        member.save(update_fields=["days", "hours"])
        log_activity(subject=member, actor=actor, verb="record_time",
                     note=f"{_number(days)} days, {_number(hours)} hours")
    return member


def _number(value):
    return "no" if value is None else f"{value.normalize():f}"


def _dates(start, end):
    if start and end:
        return f"{start:%-d %b %Y} to {end:%-d %b %Y}"
    if start:
        return f"from {start:%-d %b %Y}"
    return "dates to be agreed"


CSV_HEADER = ["Kind", "Type of support", "Force", "Dates", "Meetings", "Days", "Hours"]


def cpd_csv(record):
    """The record as CSV text: a row per engagement and pairing, then the totals."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in record.engagements:
        writer.writerow(["Engagement", row.support_type, row.force,
                         _dates(row.starts_on, row.ends_on), "",
                         _blank(row.days), _blank(row.hours)])
    for row in record.pairings:
        writer.writerow(["Pairing", row.support_type, row.force,
                         _dates(row.started_on, row.ended_on), row.meetings, "",
                         _blank(row.hours)])
    writer.writerow(["Total", "", "", "", "", _blank(record.total_days),
                     _blank(record.total_hours)])
    return out.getvalue()


def _blank(value):
    return "" if value is None else f"{value.normalize():f}"


def cpd_document(record, *, made=None):
    """The record as a document for :func:`exchange.common.documents.attachment` (PDF)."""
    peer = record.peer
    made = made or timezone.now()
    blocks = [documents.heading("Engagements")]
    blocks += [documents.bullet(
        f"{row.support_type} for {row.force}, {_dates(row.starts_on, row.ends_on)}: "
        f"{_blank(row.days) or 'no'} days, {_blank(row.hours) or 'no'} hours")
        for row in record.engagements] or [documents.paragraph("No engagements yet.")]
    blocks.append(documents.heading("Pairings"))
    blocks += [documents.bullet(
        f"{row.support_type} with {row.force}, {_dates(row.started_on, row.ended_on)}: "
        f"{row.meetings} meeting{'s' if row.meetings != 1 else ''}, {_blank(row.hours)} hours")
        for row in record.pairings] or [documents.paragraph("No pairings yet.")]
    return documents.Document(
        title=f"Record of peer support: {peer.user.full_name}", caption=CPD_CAPTION,
        subject="Engagements and hours given as a peer, for continuing professional development",
        details=[("Peer", peer.user.full_name), ("Kind", peer.get_kind_display()),
                 ("Total days", _blank(record.total_days)),
                 ("Total hours", _blank(record.total_hours)),
                 ("Record dated", f"{timezone.localtime(made):%-d %B %Y}")],
        blocks=blocks)
