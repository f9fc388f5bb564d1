import pytest
from django.core.management import CommandError, call_command

from exchange.people.data import organisation_rows
from exchange.people.domain import load_organisations, user_for_api_token
from exchange.people.models import ApiToken, Organisation

pytestmark = pytest.mark.django_db


def test_the_data_migration_loads_the_43_territorial_forces_of_england_and_wales():
    forces = Organisation.objects.filter(type="territorial_police")
    assert forces.count() == 43
    assert {"Kent Police", "Essex Police", "Merseyside Police", "Lancashire Constabulary",
            "Metropolitan Police Service", "City of London Police", "Dyfed-Powys Police"} <= set(
        forces.values_list("name", flat=True))
    assert not forces.filter(region="").exists()
    met = Organisation.objects.get(slug="metropolitan-police-service")
    assert (met.region, met.email_domains) == ("london", ["met.police.uk"])
    assert {"Met", "MPS"} <= set(met.aliases)


def test_national_bodies_and_the_other_uk_services_are_loaded_with_their_types():
    types = dict(Organisation.objects.values_list("name", "type"))
    assert types["British Transport Police"] == "national_police"
    assert types["Civil Nuclear Constabulary"] == "national_police"
    assert types["Ministry of Defence Police"] == "national_police"
    assert types["National Crime Agency"] == "national_police"
    assert types["College of Policing"] == "public_sector"
    assert types["Police Scotland"] == "other_uk_police"
    assert types["Police Service of Northern Ireland"] == "other_uk_police"


def test_every_force_is_found_by_an_alias():
    assert Organisation.objects.matching_name("Met").slug == "metropolitan-police-service"
    assert Organisation.objects.matching_name("kent").slug == "kent-police"


def test_loading_the_organisations_again_updates_instead_of_duplicating():
    Organisation.objects.filter(slug="kent-police").update(name="Kent Constabulary (old)")
    before = Organisation.objects.count()
    assert load_organisations() == len(organisation_rows())
    assert Organisation.objects.count() == before
    assert Organisation.objects.get(slug="kent-police").name == "Kent Police"


def test_create_api_token_prints_a_working_token(member, capsys):
    call_command("create_api_token", member.email.upper(), "--name", "Nightly export")
    raw = capsys.readouterr().out.strip()
    assert user_for_api_token(raw) == member
    assert ApiToken.objects.get(user=member).name == "Nightly export"


def test_create_api_token_refuses_an_unknown_email(db):
    with pytest.raises(CommandError, match=r"nobody@example\.org"):
        call_command("create_api_token", "nobody@example.org")
    assert not ApiToken.objects.exists()
