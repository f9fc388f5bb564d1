"""A published issue as one document (cover, introduction, each case study with its learning
and questions by audience, then the articles), rendered to PDF and Word by
:mod:`exchange.common.documents`."""

from exchange.common import documents

from .models import questions_by_audience

CASE_SECTIONS = [
    ("summary", "What happened"),
    ("findings", "The investigation's findings"),
    ("key_learning", "Key learning"),
    ("action_taken", "Action taken by the force"),
    ("outcome_for_individuals", "Outcomes for the officers and staff involved"),
]


def issue_document(issue, cases, articles):
    """The issue as a :class:`documents.Document`; Markdown fields keep their lists, emphasis
    and links, their headings nested under the section they sit in."""
    date = f"{issue.publication_date:%-d %B %Y}" if issue.publication_date else ""
    blocks = documents.outline(issue.introduction)
    for number, case in enumerate(cases, start=1):
        blocks += _case_blocks(number, case)
    for article in articles:
        blocks.append(documents.heading(f"{article.get_kind_display()}: {article.title}"))
        byline = ", ".join(x for x in [article.author_name, article.author_role] if x)
        if byline:
            blocks.append(documents.paragraph(byline, kind="meta"))
        if article.standfirst:
            blocks.append(documents.paragraph(article.standfirst, kind="lead"))
        blocks += documents.outline(article.body, top=2)
    return documents.Document(
        title=f"Learning the Lessons, issue {issue.number}: {issue.title}",
        caption=f"Learning the Lessons, issue {issue.number}",
        subject=f"Learning the Lessons: {issue.theme.name}",
        details=[("Theme", issue.theme.name), ("Published", date),
                 ("Case studies", str(len(cases))), ("Articles", str(len(articles)))],
        summary=issue.cover_summary, blocks=blocks)


def _case_blocks(number, case):
    blocks = [documents.heading(f"Case {number}: {case.title}")]
    themes = ", ".join(t.name for t in case.themes.all())
    roles = ", ".join(row.get_value_display() for row in case.role_rows.all())
    if themes or roles:
        blocks.append(documents.paragraph(" \u00b7 ".join(x for x in [themes, roles] if x),
                                          kind="meta"))
    for field, heading in CASE_SECTIONS:
        if getattr(case, field):
            blocks.append(documents.heading(heading, level=2))
            blocks += documents.outline(getattr(case, field), top=3)
    grouped = questions_by_audience(case.questions.all())
    if grouped:
        blocks.append(documents.heading("Questions to reflect on", level=2))
        for label, chosen in grouped:
            blocks.append(documents.heading(f"For {label.lower()}", level=3))
            blocks += [documents.bullet(question.text) for question in chosen]
    return blocks


def issue_pdf(issue, cases, articles):
    return documents.pdf(issue_document(issue, cases, articles))


def issue_docx(issue, cases, articles):
    return documents.docx(issue_document(issue, cases, articles))
