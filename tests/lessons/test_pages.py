"""Reading Learning the Lessons: archive, issues, downloads, cases, factor table, articles."""

from io import BytesIO

import pytest
from django.urls import reverse
from docx import Document

from exchange.lessons.enums import EditorialStatus
from exchange.lessons.models import CaseStudyRole
from tests.documents import pdf_properties, pdf_text, word_file
from tests.factories import TopicFactory
from tests.lessons.factories import ArticleFactory, CaseFactory, IssueFactory

pytestmark = pytest.mark.django_db


def test_the_archive_searches_and_filters_by_theme(client):
    custody, roads = TopicFactory(name="Custody"), TopicFactory(name="Roads")
    first = IssueFactory(theme=custody, title="Safer custody")
    IssueFactory(theme=roads, title="Pursuits")
    CaseFactory(issue=first, title="Rousing checks", summary="Checks were recorded, not done.")
    IssueFactory(theme=custody, title="Hidden draft", status=EditorialStatus.DRAFT)

    everything = client.get(reverse("lessons:archive")).content.decode()
    assert "Safer custody" in everything and "Pursuits" in everything
    assert "Hidden draft" not in everything
    by_theme = client.get(reverse("lessons:archive"), {"theme": roads.slug}).content.decode()
    assert "Pursuits" in by_theme and "Safer custody" not in by_theme
    by_case_words = client.get(reverse("lessons:archive"), {"q": "rousing"}).content.decode()
    assert "Safer custody" in by_case_words and "Pursuits" not in by_case_words


def test_a_draft_issue_is_not_found_by_readers_but_editors_preview_it(client, member, editor):
    issue = IssueFactory(status=EditorialStatus.DRAFT)
    url = reverse("lessons:issue", args=[issue.number])
    assert client.get(url).status_code == 404
    client.force_login(member)
    assert client.get(url).status_code == 404
    client.force_login(editor)
    assert "Not published" in client.get(url).content.decode()


def test_an_issue_downloads_as_pdf_and_word(client):
    issue = IssueFactory(title="Safer custody")
    CaseFactory(issue=issue, title="Rousing checks recorded but not done")
    ArticleFactory(issue=issue, title="What families told us")

    pdf = client.get(reverse("lessons:issue-pdf", args=[issue.number]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert f"issue-{issue.number}.pdf" in pdf["Content-Disposition"]

    word = client.get(reverse("lessons:issue-docx", args=[issue.number]))
    text = "\n".join(p.text for p in Document(BytesIO(word.content)).paragraphs)
    assert "Safer custody" in text
    assert "Case 1: Rousing checks recorded but not done" in text
    assert "For officers and staff" in text
    assert "What families told us" in text


def test_an_issue_pdf_keeps_welsh_names_and_markdown_and_carries_its_properties(client):
    issue = IssueFactory(title="Diogelwch yn y ddalfa", cover_summary="Learning from Heddlu Gogledd Cymru.",
                         introduction="## Why this issue\n\nWritten with **Llŷr Ŵyr** and Zoë.")
    CaseFactory(issue=issue, title="Checks at Caernarfon",
                key_learning="- Siân's checklist\n- Rouse and speak")
    ArticleFactory(issue=issue, title="What families told us", body="A word from *Siân*.")
    content = client.get(reverse("lessons:issue-pdf", args=[issue.number])).content
    text = pdf_text(content)
    for words in ("Diogelwch yn y ddalfa", "Learning from Heddlu Gogledd Cymru.", "Llŷr Ŵyr",
                  "Zoë", "• Siân's checklist", "Case 1: Checks at Caernarfon", "A word from Siân."):
        assert words in text
    assert "**" not in text and "##" not in text
    properties = pdf_properties(content)
    assert properties["title"] == f"Learning the Lessons, issue {issue.number}: Diogelwch yn y ddalfa"
    assert (properties["author"], properties["language"]) == ("Learning Exchange", "en-GB")
    assert properties["bookmarks"][:2] == ["Why this issue", "Case 1: Checks at Caernarfon"]
    word = word_file(client.get(reverse("lessons:issue-docx", args=[issue.number])).content)
    assert word.core_properties.language == "en-GB"
    assert ("Heading 2", "Key learning") in [(p.style.name, p.text) for p in word.paragraphs]


def test_a_draft_issue_cannot_be_downloaded(client):
    issue = IssueFactory(status=EditorialStatus.DRAFT)
    assert client.get(reverse("lessons:issue-pdf", args=[issue.number])).status_code == 404


def test_case_studies_are_found_on_their_own_by_words_role_and_audience(client):
    CaseFactory(title="Restraint in a shop", summary="Officers restrained a distressed man.")
    other = CaseFactory(title="A pursuit", summary="A car chase at night.",
                        questions={"trainers": ["How do you train drivers?"]})
    CaseStudyRole.objects.create(case_study=other, value="roads_policing")
    CaseFactory(title="Draft case", summary="restrained", status=EditorialStatus.DRAFT)

    found = client.get(reverse("lessons:cases"), {"q": "restrained"}).content.decode()
    assert "<mark>Restraint</mark> in a shop" in found and "Draft case" not in found
    assert "Officers <mark>restrained</mark>" in found
    by_role = client.get(reverse("lessons:cases"), {"role": "roads_policing"}).content.decode()
    assert "A pursuit" in by_role and "Restraint in a shop" not in by_role
    by_audience = client.get(reverse("lessons:cases"), {"audience": "managers"}).content.decode()
    assert "Restraint in a shop" in by_audience and "A pursuit" not in by_audience


def test_the_factor_table_marks_each_case_theme_and_role(client):
    custody = TopicFactory(name="Custody")
    case = CaseFactory(title="Rousing checks")
    case.themes.add(custody)
    CaseStudyRole.objects.create(case_study=case, value="custody_staff")
    page = client.get(reverse("lessons:factors"), {"theme": custody.slug}).content.decode()
    assert "Rousing checks" in page
    assert '<th scope="col" class="govuk-table__header">Custody</th>' in page
    assert page.count('<span class="govuk-visually-hidden">Yes</span>') == 2


def test_an_article_is_readable_once_its_issue_is_published(client):
    article = ArticleFactory(title="Force spotlight", issue=IssueFactory(status="draft"))
    assert client.get(reverse("lessons:article", args=[article.pk])).status_code == 404
    article.issue.status = EditorialStatus.PUBLISHED
    article.issue.save()
    assert "Force spotlight" in client.get(reverse("lessons:article",
                                                   args=[article.pk])).content.decode()


@pytest.mark.parametrize("url_name", ["lessons:archive", "lessons:cases", "lessons:factors"])
def test_list_queries_do_not_grow_with_rows(client, url_name, query_count):
    def add(n):
        for _ in range(n):
            case = CaseFactory()
            case.themes.add(TopicFactory())
            CaseStudyRole.objects.create(case_study=case, value="supervisors")

    add(2)
    few = query_count.of_get(client, reverse(url_name))
    add(10)
    assert query_count.of_get(client, reverse(url_name)) == few


def test_editor_lists_do_not_grow_queries_with_rows(client, editor, query_count):
    from exchange.lessons import domain

    client.force_login(editor)
    IssueFactory.create_batch(2, created_by=editor)
    for n in range(2):
        domain.propose_theme(user=editor, title=f"Theme {n}")
    few = [query_count.of_get(client, reverse(name)) for name in
           ["lessons:editor", "lessons:theme-ranking", "lessons:themes"]]
    IssueFactory.create_batch(10, created_by=editor)
    for n in range(10):
        domain.propose_theme(user=editor, title=f"More {n}")
    many = [query_count.of_get(client, reverse(name)) for name in
            ["lessons:editor", "lessons:theme-ranking", "lessons:themes"]]
    assert many == few


def test_the_public_theme_filters_name_no_theme_that_only_a_draft_carries(client):
    """A theme only a draft issue or case carries would reveal the draft on a public page."""
    custody, secret = TopicFactory(name="Custody"), TopicFactory(name="Unannounced theme")
    CaseFactory(issue=IssueFactory(theme=custody)).themes.set([custody])
    draft_issue = IssueFactory(theme=secret, status=EditorialStatus.DRAFT)
    CaseFactory(issue=draft_issue, status=EditorialStatus.DRAFT).themes.set([secret])

    for url in (reverse("lessons:archive"), reverse("lessons:cases")):
        page = client.get(url).content.decode()
        assert "Custody" in page, url
        assert "Unannounced theme" not in page, url
