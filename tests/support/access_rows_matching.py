"""The matching rows of peer support's access table (merged by access_rows.py).

A group's material is for organisers and the leads of its forces (Kent and Essex here; Kent's
lead is the only lead among the people). Everyone else, Kent's members, Essex's member and the
reviewer and editor too, gets 404, as if the group did not exist. Organisers run the group;
only a force's lead writes its submission (an organiser is refused with 403).
"""

import datetime

from django.utils import timezone

from exchange.common.models import Topic
from exchange.support.enums import GroupStatus, QuestionStatus
from exchange.support.models import (
    GroupForce,
    GuideQuestion,
    HostDay,
    MatchingGroup,
    MatchingInterest,
    Submission,
)
from tests.access import EVERYONE, Case, Pk, expect, fresh, get, only, post

# The group's people: Kent's lead and organisers; nobody else learns the group exists.
IN_GROUP = expect(404, lead=200, organisers=200)
ORGANISERS_IN_GROUP = expect(404, lead=403, organisers=302)
ORGANISERS_PAGE_IN_GROUP = expect(404, lead=403, organisers=200)


class HostReport(str):
    """The ``which`` of a host day's report download: ``host-<the day's pk>``."""

    def resolve(self, objects):
        return f"host-{getattr(objects, self).pk}"


def _api(path, *args, expected, data, done=None, label=""):
    return Case((path, *args), expected, label, method="post", data=data, done=done)


def _group_is(name, status):
    return lambda objects: fresh(getattr(objects, name)).status == status


def _answers(objects):
    return {"answers": {str(objects.submission_question.pk): "We triage by harm."}}


ROWS = {
    "support:matching": [get("support:matching", expected=EVERYONE)],
    "support:matching-join": [
        get("support:matching-join", expected=only("lead", answer=405)),
        post("support:matching-join", expected=only("lead", answer=302),
             data={"topic": Pk("matching_topic")}, label="ask",
             done=lambda o: MatchingInterest.objects.filter(
                 organisation=o.force, topic=o.matching_topic).exists()),
    ],
    "support:group-new": [
        get("support:group-new", expected=only("organisers")),
        post("support:group-new", expected=only("organisers", answer=302), label="form",
             data=lambda o: {"title": "Neighbourhoods group", "topic": o.matching_topic.pk,
                             "organisations": [o.force.pk, o.other_force.pk]},
             done=lambda o: MatchingGroup.objects.filter(title="Neighbourhoods group").exists()),
    ],
    "support:group": [get("support:group", Pk("group"), expected=IN_GROUP)],
    "support:group-state": [
        get("support:group-state", Pk("group"), "finalise_guide",
            expected=ORGANISERS_PAGE_IN_GROUP),
        post("support:group-state", Pk("group"), "finalise_guide", label="finalise",
             expected=ORGANISERS_IN_GROUP, done=_group_is("group", GroupStatus.SUBMISSIONS)),
    ],
    "support:guide": [
        get("support:guide", Pk("group"), expected=IN_GROUP),
        post("support:guide", Pk("group"), label="propose",
             expected=expect(404, lead=302, organisers=302),
             data={"form": "propose", "propose-text": "Who decides what a problem is?"},
             done=lambda o: GuideQuestion.objects.filter(
                 text="Who decides what a problem is?").exists()),
    ],
    "support:submission": [
        get("support:submission", Pk("submissions_group"),
            expected=expect(404, lead=200, organisers=403)),
        post("support:submission", Pk("submissions_group"), label="save a draft",
             expected=expect(404, lead=302, organisers=403),
             data=lambda o: {f"question_{o.submission_question.pk}": "A draft answer.",
                             "save": "1"},
             done=lambda o: Submission.objects.filter(group=o.submissions_group,
                                                      organisation=o.force).exists()),
    ],
    "support:submissions": [get("support:submissions", Pk("group"), expected=IN_GROUP)],
    "support:host-days": [
        get("support:host-days", Pk("reporting_group"), expected=IN_GROUP),
        post("support:host-days", Pk("reporting_group"), label="schedule",
             expected=ORGANISERS_IN_GROUP,
             data=lambda o: {"host": o.other_force.pk, "date": "2030-03-04", "starts": "10:00",
                             "ends": "15:00", "venue": "Essex HQ, Chelmsford"},
             done=lambda o: HostDay.objects.filter(group=o.reporting_group,
                                                   host=o.other_force).exists()),
    ],
    "support:host-day-ics": [get("support:host-day-ics", Pk("host_day"), expected=IN_GROUP)],
    "support:group-reports": [
        get("support:group-reports", Pk("reporting_group"), expected=IN_GROUP),
        post("support:group-reports", Pk("reporting_group"), label="overall report",
             expected=ORGANISERS_IN_GROUP,
             data={"form": "overall", "overall-text": "## Themes\n\nEveryone triages."},
             done=lambda o: fresh(o.reporting_group).overall_report.startswith("## Themes")),
    ],
    "support:group-report-download": [
        get("support:group-report-download", Pk("reporting_group"), HostReport("host_day"),
            "pdf", expected=IN_GROUP, label="shared host day report"),
        # Not shared yet: organisers only, and the group's lead is not told it exists.
        get("support:group-report-download", Pk("reporting_group"), "overall", "docx",
            expected=expect(404, organisers=200), label="overall report, not shared"),
    ],
    "GET /api/v1/matching-groups": [
        get("/api/v1/matching-groups", expected=expect(200, anonymous=401))],
    "POST /api/v1/matching-groups": [
        _api("/api/v1/matching-groups", expected=only("organisers", answer=201, anonymous=401),
             data={"title": "API group", "topic": "problem-solving",
                   "forces": ["kent-police", "essex-police"]},
             done=lambda o: MatchingGroup.objects.filter(title="API group").exists()),
    ],
    "POST /api/v1/matching-groups/{group_id}/submissions": [
        _api("/api/v1/matching-groups/{}/submissions", Pk("submissions_group"), data=_answers,
             expected=expect(404, anonymous=401, lead=200, organisers=403),
             done=lambda o: Submission.objects.filter(group=o.submissions_group,
                                                      organisation=o.force).exists()),
    ],
}


def _group(title, status, objects):
    group = MatchingGroup.objects.create(title=title, topic=objects.topic, status=status,
                                         created_by=objects.people["organiser"])
    GroupForce.objects.bulk_create([GroupForce(group=group, organisation=objects.force),
                                    GroupForce(group=group, organisation=objects.other_force)])
    return group


def add_objects(objects):
    """Adds this area's objects to the shared namespace (which has force, other_force, people,
    topic, member_peer, request and group)."""
    objects.matching_topic, _ = Topic.objects.get_or_create(
        slug="neighbourhood-policing", defaults={"name": "Neighbourhood policing"})
    GuideQuestion.objects.create(group=objects.group, text="How do you choose problems?",
                                 status=QuestionStatus.INCLUDED)
    objects.submissions_group = _group("Submissions group", GroupStatus.SUBMISSIONS, objects)
    objects.submission_question = GuideQuestion.objects.create(
        group=objects.submissions_group, text="How do you triage demand?",
        status=QuestionStatus.INCLUDED)
    objects.reporting_group = _group("Reporting group", GroupStatus.REPORTING, objects)
    objects.reporting_group.overall_report = "## Draft\n\nNot shared yet."
    objects.reporting_group.save(update_fields=["overall_report"])
    starts = timezone.now() + datetime.timedelta(days=30)
    objects.host_day = HostDay.objects.create(
        group=objects.reporting_group, host=objects.force, starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=5), venue="Kent HQ, Maidstone",
        report="## What we saw\n\nA triage desk.", report_shared_at=timezone.now())
