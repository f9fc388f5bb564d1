import datetime
import io
import json

import pytest
from django.core.management import CommandError, call_command

from exchange.common.models import Topic
from exchange.people.models import Organisation
from exchange.practice.enums import DatePrecision, PracticeStatus
from exchange.practice.interchange import practice_rows
from exchange.practice.models import Practice, PracticeFocus, PracticeRecognition
from tests.factories import OrganisationFactory, PracticeFactory, TopicFactory


def full_entry(**fields):
    """An entry with every interchange field filled in."""
    organisation = OrganisationFactory(name=fields.pop("organisation_name", "Roundtrip Police"),
                                       region="wales")
    practice = PracticeFactory(
        organisation=organisation, region="north_west", stage="independently_evaluated",
        partners=["A council", "A charity, with a comma"], scale="regional",
        target_groups=["Victims of fraud", "Older people"], aim="**Fewer** victims.",
        intended_outcome="Fewer repeat victims.",
        description='Line one with "quotes" and £.\n\n- a list item\n- another',
        results="Halved.", effect="Big.", mechanism="Trust.", moderators="Urban areas.",
        implementation="Two staff.", economic_cost="£10,000 a year.",
        contact_name="Pat Contact", contact_email="pat@example.org",
        links=["https://example.org/a", "https://example.org/b?x=1&y=2"],
        source_url="https://example.org/source", **fields)
    practice.topics.set([topic("Fraud"), topic("older people")])
    PracticeFocus.objects.bulk_create([PracticeFocus(practice=practice, value=v)
                                       for v in ["prevention", "investigation"]])
    PracticeRecognition.objects.create(practice=practice, value="police_star_fund")
    return practice


def topic(name):
    return Topic.objects.filter(name=name).first() or TopicFactory(name=name)


def live_rows():
    return sorted(practice_rows(Practice.objects.live()), key=lambda row: row["title"])


def empty_the_bank():
    Practice.objects.all().delete()
    Topic.objects.all().delete()
    Organisation.objects.filter(name__endswith="Police").delete()


@pytest.mark.django_db
@pytest.mark.parametrize("extension", ["json", "csv"])
def test_export_then_import_into_an_empty_bank_loses_nothing(tmp_path, extension):
    full_entry(title="Fraud prevention visits", start_date=datetime.date(2022, 5, 17),
               start_date_precision=DatePrecision.DAY, external_id="rt-1")
    full_entry(title="Members-only month entry", organisation_name="Second Police",
               visibility="members", start_date=datetime.date(2021, 3, 1),
               start_date_precision=DatePrecision.MONTH, evidence_label="didnt_work")
    full_entry(title="Year entry", organisation_name="Third Police",
               start_date=datetime.date(2019, 1, 1), start_date_precision=DatePrecision.YEAR)
    PracticeFactory(title="Bare entry", organisation=None, summary="", mechanism="",
                    implementation="")
    before = live_rows()
    path = tmp_path / f"bank.{extension}"

    call_command("export_practices", str(path), stdout=io.StringIO())
    empty_the_bank()
    call_command("import_practices", str(path), "--publish", stdout=io.StringIO(),
                 stderr=io.StringIO())

    after = live_rows()
    assert len(after) == 4
    for old, new in zip(before, after, strict=True):
        assert new == old
    month = Practice.objects.get(title="Members-only month entry")
    assert (month.start_date, month.start_date_precision) == (datetime.date(2021, 3, 1), "month")
    assert month.visibility == "members"
    assert sorted(r.value for r in month.focus_rows.all()) == ["investigation", "prevention"]
    assert [r.value for r in month.recognition_rows.all()] == ["police_star_fund"]


@pytest.mark.django_db
def test_export_writes_every_published_entry_and_nothing_unpublished(tmp_path):
    PracticeFactory(title="Public")
    PracticeFactory(title="Members only", visibility="members")
    PracticeFactory(title="Waiting", status=PracticeStatus.SUBMITTED, published_at=None)
    out = io.StringIO()
    call_command("export_practices", str(tmp_path / "bank.json"), stdout=out)
    titles = {row["title"] for row in json.loads((tmp_path / "bank.json").read_text())}
    assert titles == {"Public", "Members only"}
    assert "Exported 2 entries" in out.getvalue()


@pytest.mark.django_db
def test_the_format_option_wins_over_the_extension(tmp_path):
    PracticeFactory(title="Only one")
    call_command("export_practices", str(tmp_path / "bank.txt"), "--format", "csv",
                 stdout=io.StringIO())
    assert (tmp_path / "bank.txt").read_text().startswith("title,summary,evidence_label,")


@pytest.mark.django_db
def test_an_unknown_format_is_refused(tmp_path):
    with pytest.raises(CommandError, match="--format json or --format csv"):
        call_command("export_practices", str(tmp_path / "bank.xlsx"), stdout=io.StringIO())
