"""The confidential report of a peer review, workshop or event, as PDF and Word, through the one
document renderer (:mod:`exchange.common.documents`)."""

from django.utils import timezone

from exchange.common import documents

from .enums import TeamStatus
from .models import TeamMember

PROGRAMME = "Peer support"
DRAFT_NOTE = ("DRAFT: not yet issued to the force. The findings and recommendations may still "
              "change.")


def team_names(request):
    """The accepted team, as "Name (organisation)", in the order they joined."""
    members = (TeamMember.objects.filter(request=request, status=TeamStatus.ACCEPTED)
               .select_related("peer__user", "peer__organisation").order_by("invited_at", "id"))
    return [f"{m.peer.user.full_name} ({m.peer.organisation_label})"
            if m.peer.organisation_label else m.peer.user.full_name for m in members]


def _dates(request):
    if not request.starts_on:
        return ""
    if not request.ends_on or request.ends_on == request.starts_on:
        return f"{request.starts_on:%-d %B %Y}"
    return f"{request.starts_on:%-d %B %Y} to {request.ends_on:%-d %B %Y}"


def report_document(request):
    """The report: its title block says whose it is and that it is confidential; a draft says so
    at the top and in its title."""
    force = request.organisation.name
    draft = request.report_issued_at is None
    team = team_names(request)
    dated = timezone.localtime(request.report_issued_at or timezone.now())
    blocks = [documents.paragraph(DRAFT_NOTE, kind="lead")] if draft else []
    blocks += [documents.paragraph(f"Confidential to {force}. Do not share it beyond the force "
                                   "without its agreement.", kind="lead"),
               documents.heading("Findings", level=1),
               *(documents.outline(request.findings, top=2)
                 or [documents.paragraph("No findings written yet.")]),
               documents.heading("Recommendations", level=1)]
    recommendations = list(request.recommendations.order_by("number"))
    blocks += [documents.Block("number", (documents.Run(" ".join(item.text.split())),),
                               number=item.number) for item in recommendations]
    if not recommendations:
        blocks.append(documents.paragraph("No recommendations written yet."))
    blocks += [documents.heading("The team", level=1),
               *([documents.bullet(name) for name in team]
                 or [documents.paragraph("No peers on the team.")])]
    return documents.Document(
        title=f"{'DRAFT: ' if draft else ''}{request.get_support_type_display().split(' (')[0]} "
              f"for {force}",
        caption=f"{PROGRAMME}: confidential report", subject=f"Confidential to {force}",
        details=[("Confidential to", force),
                 ("Type of support", request.get_support_type_display()),
                 ("Dates", _dates(request)),
                 ("Team", ", ".join(team)),
                 ("Status", "Draft, not issued" if draft else "Issued"),
                 ("Report dated", f"{dated:%-d %B %Y}")],
        blocks=blocks)


def report_filename(request):
    return f"peer-support-{request.pk}-report{'-draft' if request.report_issued_at is None else ''}"


def report_pdf(request):
    return documents.pdf(report_document(request))


def report_docx(request):
    return documents.docx(report_document(request))
