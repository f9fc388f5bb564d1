"""Demo content for Learning the Lessons: three published issues of invented, anonymised cases.

Every case here is made up for the demo: no person, force or event is real. Each goes through
the domain (drafted by one editor, published by a second), so the demo passes the same
anonymisation gate and workflow as real work.
"""

from datetime import date

from django.contrib.auth.models import Group
from django.contrib.humanize.templatetags.humanize import apnumber
from django.db import transaction
from django.utils import timezone

from exchange.common.management.commands.seed_demo import DEMO_PASSWORD
from exchange.common.models import Topic
from exchange.people.enums import StaffRole
from exchange.people.models import User

from . import domain
from .models import LessonsIssue

SECOND_EDITOR = ("editor@example.org", "Eden Editor")

ISSUES = [
    {
        "number": 41, "theme": "mental-health", "title": "Mental health and vulnerability",
        "publication_date": date(2025, 6, 12),
        "cover_summary": "{Count} cases where people in mental health crisis met the police, "
                         "and what forces changed afterwards.",
        "introduction": "Around one in five calls to the police involves someone who is "
                        "vulnerable because of their mental health. The cases in this issue "
                        "show how small decisions early on shape what happens next.\n\n"
                        "Use the questions with your team: there is rarely one right answer.",
        "article": {"kind": "spotlight", "title": "A street triage car that also takes calls",
                    "author_name": "Force mental health lead", "author_role": "Superintendent",
                    "standfirst": "One force put a mental health nurse in the control room as "
                                  "well as in the car. Here is what happened.",
                    "body": "For a year, a mental health nurse worked three evening shifts a "
                            "week in the control room. Call handlers could ask for advice "
                            "before deciding to deploy.\n\nDetentions under section 136 fell "
                            "by a quarter over the year, and officers said they felt better "
                            "supported."},
        "cases": [
            {"title": "A welfare check that was closed too early",
             "themes": ["mental-health", "call-handling"],
             "roles": ["call_handlers", "supervisors"],
             "summary": "A relative called to say a man in his forties had stopped answering "
                        "his phone after saying he could not go on. The call was graded for a "
                        "scheduled appointment. Two calls later the same evening were linked to "
                        "the first log but not re-graded.",
             "findings": "The call handler did not use the force's risk assessment model. The "
                         "supervisor reviewing the queue did not read the linked calls.",
             "key_learning": "Each new call about the same person is new information: grade "
                             "the risk again rather than inherit the first grading.",
             "action_taken": "The force changed its command and control system so that a linked "
                             "call prompts a fresh risk assessment.",
             "outcome_for_individuals": "The call handler received reflective practice; the "
                                        "supervisor received management action.",
             "questions": {
                 "managers": ["How do supervisors in your control room review queued calls?"],
                 "policy_makers": ["Does your policy say when a linked call must be re-graded?"],
                 "trainers": ["How do you teach call handlers to spot escalating risk?"],
                 "officers_staff": ["What would you have done differently on the third call?"]}},
            {"title": "Restraint of a man in mental health crisis",
             "themes": ["mental-health", "custody"],
             "roles": ["frontline_officers", "supervisors"],
             "summary": "Officers restrained a man who was distressed and shouting in a shop. "
                        "He was held face down for several minutes while they waited for a van.",
             "findings": "Officers recognised the signs of acute behavioural disturbance late. "
                         "An ambulance was not requested until the man became unresponsive.",
             "key_learning": "Treat acute behavioural disturbance as a medical emergency and "
                             "get the person out of the prone position as soon as possible.",
             "action_taken": "Refresher training on positional asphyxia for all response "
                             "officers; new guidance on requesting an ambulance early.",
             "outcome_for_individuals": "Two officers attended a misconduct meeting; the case "
                                        "was found not proven.",
             "questions": {
                 "managers": ["How do you check that restraint training is put into practice?"],
                 "policy_makers": ["What does your guidance say about calling an ambulance?"],
                 "trainers": ["How realistic are your scenarios on restraint and breathing?"],
                 "officers_staff": ["Which signs would tell you this is a medical emergency?"]}},
        ],
    },
    {
        "number": 42, "theme": "custody", "title": "Safer custody",
        "publication_date": date(2025, 10, 2),
        "cover_summary": "Checks, handovers and healthcare: the everyday routines that keep "
                         "detainees safe.",
        "introduction": "Most deaths and serious injuries in custody follow missed checks or "
                        "a handover that lost information. This issue looks at {count} of them.",
        "article": {"kind": "stakeholder", "title": "What families told us about custody",
                    "author_name": "A family liaison charity", "author_role": "",
                    "standfirst": "Families want to know what happened, quickly and plainly.",
                    "body": "Families we support say that the hardest part is not knowing. "
                            "Early, honest contact from the force made the biggest difference."},
        "cases": [
            {"title": "Rousing checks recorded but not done",
             "themes": ["custody"], "roles": ["custody_staff", "supervisors"],
             "summary": "A detainee assessed as needing rousing checks every thirty minutes was "
                        "found unresponsive. The custody record showed checks that CCTV "
                        "showed had not happened.",
             "findings": "Detention officers had recorded checks from the corridor without "
                         "entering the cell or getting a response.",
             "key_learning": "A rousing check needs a response from the detainee. Recording a "
                             "check that did not happen is a conduct matter.",
             "action_taken": "Dip sampling of CCTV against custody records every week.",
             "outcome_for_individuals": "Two detention officers were dismissed after a gross "
                                        "misconduct hearing.",
             "questions": {
                 "managers": ["How would you know if checks were being recorded but not done?"],
                 "policy_makers": ["Is your definition of a rousing check clear to everyone?"],
                 "trainers": ["How do you train staff to carry out a proper rousing check?"],
                 "officers_staff": ["What would you do if a colleague asked you to sign for a "
                                    "check you did not see?"]}},
            {"title": "Medication lost at shift handover",
             "themes": ["custody", "mental-health"], "roles": ["custody_staff"],
             "summary": "A detainee told the booking-in sergeant that she needed medication at "
                        "night. The information was not passed on at the shift change.",
             "findings": "The handover was verbal and no entry was made on the risk assessment.",
             "key_learning": "Written handovers prevent information from being lost at shift "
                             "changes.",
             "action_taken": "A structured handover template is now mandatory in every suite.",
             "outcome_for_individuals": "The sergeant received reflective practice.",
             "questions": {
                 "managers": ["How do you assure the quality of handovers in your suites?"],
                 "policy_makers": ["Should healthcare professionals attend every handover?"],
                 "trainers": ["What makes a good handover, and how do you practise it?"],
                 "officers_staff": ["What do you write down at handover, and what do you only "
                                    "say?"]}},
        ],
    },
    {
        "number": 43, "theme": "road-safety", "title": "Roads policing and pursuits",
        "publication_date": date(2026, 2, 19),
        "cover_summary": "Pursuits, collisions and the decisions made at speed.",
        "introduction": "A pursuit is one of the riskiest things an officer does. The cases in "
                        "this issue show why the authorisation and the ending matter as much "
                        "as the driving.",
        "article": {"kind": "spotlight", "title": "Tactical options before the pursuit starts",
                    "author_name": "Roads policing unit", "author_role": "",
                    "standfirst": "A force that plans tactical options at the start of every "
                                  "pursuit.",
                    "body": "Control room inspectors now ask for a tactical plan within the "
                            "first minute of any pursuit, and pursuits are shorter as a result."},
        "cases": [
            {"title": "A pursuit that continued after authorisation was withdrawn",
             "themes": ["road-safety"], "roles": ["frontline_officers", "roads_policing"],
             "summary": "A response driver continued to follow a car after the control room "
                        "withdrew authorisation. The car later crashed into a wall.",
             "findings": "The officer said he did not hear the message. The radio recording "
                         "shows it was acknowledged by his colleague.",
             "key_learning": "When authorisation is withdrawn, every vehicle involved must "
                             "confirm and stop.",
             "action_taken": "Radio procedure now requires each driver to acknowledge "
                             "withdrawal in person.",
             "outcome_for_individuals": "The driver was given a final written warning.",
             "questions": {
                 "managers": ["How do you review pursuits that ended in a collision?"],
                 "policy_makers": ["Does your pursuit policy say who must confirm withdrawal?"],
                 "trainers": ["How do you train drivers to listen to the radio at speed?"],
                 "officers_staff": ["What would you do if you were not sure you heard the "
                                    "control room?"]}},
            {"title": "A collision at a junction on blue lights",
             "themes": ["road-safety"], "roles": ["frontline_officers", "supervisors"],
             "summary": "A marked car responding to an emergency call went through a red light "
                        "and collided with a van. The van driver was seriously injured.",
             "findings": "The car was travelling faster than the driver's training allowed "
                         "through a junction with limited visibility.",
             "key_learning": "Exemptions do not remove the duty to drive with care; slow down "
                             "at junctions.",
             "action_taken": "Telematics data is now reviewed after every collision.",
             "outcome_for_individuals": "The officer was prosecuted and convicted of careless "
                                        "driving.",
             "questions": {
                 "managers": ["How do you use telematics to support safer driving?"],
                 "policy_makers": ["How does your force balance response times and safety?"],
                 "trainers": ["How do you teach drivers to approach junctions on blue lights?"],
                 "officers_staff": ["How do you decide how fast to go through a junction?"]}},
        ],
    },
]


def has_content():
    return LessonsIssue.objects.exists()


def load(*, stdout, options):
    """Create the demo issues unless there are some already. Side effects: a second editor
    account, issues, cases, questions, articles, the activity log; the emails the domain
    queues are deleted again."""
    if has_content():
        stdout.write("Learning the Lessons: issues exist already, none added.")
        return
    author = User.objects.holding_staff_role(StaffRole.EDITOR).order_by("pk").first()
    if author is None:
        stdout.write("Learning the Lessons: no editor account to write with, none added.")
        return
    second = second_editor()
    with transaction.atomic():
        for spec in ISSUES:
            create_issue(spec, author=author, reviewer=second)
    stdout.write(f"Learning the Lessons: {len(ISSUES)} issues published; "
                 f"second editor {second.email}.")


def second_editor():
    email, name = SECOND_EDITOR
    user, created = User.objects.get_or_create(email=email, defaults={
        "full_name": name, "is_staff": True, "email_verified_at": timezone.now()})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get_or_create(name=StaffRole.EDITOR)[0])
    return user


def with_case_count(text, cases):
    """``text`` with ``{count}`` / ``{Count}`` replaced by how many cases the issue has, in
    words: a number typed into the text goes wrong as soon as a case is added or dropped."""
    count = apnumber(len(cases))
    return text.format(count=count, Count=count.capitalize())


def create_issue(spec, *, author, reviewer):
    topics = {t.slug: t for t in Topic.objects.all()}
    issue = domain.create_issue(actor=author, data={
        "number": spec["number"], "theme": topics[spec["theme"]], "title": spec["title"],
        "publication_date": spec["publication_date"],
        "cover_summary": with_case_count(spec["cover_summary"], spec["cases"]),
        "introduction": with_case_count(spec["introduction"], spec["cases"])})
    for position, case in enumerate(spec["cases"], start=1):
        data = {key: case[key] for key in ["title", "summary", "findings", "key_learning",
                                           "action_taken", "outcome_for_individuals"]}
        data.update(issue=issue, position=position, roles=case["roles"],
                    themes=[topics[slug] for slug in case["themes"] if slug in topics])
        domain.save_case_study(actor=author, data=data, questions=case["questions"])
    domain.save_article(actor=author, issue=issue, data={**spec["article"], "position": 1})
    domain.submit_for_review(subject=issue, actor=author)
    domain.publish(subject=issue, actor=reviewer, note="Demo issue")
    return issue
