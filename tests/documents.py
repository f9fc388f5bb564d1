"""Reading back the documents the Exchange makes: a PDF's text and properties (pypdf), a Word
file's paragraphs and core properties (python-docx)."""

from io import BytesIO

from docx import Document as WordDocument
from pypdf import PdfReader


def pdf_text(content):
    """The PDF's words, whitespace collapsed, so a line break inside a name does not matter."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)
                    .split())


def pdf_properties(content):
    """Title, author, language, whether it is tagged and shows its title, and its tags in order."""
    reader = PdfReader(BytesIO(content))
    catalog = reader.trailer["/Root"]
    tree = catalog["/StructTreeRoot"].get_object()
    document = tree["/K"][0].get_object()
    return {"title": reader.metadata.title, "author": reader.metadata.author,
            "language": catalog["/Lang"], "created": reader.metadata.creation_date,
            "marked": catalog["/MarkInfo"]["/Marked"],
            "display_title": catalog["/ViewerPreferences"]["/DisplayDocTitle"],
            "tags": [kid.get_object()["/S"] for kid in document["/K"]],
            "bookmarks": [item.title for item in reader.outline if not isinstance(item, list)],
            "pages": len(reader.pages)}


def word_file(content):
    return WordDocument(BytesIO(content))


def word_text(content):
    return "\n".join(p.text for p in word_file(content).paragraphs)
