"""Writing and sending practice: start page, task list, sections, check answers, mine, revise,
delete, and who may open each of them."""

import pytest
from django.urls import reverse

from exchange.mail.models import OutboxMessage
from exchange.people.models import Membership
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import Practice
from tests.factories import PracticeFactory, TopicFactory, UserFactory

pytestmark = pytest.mark.django_db

START = reverse("practice:submit-start")
ABOUT = {
    "title": "Knife crime talks in schools", "summary": "Officers and survivors talk to pupils.",
    "evidence_label": "promising", "stage": "evaluated_locally",
}
FOCUS = {"focus": ["prevention"]}
SCALE = {"scale": "local", "target_groups": "Pupils aged 11 to 16\n\nTeachers",
         "start_day": "", "start_month": "3", "start_year": "2024"}
WHO = {"region": "", "partners": "Kent County Council\nSt Giles Trust",
       "contact_name": "Sam Sergeant", "contact_email": "sam@kent.police.uk"}
WHAT = {"aim": "Fewer young people carrying knives.", "intended_outcome": "",
        "description": "Two officers and a survivor visit each school."}
EVIDENCE = {"results": "", "effect": "Fewer reports near schools.",
            "mechanism": "Pupils hear the harm from someone who lived it.",
            "moderators": "", "implementation": "Two officers, one day a week.",
            "economic_cost": ""}
RECOGNITION = {"recognition": ["tilley_award"], "links": "https://example.org/report",
               "source_url": "", "visibility": "public"}


def section_url(practice, section):
    return reverse("practice:edit-section", args=[practice.pk, section])


def write_entry(client, user):
    """Fill in every section through the pages, as a member would."""
    response = client.post(f"{START}?step=about", ABOUT)
    practice = Practice.objects.get(submitted_by=user)
    assert response.status_code == 302
    assert response.url == reverse("practice:task-list", args=[practice.pk])
    for section, data in [("focus", FOCUS), ("scale", SCALE),
                          ("who", {**WHO, "organisation": user.organisation.pk}),
                          ("what", WHAT), ("evidence", EVIDENCE),
                          ("recognition", RECOGNITION)]:
        response = client.post(section_url(practice, section), data)
        assert response.status_code == 302, response.context["form"].errors
    practice.refresh_from_db()
    return practice


def test_the_start_page_asks_for_mechanism_context_implementation_and_cost(client, member):
    client.force_login(member)
    response = client.get(START)
    text = response.content.decode()
    assert response.status_code == 200
    for word in ["mechanism", "context", "implementation", "cost"]:
        assert word in text
    assert f"{START}?step=about" in text


def test_starting_creates_no_draft_until_the_first_section_is_saved(client, member):
    client.force_login(member)
    response = client.get(f"{START}?step=about")
    assert response.status_code == 200
    assert "Untitled" not in response.content.decode()
    assert not Practice.objects.exists()


def test_a_person_whose_membership_waits_for_approval_is_told_so(client, force):
    person = UserFactory()
    Membership.objects.create(user=person, organisation=force)
    client.force_login(person)
    response = client.get(START)
    assert response.status_code == 403
    assert "waiting for approval" in response.content.decode()
    assert "Kent Police" in response.content.decode()


def test_anonymous_people_are_sent_to_sign_in(client):
    response = client.get(START)
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:sign-in"))


def test_writing_every_section_completes_the_task_list_and_sending_confirms(client, member):
    client.force_login(member)
    TopicFactory(name="Knife crime")
    practice = write_entry(client, member)
    assert practice.title == "Knife crime talks in schools"
    assert practice.target_groups == ["Pupils aged 11 to 16", "Teachers"]
    assert practice.partners == ["Kent County Council", "St Giles Trust"]
    assert practice.start_date.isoformat() == "2024-03-01"
    assert practice.start_date_precision == "month"
    assert practice.region == member.organisation.region
    assert [row.value for row in practice.recognition_rows.all()] == ["tilley_award"]

    task_list = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert task_list.count(">Completed<") + task_list.count("Completed\n") >= 1
    assert "You have completed every section" in task_list

    check = client.get(reverse("practice:check-answers", args=[practice.pk])).content.decode()
    assert "March 2024" in check
    assert "Kent County Council" in check
    assert "Tilley award" in check

    response = client.post(reverse("practice:check-answers", args=[practice.pk]))
    assert "Sent for review" in response.content.decode()
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.SUBMITTED
    assert OutboxMessage.objects.filter(to=member.email, template="practice_submitted").count() == 1


def test_a_new_draft_shows_sections_not_yet_started_and_what_is_missing(client, member):
    client.force_login(member)
    client.post(f"{START}?step=about", ABOUT)
    practice = Practice.objects.get()
    page = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert page.count("Not yet started") == 6
    assert "You have completed 1 of 7 sections" in page

    check = client.get(reverse("practice:check-answers", args=[practice.pk])).content.decode()
    assert "Describe the practice" in check
    assert "Choose the organisation that ran the practice" in check
    client.post(reverse("practice:check-answers", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.status == PracticeStatus.DRAFT


def test_a_form_error_keeps_what_was_typed(client, member):
    client.force_login(member)
    response = client.post(f"{START}?step=about", {
        **ABOUT, "evidence_label": "", "title": "Street triage with mental health nurses"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "Choose whether it worked" in page
    assert 'value="Street triage with mental health nurses"' in page
    assert not Practice.objects.exists()

    client.post(f"{START}?step=about", ABOUT)
    practice = Practice.objects.get()
    response = client.post(section_url(practice, "scale"),
                           {**SCALE, "start_day": "31", "start_month": "2"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "The start date must be a real date" in page
    assert "Pupils aged 11 to 16" in page
    practice.refresh_from_db()
    assert practice.start_date is None


def test_links_that_are_not_web_addresses_are_refused_by_line(client, member):
    client.force_login(member)
    practice = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                   allow_incomplete=True)
    response = client.post(section_url(practice, "recognition"), {
        **RECOGNITION, "links": "https://example.org/a\nnot a link"})
    assert response.status_code == 200
    assert "Line 2 is not a web address" in response.content.decode()
    assert "not a link" in response.content.decode()
    practice.refresh_from_db()
    assert practice.links == []


def test_change_links_return_to_check_answers(client, member):
    client.force_login(member)
    practice = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                   allow_incomplete=True)
    response = client.post(f"{section_url(practice, 'what')}?return=check", WHAT)
    assert response.url == reverse("practice:check-answers", args=[practice.pk])


@pytest.mark.parametrize("name", ["task-list", "check-answers", "delete", "edit-section"])
def test_nobody_but_the_submitter_can_open_a_draft(client, member, colleague, lead, outsider,
                                                    name):
    practice = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                   allow_incomplete=True)
    args = [practice.pk, "about"] if name == "edit-section" else [practice.pk]
    url = reverse(f"practice:{name}", args=args)
    for person in [outsider, colleague, lead]:
        client.force_login(person)
        assert client.get(url).status_code == 404, person
        assert client.post(url, ABOUT).status_code == 404, person
    client.force_login(member)
    assert client.get(url).status_code == 200
    practice.refresh_from_db()
    assert practice.title == "Triage"


def test_a_submitted_entry_cannot_be_changed_by_its_submitter(client, member):
    practice = PracticeFactory(submitted_by=member, status=PracticeStatus.SUBMITTED,
                               organisation=member.organisation)
    client.force_login(member)
    response = client.post(section_url(practice, "about"), ABOUT)
    assert response.url == reverse("practice:mine")
    practice.refresh_from_db()
    assert practice.title != ABOUT["title"]


def test_mine_lists_only_my_entries_with_their_state(client, member, colleague):
    PracticeFactory(title="My draft", submitted_by=member, status=PracticeStatus.DRAFT)
    PracticeFactory(title="My published one", submitted_by=member)
    PracticeFactory(title="Colleague's draft", submitted_by=colleague,
                    status=PracticeStatus.DRAFT)
    client.force_login(member)
    page = client.get(reverse("practice:mine")).content.decode()
    assert "My draft" in page
    assert "My published one" in page
    assert "Colleague" not in page
    assert "Continue" in page
    assert ">Published<" in page


def test_mine_has_an_empty_state(client, member):
    client.force_login(member)
    assert "You have not shared any practice yet" in client.get(
        reverse("practice:mine")).content.decode()


def test_mine_does_not_query_per_row(client, member, query_count):
    client.force_login(member)
    live = PracticeFactory(submitted_by=member)

    PracticeFactory.create_batch(2, submitted_by=member, revision_of=live,
                                 status=PracticeStatus.DRAFT)
    few = query_count.of_get(client, reverse("practice:mine"))
    PracticeFactory.create_batch(10, submitted_by=member, revision_of=live,
                                 status=PracticeStatus.DRAFT)
    assert query_count.of_get(client, reverse("practice:mine")) == few


def test_revising_keeps_the_live_version_public_until_the_changes_are_published(
        client, member, reviewer):
    client.force_login(member)
    live = PracticeFactory(title="Street triage", submitted_by=member,
                           organisation=member.organisation)
    confirmation = client.get(reverse("practice:revise", args=[live.pk])).content.decode()
    assert "stays on the Exchange" in confirmation

    response = client.post(reverse("practice:revise", args=[live.pk]))
    revision = Practice.objects.get(revision_of=live)
    assert response.url == reverse("practice:task-list", args=[revision.pk])
    client.post(section_url(revision, "about"), {**ABOUT, "title": "Street triage, updated"})
    client.post(reverse("practice:check-answers", args=[revision.pk]))
    revision.refresh_from_db()
    assert revision.status == PracticeStatus.SUBMITTED

    live.refresh_from_db()
    public = Practice.objects.public_listing(None)
    assert live.title == "Street triage"
    assert list(public.values_list("title", flat=True)) == ["Street triage"]

    domain.publish(practice=revision, actor=reviewer)
    live.refresh_from_db()
    assert live.title == "Street triage, updated"
    assert list(public.values_list("pk", flat=True)) == [live.pk]


def test_only_the_submitter_or_a_reviewer_can_revise_a_published_entry(client, member,
                                                                        colleague, outsider):
    live = PracticeFactory(submitted_by=member)
    for person in [colleague, outsider]:
        client.force_login(person)
        assert client.post(reverse("practice:revise", args=[live.pk])).status_code == 403
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT)
    client.force_login(outsider)
    assert client.get(reverse("practice:revise", args=[draft.pk])).status_code == 404
    assert not Practice.objects.filter(revision_of=live).exists()


def test_a_draft_can_be_deleted_by_its_submitter_but_not_once_sent(client, member):
    client.force_login(member)
    draft = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                allow_incomplete=True)
    assert "Are you sure" in client.get(reverse("practice:delete", args=[draft.pk])).content.decode()
    response = client.post(reverse("practice:delete", args=[draft.pk]))
    assert response.url == reverse("practice:mine")
    assert not Practice.objects.filter(pk=draft.pk).exists()

    sent = PracticeFactory(submitted_by=member, status=PracticeStatus.SUBMITTED)
    assert client.post(reverse("practice:delete", args=[sent.pk])).status_code == 404
    assert Practice.objects.filter(pk=sent.pk).exists()


def _cells(page, row_text):
    """The text of each cell in the table row that mentions ``row_text``."""
    from lxml import html
    [row] = [row for row in html.fromstring(page).xpath("//tbody/tr")
             if row_text in row.text_content()]
    return [" ".join(cell.text_content().split()) for cell in row.xpath("td")]


def test_the_task_list_says_what_is_missing_and_links_to_each_field(client, member):
    client.force_login(member)
    client.post(f"{START}?step=about", ABOUT)
    practice = Practice.objects.get()
    page = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert "4 things missing" in page
    for section, anchor, message in [
            ("who", "id_organisation", "Choose the organisation that ran the practice"),
            ("what", "id_description", "Describe the practice"),
            ("evidence", "id_mechanism", "Say why it works or did not: the mechanism"),
            ("evidence", "id_implementation",
             "Say what it took to put in place: implementation")]:
        assert f'href="{section_url(practice, section)}#{anchor}">{message}</a>' in page


def test_a_missing_label_links_to_its_first_option(client, member):
    practice = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT,
                               evidence_label="", published_at=None)
    client.force_login(member)
    page = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert (f'href="{section_url(practice, "about")}#id_evidence_label_0">'
            "Choose whether it worked</a>") in page
    assert 'id="id_evidence_label_0"' in client.get(
        section_url(practice, "about")).content.decode()


def test_about_the_practice_is_split_into_three_short_sections(client, member):
    client.force_login(member)
    first = client.get(f"{START}?step=about").content.decode()
    for name in ["title", "summary", "evidence_label", "stage"]:
        assert f'name="{name}"' in first
    for name in ["focus", "topics", "scale", "target_groups", "start_year"]:
        assert f'name="{name}"' not in first
    practice = write_entry(client, member)
    assert [row.value for row in practice.focus_rows.all()] == ["prevention"]
    assert practice.scale == "local"
    assert practice.start_date.isoformat() == "2024-03-01"
    task_list = client.get(reverse("practice:task-list", args=[practice.pk])).content.decode()
    assert ">Focus and topics</a>" in task_list
    assert ">Who it is for, scale and start date</a>" in task_list


def test_topics_come_most_used_first_with_a_filter_box_for_javascript(client, member):
    rare, common, unused = (TopicFactory(name="Rural crime"), TopicFactory(name="Knife crime"),
                            TopicFactory(name="Arson"))
    for practice in PracticeFactory.create_batch(3):
        practice.topics.add(common)
    PracticeFactory().topics.add(rare)
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(member)
    page = client.get(section_url(draft, "focus")).content.decode()
    order = [page.index(f">{label}</label>") for label in
             ["Knife crime (3 entries)", "Rural crime (1 entry)", "Arson"]]
    assert order == sorted(order)
    assert unused.name in page
    # The box is hidden until the script shows it; the list works without it.
    assert 'class="govuk-form-group govuk-!-margin-bottom-4 govuk-!-display-none"' in page
    assert 'src="/static/exchange/topic-filter.js"' in page
    assert "<script>" not in page and "style=" not in page

    response = client.post(section_url(draft, "focus"),
                           {"focus": ["prevention"], "topics": [common.pk, unused.pk]})
    assert response.status_code == 302
    assert set(draft.topics.all()) == {common, unused}


def test_the_start_date_hint_speaks_of_the_boxes_it_sits_beside(client, member):
    draft = PracticeFactory(submitted_by=member, status=PracticeStatus.DRAFT, published_at=None)
    client.force_login(member)
    page = client.get(section_url(draft, "scale")).content.decode()
    assert "3 2024" not in page
    assert "For March 2024, leave Day empty, enter 3 in Month and 2024 in Year." in page


def test_mine_shows_with_a_reviewer_as_a_status_and_keeps_actions_for_actions(client, member):
    PracticeFactory(title="Waiting one", submitted_by=member, status=PracticeStatus.SUBMITTED,
                    published_at=None)
    PracticeFactory(title="Draft one", submitted_by=member, status=PracticeStatus.DRAFT,
                    published_at=None)
    client.force_login(member)
    page = client.get(reverse("practice:mine")).content.decode()
    _title, status, _changed, actions = _cells(page, "Waiting one")
    assert status == "Submitted With a reviewer: we will email you when they decide"
    assert actions == ""
    assert _cells(page, "Draft one")[3] == "Continue Draft one"
