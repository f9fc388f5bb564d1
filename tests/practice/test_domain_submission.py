"""The domain rules behind writing and reviewing practice, called directly."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from exchange.common.models import Activity
from exchange.mail.models import OutboxMessage
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db


def test_a_draft_may_be_saved_before_its_description_and_label_are_written(member):
    draft = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                allow_incomplete=True)
    assert draft.status == PracticeStatus.DRAFT
    assert set(domain.missing_for_submission(draft)) == {
        "summary", "evidence_label", "description", "organisation", "mechanism", "implementation"}
    with pytest.raises(ValidationError):
        domain.submit(practice=draft, actor=member)


def test_without_allow_incomplete_the_description_is_still_required(member):
    with pytest.raises(ValidationError) as error:
        domain.create_draft(submitted_by=member, data={"title": "Triage",
                                                       "evidence_label": "worked"})
    assert "description" in error.value.message_dict


def test_editing_is_logged_and_refused_to_a_colleague(member, colleague):
    draft = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                allow_incomplete=True)
    domain.edit_content(practice=draft, actor=member, data={"aim": "Help"}, part="what")
    assert Activity.objects.for_object(draft).filter(verb="edit", note="what").count() == 1
    with pytest.raises(PermissionDenied):
        domain.edit_content(practice=draft, actor=colleague, data={"aim": "Other"}, part="what")
    draft.refresh_from_db()
    assert draft.aim == "Help"


def test_a_decision_without_assigning_first_records_the_reviewer(member, reviewer):
    practice = PracticeFactory(submitted_by=member, status=PracticeStatus.SUBMITTED)
    domain.decline(practice=practice, actor=reviewer, reason="Duplicate")
    practice.refresh_from_db()
    assert practice.reviewer == reviewer


def test_withdrawing_emails_the_submitter_the_reason(member, reviewer):
    practice = PracticeFactory(submitted_by=member)
    domain.withdraw(practice=practice, actor=reviewer, reason="Out of date")
    email = OutboxMessage.objects.get(template="practice_withdrawn")
    assert email.to == member.email
    assert "Out of date" in email.body_text


def test_deleting_a_draft_also_removes_its_log(member, outsider):
    draft = domain.create_draft(submitted_by=member, data={"title": "Triage"},
                                allow_incomplete=True)
    with pytest.raises(PermissionDenied):
        domain.delete_draft(practice=draft, actor=outsider)
    pk = draft.pk
    domain.delete_draft(practice=draft, actor=member)
    assert not Activity.objects.filter(object_id=pk, verb="create").exists()
