"""One document renderer: Markdown, or an outline built in code, to PDF, to Word and to plain text.

A :class:`Document` is a header (caption, title, details such as host, date and who took part,
and a lead paragraph) followed by :class:`Block` rows: headings, paragraphs, list items,
quotes. :func:`outline` reads Markdown into blocks through the same Markdown and sanitiser as
the web pages (:func:`exchange.common.markdown.render_markdown`), so a report reads the same on
screen, on paper and in an email. Headings are renumbered from the level the caller asks for
(``top``) in order, with no level skipped, whichever ``#`` the writer used.

Both files carry the title, the author ("Learning Exchange"), the language (en-GB) and the
date they were made, and print page numbers in the footer. The font is DejaVu Sans, kept in
``data/fonts`` under its licence, so Welsh (ŵ, ŷ) and accented names print as written.

The package: :mod:`.outline` (the document, its blocks, Markdown read into blocks, the plain
text of an email), :mod:`.pdf` (the tagged PDF; what it does for accessibility is in its
docstring) and :mod:`.word` (the Word file). Callers use the names imported here.
"""

from django.http import Http404, HttpResponse

from .outline import AUTHOR, LANGUAGE, Block, Document, Run, bullet, heading, outline, paragraph, plain_text
from .pdf import pdf
from .word import docx

DOCX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_CONTENT_TYPE = "application/pdf"

__all__ = ["AUTHOR", "DOCX_CONTENT_TYPE", "LANGUAGE", "PDF_CONTENT_TYPE", "Block", "Document", "Run",
           "attachment", "bullet", "docx", "heading", "outline", "paragraph", "pdf", "plain_text"]


def attachment(document, fmt, filename):
    """A download of ``document`` as ``fmt`` ("pdf" or "docx"); any other format is a 404."""
    renderers = {"pdf": (pdf, PDF_CONTENT_TYPE), "docx": (docx, DOCX_CONTENT_TYPE)}
    if fmt not in renderers:
        raise Http404
    render, content_type = renderers[fmt]
    response = HttpResponse(render(document), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


