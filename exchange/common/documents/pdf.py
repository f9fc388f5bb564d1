"""The tagged PDF of a :class:`~exchange.common.documents.outline.Document` (fpdf2).

What the PDF does for accessibility, within what fpdf2 2.8.9 allows:

- document title (shown in the window title: ViewerPreferences DisplayDocTitle), author,
  subject, creator, creation date and language (``/Lang en-GB``); XMP metadata with dc:title,
  dc:creator and dc:language;
- a structure tree (``/MarkInfo /Marked true``): every heading is tagged ``/H1`` to ``/H6``
  (the title ``/H1``, the body's headings from ``/H1`` in order), every paragraph, detail line,
  list item and quote ``/P``, each as one marked-content sequence, in reading order;
- the running header, the footer with the page numbers and the decorative rules are marked as
  ``/Artifact`` so a screen reader skips them;
- bookmarks (the outline) for every heading; links are real link annotations;
- the font is embedded with its Unicode map, so the text can be copied and searched.

What fpdf2 does not let us do, so the PDF does not claim PDF/UA conformance (no ``pdfuaid``):
its structure tree is flat (every element a child of ``/Document``), so list items are ``/P``
rather than ``/L``/``/LI``/``/LBody``, and a block is never split over two pages (one
marked-content sequence cannot cross a page; a block taller than a page is split into
pieces, each its own ``/P``). fpdf2 offers no public API for tagging text, so
:class:`_TaggedPdf` uses its structure-tree builder (``struct_builder``,
``_add_marked_content`` and ``_out``), which fpdf2 itself uses for images and sections.
"""

import datetime
import re
from contextlib import contextmanager
from pathlib import Path
from xml.sax.saxutils import escape

from fpdf import FPDF
from fpdf.enums import MethodReturnValue, XPos, YPos
from fpdf.prefs import ViewerPreferences

from .outline import AUTHOR, BLUE, GREY, INK, LANGUAGE, RULE

FONT_DIR = Path(__file__).parent.parent / "data" / "fonts"



FAMILY = "DejaVuSans"
# kind: (weight, size in points, space before in mm, tag)
PDF_STYLES = {
    "lead": ("", 13, 3, "P"), "paragraph": ("", 11, 2.5, "P"), "meta": ("I", 9.5, 1, "P"),
    "bullet": ("", 11, 1.2, "P"), "number": ("", 11, 1.2, "P"), "quote": ("I", 11, 2.5, "P"),
}
HEADING_SIZES = {1: 17, 2: 14, 3: 12, 4: 11, 5: 11, 6: 11}
FPDF_MARKERS = re.compile(r"(\\|\*\*|__|~~|--)")
# The footer's "of N" placeholder, unlikely ever to appear in a report's own text.
TOTAL_PAGES = "\u2063total-pages\u2063"


def pdf(document):
    """The document as a tagged A4 PDF (see the module docstring). Returns bytes."""
    pdf = _TaggedPdf(document)
    pdf.title_block()
    for block in document.blocks:
        pdf.block(block)
    return bytes(pdf.output())


class _TaggedPdf(FPDF):
    def __init__(self, document):
        super().__init__(format="A4")
        self.document = document
        created = document.created or datetime.datetime.now(datetime.UTC)
        self.add_font(FAMILY, "", FONT_DIR / "DejaVuSans.ttf")
        self.add_font(FAMILY, "B", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.add_font(FAMILY, "I", FONT_DIR / "DejaVuSans-Oblique.ttf")
        self.add_font(FAMILY, "BI", FONT_DIR / "DejaVuSans-Bold.ttf")
        self.set_title(document.title)
        self.set_author(AUTHOR)
        self.set_creator(AUTHOR)
        self.set_subject(document.subject or document.caption)
        self.set_lang(LANGUAGE)
        self.set_creation_date(created)
        self.viewer_preferences = ViewerPreferences(display_doc_title=True)
        self.set_xmp_metadata(_xmp(document.title))
        self.alias_nb_pages(TOTAL_PAGES)
        self.set_margins(20, 20, 20)
        self.set_auto_page_break(auto=True, margin=20)
        self.add_page()

    @contextmanager
    def tagged(self, struct_type):
        """One marked-content sequence, and its element in the structure tree."""
        mcid = self.struct_builder.next_mcid_for_page(self.page)
        self._add_marked_content(struct_type=f"/{struct_type}", mcid=mcid)
        self._out(f"/{struct_type} <</MCID {mcid}>> BDC")
        yield
        self._out("EMC")

    @contextmanager
    def artifact(self):
        self._out("/Artifact BMC")
        yield
        self._out("EMC")

    def header(self):
        if self.page == 1:
            with self.artifact():
                self.set_fill_color(*BLUE)
                self.rect(0, 0, self.w, 6, style="F")
            return
        with self.artifact():
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*GREY)
            self.set_xy(self.l_margin, 10)
            self.cell(self.epw, 4, _fit(self.document.title, 110), align="L")
            self.set_draw_color(*RULE)
            self.line(self.l_margin, 15, self.w - self.r_margin, 15)
        self.set_text_color(*INK)
        self.set_y(self.t_margin)

    def footer(self):
        with self.artifact():
            self.set_y(-14)
            self.set_font(FAMILY, "", 8)
            self.set_text_color(*GREY)
            self.cell(self.epw / 2, 4, AUTHOR, align="L")
            self.cell(self.epw / 2, 4, f"Page {self.page_no()} of {TOTAL_PAGES}", align="R")
        self.set_text_color(*INK)

    def title_block(self):
        document = self.document
        self.set_y(14)
        if document.caption:
            self._text(document.caption, ("B", 11, 0, "P"), colour=BLUE)
        self._text(document.title, ("B", 22, 2, "H1"), line=1.25)
        for label, value in document.shown_details:
            text = f"**{_fpdf_escape(label)}:** {_fpdf_escape(value)}"
            self._text(text, ("", 10.5, 1, "P"), markdown=True)
        if document.summary:
            self._text(_fpdf_escape(document.summary), ("", 13, 4, "P"), markdown=True)
        self.ln(4)
        with self.artifact():
            self.set_draw_color(*RULE)
            self.set_line_width(0.4)
            self.line(self.l_margin, self.y, self.w - self.r_margin, self.y)
        self.ln(2)

    def block(self, block):
        if block.kind == "heading":
            size = HEADING_SIZES.get(block.level, 11)
            self.start_section(_fit(block.text, 120), level=block.level - 1, strict=False)
            self._text(_fpdf_markdown(block.runs), ("B", size, 7 - block.level, f"H{min(block.level, 6)}"),
                       markdown=True, keep_with_next=18)
            return
        weight, size, space, tag = PDF_STYLES.get(block.kind, PDF_STYLES["paragraph"])
        indent, mark = 0, ""
        if block.kind in ("bullet", "number"):
            indent = 6 * block.level
            mark = f"{block.number}." if block.kind == "number" else "\u2022"
        elif block.kind == "quote":
            indent = 6
        colour = GREY if block.kind == "meta" else INK
        self._text(_fpdf_markdown(block.runs), (weight, size, space, tag), markdown=True,
                   indent=indent, mark=mark, colour=colour)

    def _text(self, text, style, *, markdown=False, indent=0, mark="", colour=INK,
              keep_with_next=0, line=1.4):
        weight, size, space, tag = style
        self.set_font(FAMILY, weight, size)
        self.set_text_color(*colour)
        height = size * 0.3528 * line  # points to mm, times the line spacing
        width = self.epw - indent
        needed = self.multi_cell(width, height, text, markdown=markdown, align="L", dry_run=True,
                                 output=MethodReturnValue.HEIGHT)
        room = self.page_break_trigger - self.y - space
        if needed + keep_with_next > room and self.y > self.t_margin + 1:
            self.add_page()
        else:
            self.ln(space)
        if needed > self.page_break_trigger - self.t_margin:
            self._long_text(text, style, width, height, indent)
            return
        with self.tagged(tag):
            if mark:
                self.set_x(self.l_margin + indent - 5)
                self.cell(5, height, mark)
            self.set_x(self.l_margin + indent)
            self.multi_cell(width, height, text, markdown=markdown, align="L",
                            new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_text_color(*INK)

    def _long_text(self, text, style, width, height, indent):
        """A block taller than a page: line by line, one tagged piece per page."""
        lines = self.multi_cell(width, height, _fpdf_unescape(text), dry_run=True,
                                output=MethodReturnValue.LINES)
        while lines:
            fits = max(1, int((self.page_break_trigger - self.y) // height))
            piece, lines = lines[:fits], lines[fits:]
            with self.tagged(style[3]):
                for line in piece:
                    self.set_x(self.l_margin + indent)
                    self.cell(width, height, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            if lines:
                self.add_page()


def _fpdf_escape(text):
    """Text for fpdf2's markdown mode, printed as written ("--" is not underline)."""
    return FPDF_MARKERS.sub(lambda m: "\\" + m.group(1), text)


def _fpdf_unescape(text):
    text = re.sub(r"\\(\\|\*\*|__|~~|--)", r"\1", text)
    return re.sub(r"\*\*|__", "", text)


def _fpdf_markdown(runs):
    parts = []
    for run in runs:
        text = _fpdf_escape(run.text.replace("\n", " "))
        if run.link and re.fullmatch(r"[^()\s]+", run.link) and "[" not in run.text:
            text = f"[{text.replace(']', ')')}]({run.link})"
        if run.italic:
            text = f"__{text}__"
        if run.bold:
            text = f"**{text}**"
        parts.append(text)
    return "".join(parts)


def _fit(text, length):
    return text if len(text) <= length else text[: length - 1] + "\u2026"


def _xmp(title):
    return (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
        'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li></rdf:Alt>'
        f"</dc:title><dc:creator><rdf:Seq><rdf:li>{AUTHOR}</rdf:li></rdf:Seq></dc:creator>"
        f"<dc:language><rdf:Bag><rdf:li>{LANGUAGE}</rdf:li></rdf:Bag></dc:language>"
        "</rdf:Description></rdf:RDF></x:xmpmeta>")


