"""Demo small grants for `manage.py seed_demo`: an open call (Kent's application submitted,
Essex's a draft) and a decided call (a panel of two scored both applications; Kent's funded, with
a progress report due soon, and Essex's not). Everything goes through the domain functions, so
the history reads as if it happened.

The calls belong to the visits programme year, whose demo runs after this one (apps load in
alphabetical order): its loader is asked first. It does nothing when visits are loaded already.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from exchange.people.models import Organisation, User
from exchange.visits import demo as visits_demo
from exchange.visits.models import ProgrammeYear

from .domain import applications as applying
from .domain import assessment, calls, decisions, progress
from .models import GrantCall

CRITERIA = [
    {"name": "Need", "weight": 2,
     "description": "Is the problem real, local and evidenced?"},
    {"name": "Method", "weight": 3,
     "description": "Will the project's method change what it sets out to change?"},
    {"name": "Evaluation", "weight": 3,
     "description": "Will the organisation know whether it worked, and could others copy it?"},
    {"name": "Value for money", "weight": 2, "description": "Is the budget proportionate?"},
]
KENT_PROJECT = {
    "project_title": "Street triage with a mental health nurse on the late shift",
    "aims": "Fewer people detained under section 136 on Friday and Saturday nights, and fewer "
            "hours officers spend waiting in A&E with someone in crisis.",
    "method": "A mental health nurse rides with the late-shift response team in Medway for six "
              "months, three nights a week. The control room flags mental health calls to the car.",
    "evaluation_plan": "Compare section 136 detentions and A&E waits with the same months last "
                       "year and with a matched district without the nurse.",
    "partners": "Calm Minds (with Avon NHS Trust)\nMedway Council community safety team",
}
ESSEX_PROJECT = {
    "project_title": "Drone footage for missing person searches",
    "aims": "Find high-risk missing people sooner in rural areas.",
    "method": "Train four officers to fly and review footage within the first hour.",
    "evaluation_plan": "Time to find, against the last two years' rural searches.",
    "partners": "Essex Search and Rescue; Essex County Fire and Rescue Service",
}
SCORES = {"kent": [(4, 5, 4, 4), (5, 4, 4, 3)], "essex": [(3, 2, 2, 3), (2, 3, 1, 3)]}


def has_content():
    return GrantCall.objects.exists()


def load(*, stdout, options):
    if GrantCall.objects.exists():
        stdout.write("Small grants: already loaded.")
        return
    visits_demo.load(stdout=stdout, options=options)
    with transaction.atomic():
        staff = User.objects.get(email="staff@example.org")
        admin = User.objects.get(email="admin@example.org")
        year = _programme_year(staff)
        decided = _decided_call(staff, admin, year)
        opened = _open_call(staff, year)
    stdout.write(f"Small grants: '{opened.title}' (open) and '{decided.title}' (decided).")


def _programme_year(staff):
    year = ProgrammeYear.objects.current() or ProgrammeYear.objects.order_by("-starts_on").first()
    if year is None:
        today = timezone.localdate()
        year = ProgrammeYear.objects.create(name=f"Small grants {today.year}",
                                            starts_on=today - datetime.timedelta(days=200),
                                            ends_on=today + datetime.timedelta(days=165))
    for key in ("kent", "essex"):
        year.memberships.get_or_create(organisation=_force(key), defaults={"added_by": staff})
    return year


def _force(key):
    return Organisation.objects.get(slug=visits_demo.FORCES[key])


def _lead(key):
    return User.objects.get(email=f"lead.{key}@example.org")


def _call(staff, year, *, title, opens, days_open, **changes):
    return calls.create_call(
        actor=staff, criteria=CRITERIA, title=title, programme_year=year, opens_at=opens,
        deadline=opens + datetime.timedelta(days=days_open), amount_min=2000, amount_max=15000,
        aims=changes.get("aims", "Try an improvement and find out whether it works."),
        eligibility="Member organisations of the peer learning programme, applying through "
                    "their lead. One application per organisation. Partners from health, "
                    "councils and charities are welcome.")


def _apply(call, key, project, lines, *, at, submit=True):
    lead = _lead(key)
    application = applying.start_application(call=call, organisation=_force(key), actor=lead,
                                             now=at)
    applying.save_draft(application=application, actor=lead, budget_lines=lines, **project)
    if submit:
        application = applying.submit_application(application=application, actor=lead,
                                                  now=at + datetime.timedelta(days=2))
    return application


def _decided_call(staff, admin, year):
    now = timezone.now()
    opens = now - datetime.timedelta(days=150)
    call = _call(staff, year, title="Small grants 2025: mental health and policing", opens=opens,
                 days_open=60, aims="Projects that change how police and health services "
                 "respond together to people in mental health crisis.")
    calls.change_call_state(call=call, action="open", actor=staff)
    at = opens + datetime.timedelta(days=10)
    kent = _apply(call, "kent", KENT_PROJECT, [("Nurse sessions, 72 nights", 9000),
                                               ("Analyst time for the evaluation", 2500)], at=at)
    essex = _apply(call, "essex", ESSEX_PROJECT, [("Drone pilot training", 4000),
                                                  ("Footage review software", 3500)], at=at)
    calls.change_call_state(call=call, action="close_for_assessment", actor=staff)
    criteria = list(call.criteria.all())
    for key, application in (("kent", kent), ("essex", essex)):
        assignments = assessment.set_panel(application=application, actor=staff,
                                           assessors=[staff, admin])
        for assignment, given in zip(assignments, SCORES[key], strict=True):
            assessment.save_scores(
                assignment=assignment, actor=assignment.assessor,
                scores={c.pk: (s, f"{c.name}: {'strong' if s >= 4 else 'thin'} in the bid.")
                        for c, s in zip(criteria, given, strict=True)})
    kent = decisions.record_decision(application=kent, actor=staff, funded=True, amount_awarded=11500,
                              feedback="A clear method and a fair comparison. The panel would "
                              "like the evaluation to count repeat callers too.")
    decisions.record_decision(application=essex, actor=staff, funded=False,
                              feedback="A good idea, but the evaluation cannot tell the drone's "
                              "effect from the search team's. Please apply again with a "
                              "comparison group.")
    today = timezone.localdate()
    progress.add_report_date(application=kent, actor=staff,
                             due_on=today + datetime.timedelta(days=10))
    progress.add_report_date(application=kent, actor=staff, is_final=True,
                             due_on=today + datetime.timedelta(days=120))
    return call


def _open_call(staff, year):
    now = timezone.now()
    call = _call(staff, year, title="Small grants 2026: problem solving in neighbourhoods",
                 opens=now - datetime.timedelta(days=14), days_open=60,
                 aims="Neighbourhood teams trying a problem-solving approach to a local "
                      "problem, and measuring what changes.")
    calls.change_call_state(call=call, action="open", actor=staff)
    _apply(call, "kent", {
        "project_title": "Fewer repeat calls from the Parade shops",
        "aims": "Halve the repeat calls about anti-social behaviour at the Parade, Margate.",
        "method": "A SARA problem-solving plan with shopkeepers, the council and youth workers.",
        "evaluation_plan": "Calls for service and a shopkeepers' survey, before and after.",
        "partners": "Thanet District Council, Margate Youth Trust (with Kent County Council)",
    }, [("Youth worker sessions", 3000), ("CCTV review hours", 1500)], at=now)
    _apply(call, "essex", {"project_title": "Safer walking routes for night-time workers",
                           "aims": "Night-time workers feel and are safer walking home."},
           [("Lighting survey", 1200)], at=now, submit=False)
    return call
