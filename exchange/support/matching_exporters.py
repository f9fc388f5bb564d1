"""A peer-matching group's reports, the overall report and each host force's own, as PDF and
Word through the one document renderer (:mod:`exchange.common.documents`)."""

from django.utils import timezone

from exchange.common import documents

PROGRAMME = "Peer matching"


def group_details(group, *, dated):
    """The header every group document carries: topic, the forces, the date."""
    forces = ", ".join(place.organisation.name for place in
                       group.forces.select_related("organisation").order_by("organisation__name"))
    return [("Programme", PROGRAMME), ("Topic", group.topic.name),
            ("Forces", forces), ("Report dated", f"{timezone.localtime(dated):%-d %B %Y}")]


def overall_report_document(group):
    return documents.Document(
        title=f"Overall report: {group.title}", caption=PROGRAMME,
        subject=f"Themes, similarities and differences between the forces on {group.topic.name}",
        details=group_details(group, dated=group.overall_report_shared_at or timezone.now()),
        blocks=documents.outline(group.overall_report))


def host_day_report_document(day):
    group = day.group
    details = group_details(group, dated=day.report_shared_at or timezone.now())
    details.insert(1, ("Host", day.host.name))
    details.insert(2, ("Host day", f"{timezone.localtime(day.starts_at):%-d %B %Y}"))
    return documents.Document(
        title=f"Report of the host day at {day.host.name}", caption=PROGRAMME,
        subject=f"What the group saw and learned at {day.host.name}",
        details=details, blocks=documents.outline(day.report))


def report_download(document, fmt, filename):
    """The document as a ``fmt`` ("pdf" or "docx") download; any other format is a 404."""
    return documents.attachment(document, fmt, filename)
