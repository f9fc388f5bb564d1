"""The small grants demo: an open call with a submitted and a draft application, and a decided
call scored by a panel of two, one funded with a progress report due and one not funded. Loaded
after the accounts alone (the demo asks the visits demo for its programme year itself)."""

from io import StringIO

import pytest

from exchange.common.management.commands.seed_demo import load_accounts, load_groups
from exchange.grants import demo
from exchange.grants.domain.assessment import ranking
from exchange.grants.enums import ApplicationStatus, CallStatus
from exchange.grants.models import GrantApplication, GrantCall, Score
from exchange.people.data import load_organisations
from exchange.people.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def loaded(db):
    load_organisations(Organisation)
    load_groups()
    load_accounts()
    out = StringIO()
    demo.load(stdout=out, options={})
    return out.getvalue()


def test_the_demo_has_an_open_call_with_a_submitted_and_a_draft_application(loaded):
    call = GrantCall.objects.get(status=CallStatus.OPEN)
    statuses = dict(call.applications.values_list("organisation__slug", "status"))
    assert statuses == {"kent-police": ApplicationStatus.SUBMITTED,
                        "essex-police": ApplicationStatus.DRAFT}
    assert "(open)" in loaded and "(decided)" in loaded


def test_the_demo_has_a_decided_call_scored_by_a_panel(loaded):
    call = GrantCall.objects.get(status=CallStatus.DECIDED)
    ranked = ranking(call)
    assert [a.status for a in ranked] == [ApplicationStatus.FUNDED, ApplicationStatus.NOT_FUNDED]
    assert all(a.scored == 2 and a.weighted is not None for a in ranked)
    assert Score.objects.filter(assignment__application__call=call).count() == 16
    funded = GrantApplication.objects.get(status=ApplicationStatus.FUNDED)
    assert funded.reports.filter(is_final=False, submitted_at__isnull=True).exists()
    assert funded.reports.filter(is_final=True).exists()


def test_the_demo_uses_the_visits_programme_year_and_loads_once(loaded):
    call = GrantCall.objects.first()
    assert call.programme_year.memberships.filter(organisation__slug="kent-police").exists()
    out = StringIO()
    demo.load(stdout=out, options={})
    assert "already loaded" in out.getvalue() and GrantCall.objects.count() == 2
