"""Demo visits for `manage.py seed_demo`: a current programme year with four member forces, a
completed visit (learning points, host report, check-ins) and a planned visit open for
applications. Everything goes through the domain functions, so the history looks lived in."""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.people.enums import OrganisationType
from exchange.people.models import Organisation, User

from . import domain
from .models import CheckIn, Visit

FORCES = {"kent": "kent-police", "essex": "essex-police", "merseyside": "merseyside-police",
          "lancashire": "lancashire-constabulary"}
HOST_NAME = "Bristol Mental Health NHS Trust"
LEARNING = [
    ("How do officers and clinicians share information on the spot?",
     "A clinician in the control room sees the call log and the health record together.",
     "Propose a six-month control-room nurse pilot to our chief officer group."),
    ("How do officers and clinicians share information on the spot?",
     "Clinician in the control room sees the call log and health records together, in real time.",
     "Map which of our calls would have reached a clinician under their model."),
    ("What did it cost and what did it save?",
     "Detentions under section 136 fell by a third in the first year.",
     "Ask our analysts for our section 136 figures to build the business case."),
    ("What did it cost and what did it save?",
     "The trust pays half the nurse posts because A&E attendances fell.",
     "Open a conversation with our local trust about sharing the cost."),
]


def has_content():
    return Visit.objects.exists()


def load(*, stdout, options):
    if Visit.objects.exists():
        stdout.write("Visits: already loaded.")
        return
    with transaction.atomic():
        staff = User.objects.get(email="staff@example.org")
        year = _programme_year(staff)
        host = _host()
        completed = _completed_visit(staff, year, host)
        planned = _planned_visit(staff, host)
    stdout.write(f"Visits: {year.name} with {year.members.count()} members; "
                 f"'{completed.title}' (completed) and '{planned.title}' (open for applications).")


def _programme_year(staff):
    today = timezone.localdate()
    start = datetime.date(today.year if today.month >= 4 else today.year - 1, 4, 1)
    year = domain.create_programme_year(actor=staff, name=f"{start.year} to {start.year + 1}",
                                        starts_on=start, ends_on=datetime.date(start.year + 1, 3, 31))
    for slug in FORCES.values():
        domain.add_member(actor=staff, programme_year=year,
                          organisation=Organisation.objects.get(slug=slug))
    return year


def _host():
    host, _ = Organisation.objects.get_or_create(slug="bristol-mental-health-nhs-trust", defaults={
        "name": HOST_NAME, "type": OrganisationType.PUBLIC_SECTOR, "region": "south_west"})
    return host


def _visit_data(host, **changes):
    now = timezone.now()
    return {"theme": "Mental health and policing", "host_organisation": host,
            "host_contact_name": "Dr Priya Shah", "host_contact_email": "priya.shah@example.org",
            "venue": "Control room, Bristol", "capacity": 6, "min_per_force": 2,
            "applications_open": now - datetime.timedelta(days=1),
            "applications_close": now + datetime.timedelta(days=21), **changes}


def _apply(visit, key, questions):
    lead = User.objects.get(email=f"lead.{key}@example.org")
    member = User.objects.get(email=f"member.{key}@example.org")
    domain.apply(visit=visit, lead=lead, visitors=[
        {"email": lead.email, "role": "Organisation lead", "questions": questions},
        {"email": member.email, "role": "Inspector, response", "questions": ""}])


def _completed_visit(staff, year, host):
    visit = domain.create_visit(actor=staff, data=_visit_data(
        host, programme_year=year, title="Street triage with a control-room clinician",
        description="The trust and its police force put a mental health nurse in the force "
                    "control room, so calls about people in crisis get clinical advice at once.",
        key_questions="How do officers and clinicians share information on the spot?\n"
                      "What did it cost and what did it save?"))
    domain.change_state(visit=visit, action="open_applications", actor=staff)
    for key in ("kent", "essex", "merseyside", "lancashire"):
        _apply(visit, key, "How do you share information on the spot?\nWhat did it cost?")
    visit_day = timezone.localdate() - datetime.timedelta(days=24)
    domain.update_visit(actor=staff, visit=visit, data={
        "date": visit_day,
        "applications_open": timezone.now() - datetime.timedelta(days=70),
        "applications_close": timezone.now() - datetime.timedelta(days=40)})
    domain.run_allocation(visit=visit, actor=staff)
    domain.schedule_preparation_call(
        visit=visit, actor=staff, duration_minutes=60, joining_details="Teams: meeting 123 456 789",
        starts_at=timezone.now() - datetime.timedelta(days=31))
    visit = domain.change_state(visit=visit, action="mark_visited", actor=staff)
    placed = list(visit.visitors.filter(place="placed").select_related("user"))
    for visitor, (question, learning, apply_it) in zip(placed, LEARNING, strict=False):
        domain.record_learning_point(visit=visit, actor=visitor.user, question=question,
                                     key_learning=learning, how_to_apply=apply_it)
    domain.draft_host_report(visit=visit, actor=staff)
    domain.send_host_report(visit=visit, actor=staff)
    visit = domain.change_state(visit=visit, action="start_follow_up", actor=staff)
    _check_ins(visit)
    domain.publish_short_report(visit=visit, actor=staff, body=(
        "**Themes:** mental health triage, information sharing, joint funding.\n\n"
        "**Key learning:** a clinician in the control room cut detentions under section 136 "
        "by a third.\n\n**What visitors will apply:** control-room pilots in two forces and a "
        "shared business case with local NHS trusts."))
    return visit


def _check_ins(visit):
    for check_in in CheckIn.objects.filter(visitor__visit=visit, week__lte=3).select_related(
            "visitor__user"):
        domain.complete_check_in(
            check_in=check_in, actor=check_in.visitor.user,
            applied="Shared the learning with our control room managers.",
            obstacles="Funding for a nurse post." if check_in.week == 3 else "",
            wants_help=check_in.week == 3 and check_in.visitor.user.email.startswith("lead.kent"),
            help_note="An introduction to the trust's finance lead.")


def _planned_visit(staff, host):
    visit = domain.create_visit(actor=staff, data=_visit_data(
        host, title="Trauma-informed custody", theme="Vulnerability and custody",
        date=timezone.localdate() + datetime.timedelta(days=60),
        description="How a custody suite redesigned its booking-in process with health partners.",
        key_questions="What changed at booking-in?\nHow were staff trained?"))
    return domain.change_state(visit=visit, action="open_applications", actor=staff)

