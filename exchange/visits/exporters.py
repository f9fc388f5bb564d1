"""The host report and the short report of a visit, as PDF and Word, through the one document
renderer (:mod:`exchange.common.documents`)."""

from django.utils import timezone

from exchange.common import documents

from .enums import Place

PROGRAMME = "Peer learning visits"


def visit_details(visit, *, dated):
    """The header every visit document carries: host, date, theme, who took part."""
    forces = {}
    for visitor in (visit.visitors.filter(place=Place.PLACED)
                    .select_related("application__organisation")):
        name = visitor.application.organisation.name
        forces[name] = forces.get(name, 0) + 1
    took_part = ", ".join(f"{name} ({count} visitor{'s' if count > 1 else ''})"
                          for name, count in sorted(forces.items()))
    return [("Programme", f"{PROGRAMME}, {visit.programme_year.name}"),
            ("Host", visit.host_organisation.name),
            ("Date of the visit", f"{visit.date:%-d %B %Y}" if visit.date else "To be confirmed"),
            ("Theme", visit.theme),
            ("Who took part", took_part),
            ("Report dated", f"{timezone.localtime(dated):%-d %B %Y}")]


def host_report_document(report):
    visit = report.visit
    return documents.Document(
        title=f"Report of the visit: {visit.title}", caption=PROGRAMME,
        subject=f"What the visitors learned from their visit to {visit.host_organisation.name}",
        details=visit_details(visit, dated=report.sent_at or timezone.now()),
        blocks=documents.outline(report.body))


def short_report_document(visit):
    return documents.Document(
        title=f"Short report: {visit.title}", caption=PROGRAMME,
        subject=f"The published short report of the visit to {visit.host_organisation.name}",
        details=visit_details(visit, dated=visit.short_report_published_at or timezone.now()),
        blocks=documents.outline(visit.short_report))


def host_report_pdf(report):
    return documents.pdf(host_report_document(report))


def host_report_docx(report):
    return documents.docx(host_report_document(report))

