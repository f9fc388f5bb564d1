import re
from io import StringIO

import pytest
from django.contrib.humanize.templatetags.humanize import apnumber

from exchange.common.anonymisation import find_identifiers
from exchange.common.management.commands.seed_demo import load_groups, load_topics
from exchange.lessons import demo, exporters
from exchange.lessons.enums import Audience, EditorialStatus
from exchange.lessons.models import LessonsIssue
from tests.factories import staff_user


@pytest.mark.django_db
def test_the_demo_publishes_three_anonymised_issues_with_questions_for_everyone():
    load_topics()
    load_groups()
    staff_user("Editor", email="staff@example.org")
    out = StringIO()
    demo.load(stdout=out, options={})
    issues = LessonsIssue.objects.all()
    assert issues.count() == 3
    assert set(issues.values_list("status", flat=True)) == {EditorialStatus.PUBLISHED}
    for issue in issues:
        assert issue.articles.count() == 1
        for case in issue.case_studies.all():
            assert case.status == EditorialStatus.PUBLISHED
            assert set(case.questions.values_list("audience", flat=True)) == set(Audience.values)
            assert not find_identifiers(case.summary)
    assert "3 issues published" in out.getvalue()
    demo.load(stdout=out, options={})
    assert LessonsIssue.objects.count() == 3


COUNTED = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine)\s+(?:cases|case studies"
                     r"|of them)\b", re.IGNORECASE)


@pytest.mark.django_db
def test_each_demo_issue_counts_the_cases_it_has():
    load_topics()
    load_groups()
    staff_user("Editor", email="staff@example.org")
    demo.load(stdout=StringIO(), options={})
    counted = 0
    for issue in LessonsIssue.objects.all():
        cases = list(issue.case_studies.all())
        document = exporters.issue_document(issue, cases, list(issue.articles.all()))
        text = " ".join([document.summary, *(block.text for block in document.blocks)])
        for word in COUNTED.findall(text):
            assert (issue.number, word.lower()) == (issue.number, apnumber(len(cases)))
            counted += 1
    assert counted >= 2  # the texts that said "Three cases" and "three of them"
