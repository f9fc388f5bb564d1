from io import StringIO

import pytest
from django.core.management import call_command

from exchange.visits.models import CheckIn, HostReport, LearningPoint, ProgrammeYear, Visit

pytestmark = pytest.mark.django_db


def test_seed_demo_loads_a_programme_a_completed_and_an_open_visit():
    call_command("seed_demo", "--practices", "3", stdout=StringIO())
    year = ProgrammeYear.objects.current()
    assert set(year.members.values_list("slug", flat=True)) >= {
        "kent-police", "essex-police", "merseyside-police", "lancashire-constabulary"}
    completed = Visit.objects.get(status="follow_up")
    assert LearningPoint.objects.filter(visit=completed).count() == 4
    assert HostReport.objects.get(visit=completed).sent_at is not None
    assert CheckIn.objects.filter(visitor__visit=completed, completed_at__isnull=False).exists()
    assert completed.has_published_report
    assert Visit.objects.filter(status="open_for_applications").count() == 1


def test_process_visit_deadlines_reports_what_it_did():
    out = StringIO()
    call_command("process_visit_deadlines", stdout=out)
    assert out.getvalue().strip() == "Offers expired: 0. Check-in reminders sent: 0."
