"""Every change to a published entry goes through a revision, and every label change of a live
entry reaches its label history, whoever makes it and wherever (site, domain, admin)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.forms import MultiWidget
from django.urls import reverse
from django.utils import timezone

from exchange.practice import domain
from exchange.practice.enums import PracticeStatus
from exchange.practice.models import LabelChange, Practice
from tests.factories import PracticeFactory

pytestmark = pytest.mark.django_db

ABOUT = {
    "title": "Street triage, as the reviewer rewrote it", "summary": "Nurses ride along.",
    "evidence_label": "worked", "stage": "evaluated_locally", "focus": ["prevention"],
    "scale": "local", "target_groups": "", "start_day": "", "start_month": "", "start_year": "",
}


def live_entry(**fields):
    practice = PracticeFactory(title="Street triage", evidence_label="promising", **fields)
    LabelChange.objects.create(practice=practice, label="promising",
                               changed_at=timezone.now() - datetime.timedelta(days=30))
    return practice


def history(practice):
    return list(practice.label_changes.values_list("label", flat=True))


def public_title(client, practice):
    client.logout()
    page = client.get(reverse("practice:detail", args=[practice.pk]))
    return page.context["practice"].title


def test_a_reviewers_edit_of_a_live_entry_waits_until_the_revision_is_published(
        client, reviewer):
    live = live_entry()
    client.force_login(reviewer)
    straight_in = client.get(reverse("practice:task-list", args=[live.pk]))
    assert straight_in.url == reverse("practice:revise", args=[live.pk])
    client.post(reverse("practice:edit-section", args=[live.pk, "about"]), ABOUT)
    live.refresh_from_db()
    assert (live.title, live.evidence_label) == ("Street triage", "promising")

    client.post(reverse("practice:revise", args=[live.pk]))
    revision = Practice.objects.get(revision_of=live)
    client.post(reverse("practice:edit-section", args=[revision.pk, "about"]), ABOUT)
    assert public_title(client, live) == "Street triage"

    revision.refresh_from_db()
    domain.submit(practice=revision, actor=reviewer)
    domain.publish(practice=revision, actor=reviewer)
    assert public_title(client, live) == "Street triage, as the reviewer rewrote it"
    assert history(live) == ["worked", "promising"]


def test_the_domain_refuses_a_direct_edit_of_a_live_entry_even_to_a_reviewer(reviewer):
    live = live_entry()
    assert not domain.can_edit(reviewer, live)
    with pytest.raises(PermissionDenied):
        domain.edit_content(practice=live, actor=reviewer, data={"title": "Changed"})
    live.refresh_from_db()
    assert live.title == "Street triage"


def test_a_reviewer_still_edits_a_submission_that_is_not_yet_published(reviewer):
    waiting = PracticeFactory(status=PracticeStatus.SUBMITTED, published_at=None)
    domain.edit_content(practice=waiting, actor=reviewer, data={"title": "Tidied"})
    waiting.refresh_from_db()
    assert waiting.title == "Tidied"


def test_change_label_is_the_one_writer_and_records_the_history(reviewer):
    live = live_entry()
    domain.change_label(practice=live, label="worked", actor=reviewer, note="Evaluated")
    domain.change_label(practice=live, label="worked", actor=reviewer)
    live.refresh_from_db()
    assert live.evidence_label == "worked"
    assert history(live) == ["worked", "promising"]
    assert live.label_changes.first().changed_by == reviewer


def admin_post_data(response):
    """What the admin change form would post back unchanged: the form and its inlines."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms += [formset.management_form, *formset.forms]
    for form in forms:
        for name, field in form.fields.items():
            data.update(widget_data(field.widget, form.add_prefix(name), form[name].value()))
    return data


def widget_data(widget, key, value):
    if value is None or value is False:
        return {}
    if isinstance(widget, MultiWidget):
        parts = value if isinstance(value, list) else widget.decompress(value)
        return {f"{key}_{n}": sub.format_value(part)
                for n, (sub, part) in enumerate(zip(widget.widgets, parts, strict=True))}
    if isinstance(value, (list, tuple)):
        return {key: [str(item) for item in value]}
    return {key: value if isinstance(value, str) else widget.format_value(value)}


def admin_change(client, practice, **changes):
    url = reverse("admin:practice_practice_change", args=[practice.pk])
    data = admin_post_data(client.get(url))
    data.update(changes)
    return client.post(url, data)


def test_a_label_change_in_the_admin_reaches_the_label_history(client, admin_user):
    live = live_entry()
    client.force_login(admin_user)
    response = admin_change(client, live, evidence_label="worked")
    assert response.status_code == 302, response.context["adminform"].form.errors
    live.refresh_from_db()
    assert live.evidence_label == "worked"
    assert history(live) == ["worked", "promising"]
    assert live.label_changes.first().changed_by == admin_user


def test_the_admin_cannot_rewrite_the_content_of_a_live_entry(client, admin_user):
    live = live_entry()
    client.force_login(admin_user)
    admin_change(client, live, title="Quietly rewritten", description="Other text")
    live.refresh_from_db()
    assert (live.title, live.description) == ("Street triage", "What was done, by whom, and how.")
