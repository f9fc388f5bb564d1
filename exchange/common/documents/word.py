"""The Word file of a :class:`~exchange.common.documents.outline.Document` (python-docx), with
its properties set and page numbers in the footer."""

import datetime
import io

from docx import Document as WordDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor

from .outline import AUTHOR, BLUE, GREY, LANGUAGE

WORD_STYLES = {"paragraph": "Normal", "lead": "Normal", "meta": "Normal", "quote": "Quote",
               "bullet": "List Bullet", "number": "List Number"}


def docx(document):
    """The document as a Word file with its properties set (python-docx's template otherwise
    says it was made in 2013 by python-docx). Returns bytes."""
    word = WordDocument()
    _word_properties(word, document)
    _word_page_numbers(word)
    if document.caption:
        word.add_paragraph(document.caption, style="Subtitle")
    word.add_paragraph(document.title, style="Title")
    for label, value in document.shown_details:
        line = word.add_paragraph()
        line.add_run(f"{label}: ").bold = True
        line.add_run(value)
    if document.summary:
        word.add_paragraph().add_run(document.summary).font.size = Pt(13)
    for block in document.blocks:
        _word_block(word, block)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _word_properties(word, document):
    created = (document.created or datetime.datetime.now(datetime.UTC)).astimezone(datetime.UTC)
    created = created.replace(microsecond=0, tzinfo=None)  # python-docx writes it as UTC
    properties = word.core_properties
    properties.title = document.title
    properties.subject = document.subject or document.caption
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.language = LANGUAGE
    properties.created = properties.modified = created
    properties.revision = 1
    properties.keywords = properties.comments = ""
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), LANGUAGE)
    normal.element.get_or_add_rPr().append(language)


def _word_page_numbers(word):
    footer = word.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    footer.add_run(f"{AUTHOR} \u00b7 Page ")
    _word_field(footer, "PAGE")
    footer.add_run(" of ")
    _word_field(footer, "NUMPAGES")


def _word_field(paragraph_, instruction):
    field_ = OxmlElement("w:fldSimple")
    field_.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field_.append(run)
    paragraph_._p.append(field_)


def _word_block(word, block):
    if block.kind == "heading":
        line = word.add_heading(level=min(block.level, 9))
    else:
        style = WORD_STYLES.get(block.kind, "Normal")
        if block.kind in ("bullet", "number") and block.level > 1:
            style = f"{style} {min(block.level, 3)}"
        line = word.add_paragraph(style=style)
    for run in block.runs:
        added = _word_link(line, run) if run.link else line.add_run(run.text)
        added.bold = run.bold or None
        added.italic = run.italic or block.kind == "meta" or None
        if block.kind == "lead":
            added.font.size = Pt(13)
        if block.kind == "meta":
            added.font.color.rgb = RGBColor(*GREY)


def _word_link(paragraph_, run):
    """A run inside a real hyperlink (python-docx has no API for adding one)."""
    relationship = paragraph_.part.relate_to(run.link, RELATIONSHIP_TYPE.HYPERLINK,
                                             is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    paragraph_._p.append(link)
    added = paragraph_.add_run(run.text, style="Hyperlink" if _has_style(paragraph_, "Hyperlink")
                               else None)
    link.append(added._r)
    added.font.underline = True
    added.font.color.rgb = RGBColor(*BLUE)
    return added


def _has_style(paragraph_, name):
    return any(style.name == name for style in paragraph_.part.document.styles)
