"""A published issue as a PDF (fpdf2) and as a Word document (python-docx).

Both lay the issue out the same way: cover (number, theme, title, date, summary), the
introduction, each case study with its learning and questions by audience, then the articles.
Markdown in the introduction and articles is reduced to plain paragraphs.
"""

import re
from io import BytesIO
from pathlib import Path

from docx import Document
from fpdf import FPDF

from .enums import Audience

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
CASE_SECTIONS = [
    ("summary", "What happened"),
    ("findings", "The investigation's findings"),
    ("key_learning", "Key learning"),
    ("action_taken", "Action taken by the force"),
    ("outcome_for_individuals", "Outcomes for the officers and staff involved"),
]


def plain_paragraphs(markdown_text):
    """Paragraphs of ``markdown_text`` without Markdown's marks."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", markdown_text or "")
    text = re.sub(r"[*_`#>]+", "", text)
    return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]


def issue_outline(issue, cases, articles):
    """The issue as ``[(style, text)]``: one description both renderers follow."""
    date = issue.publication_date.strftime("%-d %B %Y") if issue.publication_date else ""
    lines = [("caption", f"Learning the Lessons, issue {issue.number}"),
             ("title", issue.title),
             ("meta", " · ".join(x for x in [f"Theme: {issue.theme.name}", date] if x))]
    lines += [("lead", issue.cover_summary)] if issue.cover_summary else []
    lines += [("body", p) for p in plain_paragraphs(issue.introduction)]
    for number, case in enumerate(cases, start=1):
        lines.append(("h1", f"Case {number}: {case.title}"))
        themes = ", ".join(t.name for t in case.themes.all())
        roles = ", ".join(row.get_value_display() for row in case.role_rows.all())
        if themes or roles:
            lines.append(("meta", " · ".join(x for x in [themes, roles] if x)))
        for field, heading in CASE_SECTIONS:
            if getattr(case, field):
                lines.append(("h2", heading))
                lines += [("body", p) for p in plain_paragraphs(getattr(case, field))]
        questions = list(case.questions.all())
        if questions:
            lines.append(("h2", "Questions to reflect on"))
            for value, label in Audience.choices:
                chosen = [q.text for q in questions if q.audience == value]
                if chosen:
                    lines.append(("h3", f"For {label.lower()}"))
                    lines += [("bullet", text) for text in chosen]
    for article in articles:
        lines.append(("h1", f"{article.get_kind_display()}: {article.title}"))
        byline = ", ".join(x for x in [article.author_name, article.author_role] if x)
        if byline:
            lines.append(("meta", byline))
        if article.standfirst:
            lines.append(("lead", article.standfirst))
        lines += [("body", p) for p in plain_paragraphs(article.body)]
    return lines


PDF_STYLES = {"caption": ("", 11, 4), "title": ("B", 22, 4), "meta": ("I", 10, 3),
              "lead": ("", 13, 6), "body": ("", 11, 3), "h1": ("B", 16, 6),
              "h2": ("B", 13, 4), "h3": ("B", 11, 2), "bullet": ("", 11, 1)}


def issue_pdf(issue, cases, articles):
    pdf = FPDF(format="A4")
    pdf.set_title(f"Learning the Lessons, issue {issue.number}: {issue.title}")
    pdf.set_author("Learning Exchange")
    family, printable = _fonts(pdf)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    for style, text in issue_outline(issue, cases, articles):
        weight, size, space = PDF_STYLES[style]
        if style == "h1":
            pdf.ln(4)
        pdf.set_font(family, weight, size)
        prefix = "\u2022  " if style == "bullet" else ""
        pdf.multi_cell(0, size * 0.55, printable(prefix + text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(space)
    return bytes(pdf.output())


def _fonts(pdf):
    """The font family to use and how to make text printable in it."""
    if (FONT_DIR / "DejaVuSans.ttf").exists():
        # A Unicode font, so place names and quotation marks print as written.
        pdf.add_font("Body", "", str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.add_font("Body", "B", str(FONT_DIR / "DejaVuSans-Bold.ttf"))
        pdf.add_font("Body", "I", str(FONT_DIR / "DejaVuSans-Oblique.ttf"))
        return "Body", str
    # The built-in font covers Latin-1 only.
    return "Helvetica", lambda text: text.replace("\u2022", "-").encode(
        "latin-1", "replace").decode("latin-1")


DOCX_STYLES = {"caption": "Subtitle", "title": "Title", "meta": "Caption", "lead": "Intense Quote",
               "body": "Normal", "h1": "Heading 1", "h2": "Heading 2", "h3": "Heading 3",
               "bullet": "List Bullet"}


def issue_docx(issue, cases, articles):
    document = Document()
    document.core_properties.title = f"Learning the Lessons, issue {issue.number}: {issue.title}"
    document.core_properties.author = "Learning Exchange"
    for style, text in issue_outline(issue, cases, articles):
        document.add_paragraph(text, style=DOCX_STYLES[style])
    out = BytesIO()
    document.save(out)
    return out.getvalue()
