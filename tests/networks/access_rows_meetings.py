"""The meetings rows of the networks access table (merged by access_rows.py).

Meetings are members' material: the open access network's member, its facilitator (the lead)
and organisers see them; anyone else signed in gets 404. The facilitator and organisers
schedule and change them; the member is refused. A meeting's ``.ics`` with joining details is
404 to anyone else, signed in or not; one without joining details is for anyone.
"""

import datetime

from django.utils import timezone

from exchange.networks.models import Meeting
from tests.access import EVERYONE, LOGIN, Pk, expect, fresh, get, post

from .access_rows_networks import OPEN_SLUG

MEMBERS = expect(404, anonymous=LOGIN, member=200, lead=200, organisers=200)
RUNNERS_FORM = expect(404, anonymous=LOGIN, member=403, lead=200, organisers=200)
RUNNERS_ACT = expect(404, anonymous=LOGIN, member=403, lead=302, organisers=302)
MEETING = Pk("network_meeting")


def _new_meeting(objects):
    day = timezone.localdate() + datetime.timedelta(days=9)
    return {"title": "Access scheduled meeting", "starts_at": f"{day:%Y-%m-%d}T10:00",
            "ends_at": f"{day:%Y-%m-%d}T11:00", "agenda": "", "joining_details": ""}


def _changed(objects):
    meeting = objects.network_meeting
    return {"title": "Access meeting renamed",
            "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"),
            "agenda": "", "joining_details": meeting.joining_details}


ROWS = {
    "networks:meetings": [get("networks:meetings", OPEN_SLUG, expected=MEMBERS)],
    "networks:calendar": [get("networks:calendar", OPEN_SLUG, expected=MEMBERS)],
    "networks:meeting": [get("networks:meeting", OPEN_SLUG, MEETING, expected=MEMBERS)],
    "networks:meeting-ics": [
        get("networks:meeting-ics", OPEN_SLUG, MEETING, label="with joining details",
            expected=expect(404, member=200, lead=200, organisers=200)),
        get("networks:meeting-ics", OPEN_SLUG, Pk("network_meeting_open"), expected=EVERYONE,
            label="without joining details"),
    ],
    "networks:meeting-new": [
        get("networks:meeting-new", OPEN_SLUG, expected=RUNNERS_FORM),
        post("networks:meeting-new", OPEN_SLUG, expected=RUNNERS_ACT, label="schedule",
             data=_new_meeting,
             done=lambda o: Meeting.objects.filter(title="Access scheduled meeting").exists()),
    ],
    "networks:meeting-edit": [
        get("networks:meeting-edit", OPEN_SLUG, MEETING, expected=RUNNERS_FORM),
        post("networks:meeting-edit", OPEN_SLUG, MEETING, expected=RUNNERS_ACT, label="rename",
             data=_changed,
             done=lambda o: fresh(o.network_meeting).title == "Access meeting renamed"),
    ],
    "networks:meeting-notes": [
        get("networks:meeting-notes", OPEN_SLUG, Pk("network_meeting_past"),
            expected=RUNNERS_FORM),
        post("networks:meeting-notes", OPEN_SLUG, Pk("network_meeting_past"),
             expected=RUNNERS_ACT, label="write notes",
             data={"notes": "Access notes", "actions": "Access action"},
             done=lambda o: fresh(o.network_meeting_past).notes == "Access notes"),
    ],
}


def add_objects(shared):
    """Nothing of its own: the meetings are made with the networks (access_rows_networks)."""
