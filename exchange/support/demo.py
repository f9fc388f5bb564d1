"""Demo peer support for `manage.py seed_demo`: a pool of about thirty peers across sectors (some
paused or away, a few specialist associates and applications waiting), including the demo
account peer@example.org; a Kent peer review being scoped; a completed Essex peer review with its
report, action plan and a progress review due; and a peer-matching group of four forces writing
their submissions.

The rows are written with the models directly and leave each object in the state its pages
expect, with an activity-log row for each main step, dated as if the work had happened."""

import datetime
from decimal import Decimal
from importlib import import_module

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from exchange.common.domain import log_activity
from exchange.common.management.commands.seed_demo import demo_user
from exchange.common.models import Activity, Topic
from exchange.people.enums import MembershipRole, MembershipStatus
from exchange.people.models import Membership, Organisation, User

from .enums import (
    ActionStatus,
    Delivery,
    GroupStatus,
    PeerKind,
    PeerStatus,
    QuestionStatus,
    RequestStatus,
    Sector,
    SupportType,
    TeamStatus,
)
from .models import (
    ActionPlanItem,
    Answer,
    DimensionScore,
    GroupForce,
    GuideQuestion,
    MatchingGroup,
    MatchingInterest,
    MatrixDimension,
    Peer,
    PeerAbsence,
    PeerConflict,
    ProgressReview,
    Recommendation,
    SelfAssessment,
    Submission,
    SupportRequest,
    TeamMember,
    TermsVersion,
)

PEER_EMAIL = "peer@example.org"
PEER_FORCE = "west-yorkshire-police"
FORCES = {"kent": "kent-police", "essex": "essex-police", "merseyside": "merseyside-police",
          "lancashire": "lancashire-constabulary"}
# The matrix ships in a migration; its dimensions' topics can only be linked once the topics
# exist, which on a new database is after seed_demo has loaded them.
MATRIX = import_module("exchange.support.migrations.0002_matrix").MATRIX

P, PUB, PRI, VOL = Sector.POLICE, Sector.PUBLIC, Sector.PRIVATE, Sector.VOLUNTARY
# name, sector, force slug or organisation name, rank or grade, expertise (topic slugs), extras.
PEERS = [
    ("Priya Peer", P, PEER_FORCE, "Inspector",
     ["investigations", "problem-solving", "demand-management"], {"email": PEER_EMAIL}),
    ("Daniel Okafor", P, "greater-manchester-police", "Detective Superintendent",
     ["investigations", "investigations-quality", "serious-organised-crime"], {"away": (40, 54)}),
    ("Helen Marsh", P, "avon-and-somerset-police", "Chief Inspector",
     ["neighbourhood-policing", "problem-solving", "anti-social-behaviour"], {"away": (10, 20)}),
    ("Tom Reilly", P, "northumbria-police", "Superintendent",
     ["contact-centre", "call-handling", "demand-management"], {}),
    ("Aisha Rahman", P, "west-midlands-police", "Police staff, head of change",
     ["managing-change", "leadership", "workforce-development"], {}),
    ("Gareth Evans", P, "south-wales-police", "Inspector",
     ["vulnerability", "mental-health", "missing-people"],
     {"conflict": ("kent-police", "Worked in Kent's public protection unit until 2024.")}),
    ("Fiona Campbell", P, "thames-valley-police", "Police staff, senior analyst",
     ["evidence-based-policing", "demand-management"], {"paused": 60}),
    ("Sarah Lindqvist", P, "hampshire-and-isle-of-wight-constabulary", "Detective Chief Inspector",
     ["domestic-abuse", "vulnerability", "victim-care"], {}),
    ("James Whitfield", P, "city-of-london-police", "Detective Inspector",
     ["fraud", "cyber-crime", "digital-forensics"], {}),
    ("Nadia Kowalski", P, "kent-police", "Chief Inspector", ["custody", "wellbeing"], {}),
    ("Owen Price", P, "essex-police", "Superintendent",
     ["knife-crime", "serious-violence", "youth-diversion"], {}),
    ("Claire Donovan", P, "cumbria-constabulary", "Police staff, HR business partner",
     ["recruitment-and-retention", "workforce-development", "wellbeing"], {}),
    ("Ian Fletcher", P, "derbyshire-constabulary", "Chief Superintendent",
     ["leadership", "managing-change", "public-order"], {"paused": 0}),
    ("Samir Haddad", P, "british-transport-police", "Inspector",
     ["county-lines", "child-exploitation", "drugs"],
     {"conflict": ("merseyside-police", "Seconded to Merseyside Police last year.")}),
    ("Kate Morgan", P, "dyfed-powys-police", "Police staff, continuous improvement lead",
     ["problem-solving", "evidence-based-policing", "managing-change"], {}),
    ("Laura Bennett", P, "sussex-police", "Inspector",
     ["counter-terrorism", "public-order"], {"travel": False}),
    ("Dr Grace Obi", PUB, "Leeds Teaching Hospitals NHS Trust", "Consultant psychiatrist",
     ["mental-health", "vulnerability"], {"days": 2}),
    ("Martin Shaw", PUB, "Birmingham City Council", "Head of community safety",
     ["anti-social-behaviour", "problem-solving", "youth-diversion"], {}),
    ("Joanne Pike", PUB, "HM Prison and Probation Service", "Senior probation officer",
     ["restorative-justice", "serious-violence"], {}),
    ("Dr Elena Rossi", PUB, "University of Leicester", "Senior lecturer in criminology",
     ["evidence-based-policing", "investigations-quality", "problem-solving"], {}),
    ("Chris Daniels", PRI, "Northgate Contact Solutions", "Operations director",
     ["contact-centre", "demand-management"], {}),
    ("Beth Howard", PRI, "Harbour Change Partners", "Organisational development consultant",
     ["managing-change", "leadership", "workforce-development"], {"away": (90, 97)}),
    ("Ravi Patel", PRI, "Sentinel Digital", "Head of digital investigations",
     ["digital-forensics", "cyber-crime"], {"travel": False}),
    ("Mary Quinn", VOL, "Safe Lives Together", "Service manager",
     ["domestic-abuse", "victim-care"], {}),
    ("Tariq Ahmed", VOL, "Youth Futures Trust", "Director", ["youth-diversion", "knife-crime"], {}),
    ("Sophie Green", VOL, "Missing Persons Helpline", "Head of partnerships",
     ["missing-people", "vulnerability"], {"paused": 30}),
    ("Professor Alan Hart", PUB, "Cardiff University", "Professor of policing",
     ["problem-solving", "evidence-based-policing"], {"kind": PeerKind.SPECIALIST_ASSOCIATE}),
    ("Deborah Lyle", P, "Independent (retired chief constable)", "Former chief constable",
     ["leadership", "managing-change"], {"kind": PeerKind.SPECIALIST_ASSOCIATE}),
    ("Neil Foster", PRI, "Foster Demand Analytics", "Demand modelling specialist",
     ["demand-management", "contact-centre"], {"kind": PeerKind.SPECIALIST_ASSOCIATE}),
    ("Hannah Cole", P, "lincolnshire-police", "Constable",
     ["neighbourhood-policing", "rural-crime"], {"status": PeerStatus.APPLIED}),
    ("Yusuf Ali", P, "bedfordshire-police", "Police staff, intelligence analyst",
     ["serious-organised-crime", "modern-slavery"], {"status": PeerStatus.APPLIED}),
    ("Emma Stone", VOL, "Rural Support Network", "Coordinator",
     ["rural-crime", "wellbeing"], {"status": PeerStatus.APPLIED}),
]

RECOMMENDATIONS = [
    ("Give each neighbourhood team a named problem-solving lead with protected time.",
     "Named leads in all 12 teams, with one day a fortnight protected.", "Chief Inspector, "
     "neighbourhoods", ActionStatus.DONE),
    ("Record problem-solving plans in one system that partners can see.",
     "Move plans from spreadsheets to the partnership system.", "Head of business change",
     ActionStatus.IN_PROGRESS),
    ("Review open plans every quarter at the district performance meeting.",
     "Add a standing item and a one-page summary to the meeting.", "District commanders",
     ActionStatus.IN_PROGRESS),
    ("Evaluate two plans a year and publish what worked to the practice bank.",
     "Ask the University of Essex to evaluate the first two plans.", "Evidence-based policing "
     "lead", ActionStatus.NOT_STARTED),
]
GUIDE_QUESTIONS = [
    "How does your force choose which problems to work on?",
    "Who writes a problem-solving plan, and who signs it off?",
    "How do partners take part in analysing a problem and responding to it?",
    "How do you know whether a response worked?",
    "What one thing would most improve problem solving in your force?",
]


def has_content():
    return Peer.objects.exists() or SupportRequest.objects.exists()


def load(*, stdout, options):
    """Link the matrix to its topics, then (once) add the pool, the requests and the group.
    Side effects: accounts for the peers (only peer@example.org can sign in), rows of every
    support model, activity-log rows."""
    link_matrix_topics()
    if has_content():
        stdout.write("Peer support: already loaded.")
        return
    with transaction.atomic():
        staff = User.objects.get(email="staff@example.org")
        peers = load_peers(staff)
        kent = kent_request(staff)
        essex = essex_review(staff, peers)
        group = matching_group(staff)
    in_pool = sum(peer.status == PeerStatus.APPROVED for peer in peers.values())
    stdout.write(f"Peer support: {len(peers)} peers ({in_pool} in the pool); a {kent.organisation} "
                 f"request in scoping; a completed {essex.organisation} peer review; "
                 f"'{group.title}' writing submissions.")


def link_matrix_topics():
    for name, _description, slugs, _levels in MATRIX:
        dimension = MatrixDimension.objects.filter(name=name).first()
        if dimension is not None and not dimension.topics.exists():
            dimension.topics.set(Topic.objects.filter(slug__in=slugs))


def days_ago(days):
    return timezone.now() - datetime.timedelta(days=days)


def record(subject, actor, verb, when, *, from_state="", to_state="", note=""):
    """An activity-log row dated ``when``, as if the step had happened then."""
    entry = log_activity(subject=subject, actor=actor, verb=verb, from_state=from_state,
                         to_state=to_state, note=note)
    Activity.objects.filter(pk=entry.pk).update(created_at=when)


def backdate(obj, when, field="created_at"):
    type(obj).objects.filter(pk=obj.pk).update(**{field: when})


# --- The pool ---------------------------------------------------------------------------------

def peer_account():
    """peer@example.org: a police inspector in a force the other demo accounts are not in."""
    user = demo_user(PEER_EMAIL, "Priya Peer")
    Membership.objects.get_or_create(
        user=user, organisation=Organisation.objects.get(slug=PEER_FORCE), defaults={
            "role": MembershipRole.MEMBER, "status": MembershipStatus.ACTIVE,
            "decided_at": timezone.now()})
    return user


def load_peers(staff):
    """Every peer of :data:`PEERS`, by name."""
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    forces = {force.slug: force for force in Organisation.objects.filter(
        slug__in=[where for _, _, where, *_ in PEERS])}
    today = timezone.localdate()
    peers = {}
    for number, (name, sector, where, rank, expertise, extra) in enumerate(PEERS):
        user = peer_account() if extra.get("email") == PEER_EMAIL else _peer_user(name)
        peer = Peer.objects.create(
            user=user, kind=extra.get("kind", PeerKind.PEER),
            status=extra.get("status", PeerStatus.APPROVED), sector=sector,
            organisation=forces.get(where),
            organisation_name="" if where in forces else where, rank_or_grade=rank,
            statement=f"{rank} with experience of {_words(expertise, topics)}. Happy to share "
                      "what worked and what did not.",
            days_per_quarter=extra.get("days", 3), can_travel=extra.get("travel", True),
            paused="paused" in extra, paused_until=today + datetime.timedelta(
                days=extra["paused"]) if extra.get("paused") else None)
        peer.expertise.set([topics[slug] for slug in expertise if slug in topics])
        waiting = peer.status == PeerStatus.APPLIED
        _decide_and_log(peer, staff, applied=days_ago(3 + number % 5 if waiting else 400 - number * 7))
        if "away" in extra:
            first, last = extra["away"]
            PeerAbsence.objects.create(peer=peer, starts_on=today + datetime.timedelta(days=first),
                                       ends_on=today + datetime.timedelta(days=last))
        if "conflict" in extra:
            slug, reason = extra["conflict"]
            PeerConflict.objects.create(peer=peer, reason=reason,
                                        organisation=Organisation.objects.get(slug=slug))
        peers[name] = peer
    return peers


def _peer_user(name):
    user, created = User.objects.get_or_create(
        email=f"{slugify(name.removeprefix('Dr ').removeprefix('Professor '))}@peers.example.org",
        defaults={"full_name": name, "email_verified_at": timezone.now()})
    if created:
        # Only peer@example.org signs in; the rest of the pool is there to be found and ranked.
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _words(slugs, topics):
    names = [topics[slug].name.lower() for slug in slugs if slug in topics]
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def _decide_and_log(peer, staff, *, applied):
    backdate(peer, applied)
    if peer.kind == PeerKind.SPECIALIST_ASSOCIATE:
        decided = applied
        record(peer, staff, "appoint", decided, to_state=PeerStatus.APPROVED)
    else:
        record(peer, peer.user, "apply", applied, to_state=PeerStatus.APPLIED)
        if peer.status == PeerStatus.APPLIED:
            return
        decided = applied + datetime.timedelta(days=12)
        record(peer, staff, "approve", decided, from_state=PeerStatus.APPLIED,
               to_state=PeerStatus.APPROVED)
    Peer.objects.filter(pk=peer.pk).update(decided_at=decided, decided_by=staff)
    if peer.paused:
        record(peer, peer.user, "pause", days_ago(5))


# --- A Kent peer review being scoped ------------------------------------------------------------

def kent_request(staff):
    lead = User.objects.get(email="lead.kent@example.org")
    today = timezone.localdate()
    request = SupportRequest.objects.create(
        organisation=lead.organisation, requested_by=lead, support_type=SupportType.PEER_REVIEW,
        delivery=Delivery.ON_SITE, status=RequestStatus.SCOPING,
        issue="Investigations of volume crime take too long to reach a charging decision. Files "
              "wait between teams, and victims lose confidence while they wait.",
        success="Files reach the Crown Prosecution Service in half the time, and victims are "
                "updated at every step.",
        preferred_from=today + datetime.timedelta(days=60),
        preferred_to=today + datetime.timedelta(days=90),
        dates_note="Not in the school summer holidays.")
    request.topics.set(Topic.objects.filter(
        slug__in=["investigations", "investigations-quality", "demand-management"]))
    backdate(request, days_ago(20))
    record(request, lead, "request", days_ago(20), to_state=RequestStatus.SUBMITTED)
    record(request, staff, "start_scoping", days_ago(15), from_state=RequestStatus.SUBMITTED,
           to_state=RequestStatus.SCOPING)
    _terms(request, staff, 1, days_ago(14), team_size=4,
                   scope="Investigation file quality across the force.")
    second = _terms(request, staff, 2, days_ago(5), team_size=3,
                    scope="Investigation file quality in the two largest districts, from first "
                          "report to the charging decision.",
                    note="Narrowed to two districts after the scoping call.")
    TermsVersion.objects.filter(pk=second.pk).update(accepted_by_staff=staff,
                                                     accepted_by_staff_at=days_ago(4))
    record(request, staff, "accept_terms", days_ago(4), note=f"{second}, by programme staff")
    assessment(request.organisation, lead, days_ago(10), request=request, level=2)
    return request


def _terms(request, staff, number, when, *, scope, team_size, note="", starts_on=None):
    terms = TermsVersion.objects.create(
        request=request, number=number, scope=scope, written_by=staff, team_size=team_size,
        note=note, starts_on=starts_on,
        ends_on=starts_on + datetime.timedelta(days=2) if starts_on else None,
        questions="Where do files wait, and why?\nWhat do supervisors check, and when?",
        deliverables="A confidential report with findings and recommendations, and a feedback "
                     "session with the chief officer team.")
    backdate(terms, when)
    record(request, staff, "propose_terms", when, note=str(terms))
    return terms


def assessment(organisation, lead, when, *, request=None, level=2, target=4):
    """A submitted self-assessment scoring every dimension; better where the force is strong."""
    done = SelfAssessment.objects.create(organisation=organisation, completed_by=lead,
                                         request=request, submitted_at=when)
    SelfAssessment.objects.filter(pk=done.pk).update(created_at=when, updated_at=when)
    DimensionScore.objects.bulk_create(
        DimensionScore(assessment=done, dimension=dimension,
                       level=min(level + (order % 2), 5), target=target,
                       evidence=f"From our last inspection and a workshop with {dimension.name.lower()} "
                                "leads.")
        for order, dimension in enumerate(MatrixDimension.objects.filter(active=True)))
    record(done, lead, "assess", when)
    return done


# --- A completed Essex peer review --------------------------------------------------------------

def months_before(day, months):
    month = day.month - months
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


def at(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10)))


def essex_review(staff, peers):
    """Asked for a year ago; the report went out ten months before its progress review, which
    is due in three weeks (its reminder not yet sent)."""
    lead = User.objects.get(email="lead.essex@example.org")
    review_due = timezone.localdate() + datetime.timedelta(days=21)
    issued = months_before(review_due, 10)
    starts = issued - datetime.timedelta(days=30)
    created = starts - datetime.timedelta(days=60)
    request = _essex_request(lead, starts=starts, issued=issued)
    backdate(request, at(created))
    record(request, lead, "request", at(created), to_state=RequestStatus.SUBMITTED)
    record(request, staff, "start_scoping", at(created + datetime.timedelta(days=5)),
           from_state=RequestStatus.SUBMITTED, to_state=RequestStatus.SCOPING)
    assessment(request.organisation, lead, at(created + datetime.timedelta(days=7)),
               request=request, level=1, target=3)
    agreed = _essex_terms(request, lead, staff, written=created + datetime.timedelta(days=10),
                          starts=starts)
    _team(request, staff, peers, invited=agreed + datetime.timedelta(days=3))
    record(request, staff, "start", at(starts), from_state=RequestStatus.AGREED,
           to_state=RequestStatus.UNDER_WAY)
    record(request, staff, "issue_report", at(issued), from_state=RequestStatus.UNDER_WAY,
           to_state=RequestStatus.FOLLOW_UP)
    _action_plan(request, lead, planned=at(issued + datetime.timedelta(days=30)))
    ProgressReview.objects.create(
        request=request, due_on=review_due,
        reminder_due_at=at(review_due - datetime.timedelta(days=14)))
    record(request, staff, "schedule_review", at(issued), note=f"Due {review_due:%-d %B %Y}")
    # A year after the first, the force scores itself again: better where the review helped.
    assessment(request.organisation, lead, days_ago(7), level=2, target=4)
    return request


def _essex_request(lead, *, starts, issued):
    request = SupportRequest.objects.create(
        organisation=lead.organisation, requested_by=lead, support_type=SupportType.PEER_REVIEW,
        delivery=Delivery.ON_SITE, status=RequestStatus.FOLLOW_UP,
        issue="Neighbourhood teams solve the same problems again and again. We want problem "
              "solving to be how neighbourhood policing works, not a project.",
        success="Every neighbourhood team runs problem-solving plans with partners and can show "
                "what changed.",
        preferred_from=starts - datetime.timedelta(days=14), preferred_to=starts,
        starts_on=starts, ends_on=starts + datetime.timedelta(days=2),
        agenda="Day 1: interviews with neighbourhood teams.\nDay 2: partners and analysts.\n"
               "Day 3: findings fed back to the chief officer team.",
        findings="## What works well\n\nOfficers know their areas and their partners well. "
                 "Several teams run plans that cut repeat calls.\n\n## What could be better\n\n"
                 "Plans live in personal spreadsheets, so nobody can see them all. Time for "
                 "problem solving is the first thing lost when demand rises, and few plans are "
                 "evaluated.",
        report_issued_at=at(issued))
    request.topics.set(Topic.objects.filter(
        slug__in=["problem-solving", "neighbourhood-policing", "evidence-based-policing"]))
    return request


def _essex_terms(request, lead, staff, *, written, starts):
    """One version, accepted by the force and then by staff, which agrees it; when it was."""
    terms = _terms(request, staff, 1, at(written), team_size=3, starts_on=starts,
                   scope="Problem solving in neighbourhood policing, in all three districts.")
    agreed = at(written + datetime.timedelta(days=4))
    TermsVersion.objects.filter(pk=terms.pk).update(
        accepted_by_force=lead, accepted_by_force_at=agreed - datetime.timedelta(days=1),
        accepted_by_staff=staff, accepted_by_staff_at=agreed)
    SupportRequest.objects.filter(pk=request.pk).update(agreed_terms=terms)
    record(request, lead, "accept_terms", agreed - datetime.timedelta(days=1),
           note=f"{terms}, by the force")
    record(request, staff, "accept_terms", agreed, note=f"{terms}, by programme staff")
    record(request, staff, "agree_terms", agreed, from_state=RequestStatus.SCOPING,
           to_state=RequestStatus.AGREED)
    return agreed


TEAM = [("Priya Peer", Decimal("22.5"), ["Knows 1 of the request's 3 topics: problem solving.",
                                         "Available on the dates.",
                                         "From a force not yet on the team."]),
        ("Helen Marsh", Decimal("24.0"), ["Knows 2 of the request's 3 topics: neighbourhood "
                                          "policing and problem solving.",
                                          "Available on the dates."]),
        ("Dr Elena Rossi", Decimal("21.0"), ["Knows 2 of the request's 3 topics: evidence-based "
                                             "policing and problem solving.",
                                             "Brings the public sector's view."])]


def _team(request, staff, peers, *, invited):
    for name, hours, reasons in TEAM:
        peer = peers[name]
        member = TeamMember.objects.create(
            request=request, peer=peer, status=TeamStatus.ACCEPTED, reasons=reasons,
            invited_by=staff, answered_at=invited + datetime.timedelta(days=2),
            days=Decimal("3.0"), hours=hours)
        backdate(member, invited, field="invited_at")
        record(request, staff, "invite", invited, note=str(peer))
        record(request, peer.user, "accept_invitation", invited + datetime.timedelta(days=2),
               note=str(peer))


def _action_plan(request, lead, *, planned):
    for number, (text, action, owner, status) in enumerate(RECOMMENDATIONS, start=1):
        recommendation = Recommendation.objects.create(request=request, number=number, text=text)
        ActionPlanItem.objects.create(
            recommendation=recommendation, action=action, owner=owner, status=status,
            due_on=planned.date() + datetime.timedelta(days=90 * number),
            progress="Done in every district." if status == ActionStatus.DONE else "")
    record(request, lead, "plan_actions", planned)


# --- A peer-matching group ------------------------------------------------------------------

def matching_group(staff):
    forces = {key: Organisation.objects.get(slug=slug) for key, slug in FORCES.items()}
    leads = {key: User.objects.get(email=f"lead.{key}@example.org") for key in FORCES}
    topic = Topic.objects.get(slug="problem-solving")
    group = MatchingGroup.objects.create(
        title=f"Problem solving: {timezone.localdate().year} group", topic=topic,
        status=GroupStatus.SUBMISSIONS, created_by=staff, guide_finalised_at=days_ago(20))
    backdate(group, days_ago(60))
    GroupForce.objects.bulk_create(GroupForce(group=group, organisation=force)
                                   for force in forces.values())
    MatchingInterest.objects.bulk_create(
        MatchingInterest(organisation=forces[key], topic=topic, requested_by=leads[key],
                         group=group, note="We want to learn how others run plans with partners.")
        for key in FORCES)
    record(group, staff, "form_group", days_ago(60), to_state=GroupStatus.FORMING)
    record(group, staff, "start_guide", days_ago(55), from_state=GroupStatus.FORMING,
           to_state=GroupStatus.GUIDE)
    questions = _guide(group, staff, forces, leads)
    record(group, staff, "finalise_guide", days_ago(20), from_state=GroupStatus.GUIDE,
           to_state=GroupStatus.SUBMISSIONS)
    for number, key in enumerate(FORCES):
        _submission(group, forces[key], leads[key], questions,
                    sent=days_ago(10 - 3 * number) if key != "lancashire" else None)
    return group


def _guide(group, staff, forces, leads):
    proposers = [(staff, None), *((leads[key], forces[key]) for key in FORCES)]
    GuideQuestion.objects.bulk_create(
        GuideQuestion(group=group, text=text, status=QuestionStatus.INCLUDED, order=order,
                      proposed_by=proposers[order % len(proposers)][0],
                      organisation=proposers[order % len(proposers)][1])
        for order, text in enumerate(GUIDE_QUESTIONS, start=1))
    GuideQuestion.objects.create(group=group, text="How many plans does each team run?",
                                 status=QuestionStatus.DROPPED, order=len(GUIDE_QUESTIONS) + 1,
                                 proposed_by=leads["merseyside"],
                                 organisation=forces["merseyside"])
    return list(GuideQuestion.objects.filter(group=group, status=QuestionStatus.INCLUDED))


# Each force's answer to the first question; the others get the shared answers below.
ANSWERS = {
    "kent": "Each district picks its top three problems from repeat-call data every quarter.",
    "essex": "Since our peer review, every neighbourhood team has a named problem-solving lead "
             "who chooses problems with partners.",
    "merseyside": "Partners sit on a monthly problem-solving panel that chooses the problems.",
    "lancashire": "Neighbourhood sergeants choose, mostly from complaints by residents.",
}
LATER_ANSWERS = [
    "The neighbourhood sergeant writes the plan; an inspector signs it off.",
    "Partners join the analysis at a monthly meeting and each takes actions in the plan.",
    "We compare calls and crimes before and after, but rarely for longer than three months.",
    "Protected time for the officers who lead plans.",
]


def _submission(group, force, lead, questions, *, sent):
    key = next(key for key, slug in FORCES.items() if slug == force.slug)
    submission = Submission.objects.create(
        group=group, organisation=force, written_by=lead, submitted_at=sent,
        interests="How partners take part in analysing problems; evaluating plans.")
    answered = questions if sent else questions[:2]
    Answer.objects.bulk_create(
        Answer(submission=submission, question=question,
               text=ANSWERS[key] if number == 0 else LATER_ANSWERS[number - 1])
        for number, question in enumerate(answered))
    if sent:
        record(group, lead, "submit", sent, note=str(force))
