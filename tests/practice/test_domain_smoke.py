import pytest

from exchange.mail.models import OutboxMessage
from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import Practice


@pytest.mark.django_db
def test_publishing_a_revision_keeps_the_entry_live_and_records_the_new_label(member, reviewer):
    practice = domain.create_draft(submitted_by=member, data={
        "title": "Schools knife talks", "summary": "Talks", "evidence_label": "new_innovative",
        "description": "Officers talk", "organisation": member.organisation,
        "mechanism": "Awareness", "implementation": "Two officers", "focus": ["prevention"]})
    domain.submit(practice=practice, actor=member)
    domain.publish(practice=practice, actor=reviewer)
    revision = domain.create_revision(practice=practice, actor=member)
    domain.save_content(practice=revision, data={"evidence_label": "promising"})
    domain.submit(practice=revision, actor=member)
    practice.refresh_from_db()
    assert practice.evidence_label == "new_innovative"
    assert Practice.objects.live().filter(pk=practice.pk).exists()
    live = domain.publish(practice=revision, actor=reviewer)
    assert live.pk == practice.pk
    assert live.evidence_label == "promising"
    assert [c.label for c in live.label_changes.all()] == ["promising", "new_innovative"]
    revision.refresh_from_db()
    assert revision.status == PracticeStatus.MERGED
    assert OutboxMessage.objects.filter(to=member.email, template="practice_published").count() == 2
