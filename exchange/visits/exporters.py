"""The host report as a PDF (fpdf2) and as a Word document (python-docx), from its Markdown.

The report's Markdown is simple by construction (headings, paragraphs, "- " lists), so each
line is read on its own rather than through a full Markdown parser.
"""

import io
import re

from docx import Document
from fpdf import FPDF

# The PDF's built-in fonts are Latin-1; typographic punctuation is mapped, anything else replaced.
PUNCTUATION = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "\u2013": "-", "\u2014": "-", "\u2026": "...", "\u2022": "-",
                             "\u00a0": " "})


def report_lines(body):
    """``[(kind, text)]``: kind is "h1", "h2", "h3", "bullet" or "para"; blank lines dropped."""
    lines = []
    for raw in body.splitlines():
        line = raw.strip()
        if not line:
            continue
        heading = re.match(r"^(#{1,3})\s+(.*)$", line)
        if heading:
            lines.append((f"h{len(heading.group(1))}", heading.group(2)))
        elif line.startswith(("- ", "* ")):
            lines.append(("bullet", line[2:]))
        else:
            lines.append(("para", line))
    return lines


def _latin1(text):
    return text.translate(PUNCTUATION).encode("latin-1", "replace").decode("latin-1")


def host_report_pdf(report):
    pdf = FPDF(format="A4")
    pdf.set_title(_latin1(f"Report of the visit: {report.visit.title}"))
    pdf.set_author("Learning Exchange")
    pdf.add_page()
    sizes = {"h1": 18, "h2": 14, "h3": 12}
    for kind, text in report_lines(report.body):
        text = _latin1(text)
        if kind in sizes:
            pdf.set_font("Helvetica", "B", sizes[kind])
            pdf.ln(2)
            pdf.multi_cell(0, sizes[kind] * 0.5, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        else:
            pdf.set_font("Helvetica", "", 11)
            prefix = "-  " if kind == "bullet" else ""
            pdf.multi_cell(0, 6, prefix + text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def host_report_docx(report):
    document = Document()
    document.core_properties.title = f"Report of the visit: {report.visit.title}"
    document.core_properties.author = "Learning Exchange"
    for kind, text in report_lines(report.body):
        if kind.startswith("h"):
            document.add_heading(text, level=int(kind[1]))
        elif kind == "bullet":
            document.add_paragraph(text, style="List Bullet")
        else:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
