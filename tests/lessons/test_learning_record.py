"""Learning the Lessons' part of a person's learning record: a line per case study they reflected
on, dated by their latest answer, with no CPD hours, in one query."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from exchange.common.programmes import programme
from exchange.lessons.models import Reflection

from .factories import CaseFactory

pytestmark = pytest.mark.django_db


def entries(user):
    return programme("lessons").learning_record.entries(user)


def reflect(user, case, answer="We would check again.", *, days_ago=0):
    reflections = [Reflection.objects.create(user=user, question=question, answer=answer)
                   for question in case.questions.all()]
    Reflection.objects.filter(pk__in=[r.pk for r in reflections]).update(
        updated_at=timezone.now() - datetime.timedelta(days=days_ago))
    return reflections


def test_one_line_per_case_study_newest_first_without_hours(member, colleague):
    older, newer = CaseFactory(title="Older case"), CaseFactory(title="Newer case")
    reflect(member, older, days_ago=5)
    reflect(member, newer, days_ago=1)
    reflect(colleague, CaseFactory(title="Someone else's case"))
    first, second = entries(member)
    questions = newer.questions.count()
    assert first.title == f"Reflected on “Newer case” ({questions} questions answered)"
    assert first.url == reverse("lessons:case", kwargs={"pk": newer.pk}) + "#reflect"
    assert first.date == timezone.localdate() - datetime.timedelta(days=1)
    assert (first.cpd_hours, first.kind) == (None, "Case study reflection")
    assert "Older case" in second.title


def test_one_query_however_many_reflections(member, query_count):
    reflect(member, CaseFactory())
    assert query_count.of(lambda: entries(member)) == 1
    for _ in range(4):
        reflect(member, CaseFactory())
    assert query_count.of(lambda: entries(member)) == 1


def test_the_lessons_learning_record_page_links_the_whole_record(client, member):
    client.force_login(member)
    page = client.get(reverse("lessons:learning-record")).content.decode()
    assert f'href="{reverse("people:learning-record")}"' in page
