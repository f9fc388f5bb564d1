"""Reflect: answers are private to the reader, whoever else looks."""

import csv
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from exchange.lessons import domain
from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import Reflection
from tests.lessons.factories import CaseFactory

pytestmark = pytest.mark.django_db
SECRET = "I would have called an ambulance much sooner, unlike my team did."


@pytest.fixture
def case():
    return CaseFactory(title="Restraint in a shop")


@pytest.fixture
def answered(client, member, case):
    question = case.questions.get(audience="officers_staff")
    client.force_login(member)
    response = client.post(reverse("lessons:reflect", args=[case.pk]),
                           {f"answer_{question.pk}": SECRET})
    assert response.status_code == 302
    client.logout()
    return question


def test_a_reader_finds_their_answer_in_their_learning_record(client, member, answered):
    client.force_login(member)
    page = client.get(reverse("lessons:learning-record")).content.decode()
    assert SECRET in page
    assert answered.text in page
    csv = client.get(reverse("lessons:learning-record-csv")).content.decode()
    assert SECRET in csv
    assert "Restraint in a shop" in csv


def test_the_case_page_shows_the_reader_their_own_answer(client, member, case, answered):
    client.force_login(member)
    assert SECRET in client.get(reverse("lessons:case", args=[case.pk])).content.decode()


@pytest.mark.parametrize("person", ["colleague", "outsider", "reviewer", "admin_user", "editor"])
def test_nobody_else_ever_sees_an_answer(client, request, case, answered, person):
    client.force_login(request.getfixturevalue(person))
    for url in [reverse("lessons:learning-record"), reverse("lessons:learning-record-csv"),
                reverse("lessons:case", args=[case.pk])]:
        assert SECRET not in client.get(url).content.decode(), url
    assert not Reflection.objects.for_user(request.getfixturevalue(person)).exists()


def test_answers_are_not_in_the_activity_log(client, answered):
    from exchange.common.models import Activity

    assert not Activity.objects.filter(note__contains="ambulance").exists()


def test_an_empty_answer_removes_the_kept_one(member, case, answered):
    domain.save_reflections(user=member, case=case, answers={answered.pk: "  "})
    assert not Reflection.objects.filter(user=member).exists()


def test_changing_answers_updates_them_in_place_with_the_same_queries_for_any_number(
        member, colleague, case, answered, query_count):
    kept = Reflection.objects.get(user=member)
    others = list(case.questions.exclude(pk=answered.pk))
    assert len(others) >= 2
    with query_count.capture() as one:
        domain.save_reflections(user=member, case=case, answers={answered.pk: "Sooner still.",
                                                                 others[1].pk: ""})
    with query_count.capture() as several:
        saved = domain.save_reflections(user=member, case=case, answers={
            answered.pk: "Sooner again.", others[0].pk: "Ask for help", others[1].pk: "",
            999999: "not a question of this case"})
    assert saved == 2
    assert len(several) == len(one)
    again = Reflection.objects.get(user=member, question=answered)
    assert (again.pk, again.answer, again.created_at) == (kept.pk, "Sooner again.", kept.created_at)
    assert again.updated_at > kept.updated_at
    assert Reflection.objects.filter(user=member).count() == 2
    assert not Reflection.objects.filter(user=colleague).exists()


def test_a_draft_case_cannot_be_answered(member, case):
    case.status = EditorialStatus.DRAFT
    case.save()
    with pytest.raises(PermissionDenied):
        domain.save_reflections(user=member, case=case, answers={})


def test_reflecting_needs_a_signed_in_reader(client, case):
    response = client.post(reverse("lessons:reflect", args=[case.pk]), {})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("people:sign-in"))


def test_the_learning_record_does_not_grow_queries_with_answers(
        client, member, query_count):
    def answer(n):
        for case in CaseFactory.create_batch(n):
            domain.save_reflections(user=member, case=case, answers={
                q.pk: "An answer" for q in case.questions.all()})

    client.force_login(member)
    answer(1)
    few = query_count.of_get(client, reverse("lessons:learning-record"))
    answer(5)
    assert query_count.of_get(client, reverse("lessons:learning-record")) == few


def test_the_learning_record_csv_defuses_cells_a_spreadsheet_would_run_as_formulas(client, member):
    case = CaseFactory(title='=HYPERLINK("http://evil.example","Open")',
                       questions={"managers": ["+What would you do?"]})
    question = case.questions.get()
    domain.save_reflections(user=member, case=case,
                            answers={question.pk: "@SUM(1+1)*cmd|' /C calc'!A0"})
    client.force_login(member)
    body = client.get(reverse("lessons:learning-record-csv")).content.decode()
    [_header, row] = list(csv.reader(io.StringIO(body)))
    assert row[1:5] == ["'=HYPERLINK(\"http://evil.example\",\"Open\")", "Managers",
                        "'+What would you do?", "'@SUM(1+1)*cmd|' /C calc'!A0"]


def test_saving_no_answers_says_nothing_is_written_yet_and_keeps_nothing(client, member, case):
    client.force_login(member)
    fields = {f"answer_{q.pk}": "  " for q in case.questions.all()}
    response = client.post(reverse("lessons:reflect", args=[case.pk]), fields)
    page = response.content.decode()
    assert response.status_code == 400
    assert "You have not written anything yet" in page
    assert "<title>Error: " in page  # screen readers hear the error first, as on every form
    assert "govuk-error-summary" in page
    assert "kept" not in page
    assert not Reflection.objects.filter(user=member).exists()


def test_saving_answers_says_how_many_in_words(client, member, case):
    first, second = case.questions.all()[:2]
    client.force_login(member)
    response = client.post(reverse("lessons:reflect", args=[case.pk]), {
        f"answer_{first.pk}": "Call sooner.", f"answer_{second.pk}": "Ask for help."},
        follow=True)
    assert "Your 2 answers are saved in your learning record. Only you can see them." in (
        response.content.decode())


def test_clearing_every_kept_answer_says_they_are_removed(client, member, case, answered):
    client.force_login(member)
    response = client.post(reverse("lessons:reflect", args=[case.pk]),
                           {f"answer_{answered.pk}": ""}, follow=True)
    assert "Your answers to this case study are removed from your learning record." in (
        response.content.decode())
    assert not Reflection.objects.filter(user=member).exists()


def _question_order(page, questions):
    return sorted(questions, key=lambda text: page.index(text))


def test_the_questions_come_in_the_same_order_signed_in_and_out(client, member):
    case = CaseFactory(questions={
        "officers_staff": ["Q for officers"], "trainers": ["Q for trainers"],
        "managers": ["Q for managers, first", "Q for managers, second"],
        "policy_makers": ["Q for policy makers"]})
    texts = list(case.questions.values_list("text", flat=True))
    url = reverse("lessons:case", args=[case.pk])
    signed_out = _question_order(client.get(url).content.decode(), texts)
    client.force_login(member)
    signed_in = _question_order(client.get(url).content.decode(), texts)
    assert signed_in == signed_out == [
        "Q for managers, first", "Q for managers, second", "Q for policy makers",
        "Q for trainers", "Q for officers"]
