from io import StringIO

import pytest

from exchange.feedback import demo
from exchange.feedback.models import PageFeedback

pytestmark = pytest.mark.django_db


def test_the_demo_gives_the_report_twelve_weeks_of_answers_once():
    demo.load(stdout=StringIO(), options={})
    count = PageFeedback.objects.count()
    assert count > 50
    assert PageFeedback.objects.filter(useful=False, reason_other=True).exists()
    assert not PageFeedback.objects.filter(other_text__contains="Hughes").exists()
    assert PageFeedback.objects.filter(other_text__contains="[removed]").exists()
    demo.load(stdout=StringIO(), options={})
    assert PageFeedback.objects.count() == count
