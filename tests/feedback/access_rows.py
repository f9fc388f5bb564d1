"""Page feedback's rows of the access table: anyone may answer, only programme staff read.

Each POST row's data resets the test client's answer count first: the table sends nine answers a
row from one address, and the count lives in the cache, outside the rolled-back transactions.
"""

from types import SimpleNamespace

from exchange.feedback import domain
from exchange.feedback.enums import Reason
from exchange.feedback.models import PageFeedback
from tests.access import PROGRAMME_STAFF, expect, get, post

from .factories import answer


def _answer(data):
    def fresh(objects=None):
        domain.reset_allowance(address="127.0.0.1")
        return data
    return fresh


ACCESS_ROWS = {
    "feedback:answer": [
        get("/feedback/?page=/about/", expected=expect(200), label="the reasons for No"),
        post("feedback:answer", expected=expect(302), label="yes",
             data=_answer({"page": "/privacy/", "useful": "yes"}),
             done=lambda o: PageFeedback.objects.filter(path="/privacy/", useful=True).exists()),
        post("feedback:answer", expected=expect(302), label="no, with reasons",
             data=_answer({"page": "/privacy/", "useful": "no",
                           "reasons": ["not_found", "other"], "other_text": "Too thin"}),
             done=lambda o: PageFeedback.objects.filter(path="/privacy/", useful=False,
                                                        reason_other=True).exists()),
    ],
    "feedback:report": [
        get("feedback:report", expected=PROGRAMME_STAFF),
        get("/feedback/report/?format=csv", expected=PROGRAMME_STAFF, label="CSV"),
    ],
    "feedback:report-page": [
        get("/feedback/report/page/?path=/about/", expected=PROGRAMME_STAFF),
    ],
}


def objects(*, force, other_force, people):
    return SimpleNamespace(
        feedback_yes=answer("/about/"),
        feedback_other=answer("/about/", useful=False, reasons=[Reason.OTHER],
                              text="The page about [removed] was out of date"))
