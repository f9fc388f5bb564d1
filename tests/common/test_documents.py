import datetime

from django.utils import timezone

from exchange.common import documents
from tests.documents import pdf_properties, pdf_text, word_file, word_text

REPORT = """## What we learned from Heddlu Gogledd Cymru

Thank you for hosting us -- **Llŷr Ŵyr** and *Zoë* met [the triage team](https://example.org/triage).

#### How is information shared?

- A nurse in the control room, said Siân
- Calls are triaged early
    - even at night

1. First step
2. Second step

> "Diolch yn fawr" \u2013 the host
"""


def report_document(**changes):
    return documents.Document(**{
        "title": "Report of the visit: Street triage in Gwynedd", "caption": "Peer learning visits",
        "details": [("Host", "Heddlu Gogledd Cymru"), ("Who took part", "Kent Police (2 visitors)"),
                    ("Empty", "")],
        "blocks": documents.outline(REPORT), **changes})


def test_markdown_is_read_into_blocks_with_headings_from_level_one_in_order():
    blocks = documents.outline(REPORT)
    assert [(b.kind, b.level) for b in blocks if b.kind == "heading"] == [("heading", 1), ("heading", 2)]
    assert [(b.kind, b.level, b.text) for b in blocks if b.kind in ("bullet", "number")] == [
        ("bullet", 1, "A nurse in the control room, said Siân"),
        ("bullet", 1, "Calls are triaged early"), ("bullet", 2, "even at night"),
        ("number", 1, "First step"), ("number", 1, "Second step")]
    paragraph = blocks[1]
    assert documents.Run("Llŷr Ŵyr", bold=True) in paragraph.runs
    assert documents.Run("Zoë", italic=True) in paragraph.runs
    assert documents.Run("the triage team", link="https://example.org/triage") in paragraph.runs
    deeper = documents.outline("## Only\n\n#### Deeper\n\n###### Deepest", top=3)
    assert [(b.kind, b.level, b.text) for b in deeper] == [
        ("heading", 3, "Only"), ("heading", 4, "Deeper"), ("paragraph", 1, "Deepest")]


def test_raw_html_in_markdown_never_reaches_a_document():
    blocks = documents.outline("Hello <script>alert(1)</script><b>there</b>")
    assert [b.text for b in blocks] == ["Hello there"]


def test_the_pdf_keeps_welsh_and_accented_names_and_carries_its_properties():
    content = documents.pdf(report_document())
    text = pdf_text(content)
    for name in ("Heddlu Gogledd Cymru", "Llŷr Ŵyr", "Zoë", "Siân", '"Diolch yn fawr" \u2013 the host',
                 "Thank you for hosting us -- Llŷr"):
        assert name in text
    assert text.count("?") == 1  # "How is information shared?": no letter turned into "?"
    assert "Host: Heddlu Gogledd Cymru" in text and "Empty" not in text
    assert "Page 1 of 1" in text
    properties = pdf_properties(content)
    assert properties["title"] == "Report of the visit: Street triage in Gwynedd"
    assert properties["author"] == "Learning Exchange"
    assert properties["language"] == "en-GB"
    assert properties["created"].date() == timezone.now().date()
    assert properties["marked"] and properties["display_title"]
    assert properties["bookmarks"] == ["What we learned from Heddlu Gogledd Cymru"]
    headings = [tag for tag in properties["tags"] if tag.startswith("/H")]
    assert headings == ["/H1", "/H1", "/H2"]  # the title, then the report's own headings
    assert properties["tags"].count("/P") >= 10


def test_a_long_document_numbers_every_page_and_splits_only_between_blocks():
    content = documents.pdf(report_document(blocks=documents.outline(REPORT * 12)))
    properties = pdf_properties(content)
    assert properties["pages"] > 2
    text = pdf_text(content)
    assert f"Page 2 of {properties['pages']}" in text
    assert text.count("A nurse in the control room, said Siân") == 12


def test_a_paragraph_longer_than_a_page_is_printed_whole():
    long = " ".join(f"word{n}" for n in range(1500))
    text = pdf_text(documents.pdf(report_document(blocks=[documents.paragraph(long)])))
    assert "word0" in text and "word1499" in text


def test_the_word_file_has_the_exchange_as_author_today_as_its_date_and_real_headings():
    word = word_file(documents.docx(report_document(summary="What the visitors learned.")))
    properties = word.core_properties
    assert properties.title == "Report of the visit: Street triage in Gwynedd"
    assert properties.author == properties.last_modified_by == "Learning Exchange"
    assert properties.language == "en-GB"
    assert properties.created.date() == datetime.datetime.now(datetime.UTC).date()
    assert properties.modified.date() == datetime.datetime.now(datetime.UTC).date()
    styles = [(p.style.name, p.text) for p in word.paragraphs]
    assert ("Title", "Report of the visit: Street triage in Gwynedd") in styles
    assert ("Heading 1", "What we learned from Heddlu Gogledd Cymru") in styles
    assert ("Heading 2", "How is information shared?") in styles
    assert ("List Bullet 2", "even at night") in styles
    assert "Host: Heddlu Gogledd Cymru" in word_text(documents.docx(report_document()))
    footer = word.sections[0].footer._element.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer


def test_plain_text_reads_as_an_email_with_no_markdown_marks():
    text = documents.plain_text(REPORT)
    assert "#" not in text and "**" not in text
    assert "What we learned from Heddlu Gogledd Cymru\n=========" in text
    assert "the triage team (https://example.org/triage)" in text
    assert "- A nurse in the control room, said Siân\n- Calls are triaged early\n  - even at night" in text
    assert "1. First step\n2. Second step" in text
