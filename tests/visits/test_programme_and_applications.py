import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.people.enums import OrganisationType
from exchange.visits import domain
from exchange.visits.enums import Place, VisitStatus
from exchange.visits.models import Visit
from tests.factories import OrganisationFactory, member_of

from .conftest import rows

pytestmark = pytest.mark.django_db


def test_a_visit_created_without_a_programme_joins_the_current_one(make_visit, programme_year):
    visit = make_visit(open=False)
    assert visit.programme_year == programme_year
    assert visit.status == VisitStatus.PLANNED


def test_host_organisation_may_be_given_by_name(organiser, programme_year, host):
    now = timezone.now()
    visit = domain.create_visit(actor=organiser, data={
        "theme": "Custody", "title": "Custody suite", "host_organisation": "avon nhs trust",
        "capacity": 4, "applications_open": now, "applications_close": now + datetime.timedelta(days=3)})
    assert visit.host_organisation == host and visit.min_per_force == 2


def test_every_state_change_is_logged_and_illegal_ones_refused(make_visit, organiser):
    visit = make_visit()
    log = Activity.objects.for_object(visit).filter(verb="open_applications").get()
    assert (log.from_state, log.to_state) == ("planned", "open_for_applications")
    with pytest.raises(ValidationError):
        domain.change_state(visit=visit, action="close", actor=organiser)


def test_only_organisers_create_visits(member, programme_year, host):
    with pytest.raises(PermissionDenied):
        domain.create_visit(actor=member, data={"title": "x"})


def test_a_lead_applies_with_the_minimum_group(make_visit, lead, member, colleague):
    visit = make_visit()
    application = domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    assert [v.user for v in application.visitors.all()] == [member, colleague]
    assert OutboxMessage.objects.filter(to=lead.email, template="visit_application_received").exists()


def test_fewer_than_the_minimum_is_refused_with_a_clear_message(make_visit, lead, member):
    visit = make_visit(min_per_force=3)
    with pytest.raises(ValidationError) as error:
        domain.apply(visit=visit, lead=lead, visitors=rows(lead, member))
    assert "at least 3 colleagues" in str(error.value)


def test_academics_from_a_partner_university_may_be_named(make_visit, lead, member):
    university = OrganisationFactory(name="University of Testshire", slug="testshire-uni",
                                     type=OrganisationType.ACADEMIC)
    academic = member_of(university, email="prof@kent.ac.uk")
    application = domain.apply(visit=make_visit(), lead=lead, visitors=rows(member, academic))
    assert application.visitors.count() == 2


def test_someone_from_another_force_cannot_be_named(make_visit, lead, member, outsider):
    with pytest.raises(ValidationError) as error:
        domain.apply(visit=make_visit(), lead=lead, visitors=rows(member, outsider))
    assert "visitors.1.email" in error.value.message_dict


def test_only_member_organisations_may_apply(make_visit, organiser, programme_year):
    stranger_force = OrganisationFactory()
    stranger_lead = member_of(stranger_force, role="lead")
    colleague = member_of(stranger_force)
    with pytest.raises(PermissionDenied, match="not a member"):
        domain.apply(visit=make_visit(), lead=stranger_lead, visitors=rows(stranger_lead, colleague))


def test_a_member_who_is_not_a_lead_cannot_apply(make_visit, member, colleague):
    with pytest.raises(PermissionDenied, match="organisation lead"):
        domain.apply(visit=make_visit(), lead=member, visitors=rows(member, colleague))


def test_a_lead_changes_and_withdraws_until_the_window_closes(make_visit, lead, member, colleague, organiser):
    visit = make_visit()
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    application = domain.apply(visit=visit, lead=lead, visitors=rows(lead, member))
    assert {v.user for v in application.visitors.all()} == {lead, member}
    domain.withdraw_application(application=application, actor=lead)
    assert set(application.visitors.values_list("place", flat=True)) == {Place.WITHDRAWN}
    past = timezone.now() - datetime.timedelta(minutes=1)
    Visit.objects.filter(pk=visit.pk).update(applications_close=past,
                                             applications_open=timezone.now() - datetime.timedelta(days=2))
    visit.refresh_from_db()
    with pytest.raises(PermissionDenied, match="not open"):
        domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))


def test_staff_manage_programme_membership(organiser, programme_year, force):
    domain.remove_member(actor=organiser, programme_year=programme_year, organisation=force)
    assert not domain.is_programme_member(force, programme_year)
    domain.add_member(actor=organiser, programme_year=programme_year, organisation=force)
    assert domain.is_programme_member(force, programme_year)


def test_moving_the_visit_date_moves_the_check_ins(make_visit, lead, member, colleague, organiser):
    visit = make_visit(date=timezone.localdate() - datetime.timedelta(days=5))
    domain.apply(visit=visit, lead=lead, visitors=rows(member, colleague))
    domain.run_allocation(visit=visit, actor=organiser)
    domain.change_state(visit=visit, action="mark_visited", actor=organiser)
    check_in = member.visit_places.get().check_ins.get(week=2)
    assert timezone.localtime(check_in.due_at).date() == visit.date + datetime.timedelta(weeks=2)
    new_date = visit.date + datetime.timedelta(days=2)
    domain.update_visit(actor=organiser, visit=visit, data={"date": new_date})
    check_in.refresh_from_db()
    assert timezone.localtime(check_in.due_at).date() == new_date + datetime.timedelta(weeks=2)
    assert timezone.localtime(check_in.due_at).hour == 9
