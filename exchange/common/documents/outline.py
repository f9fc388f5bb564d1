"""A document as blocks: the header and body every renderer draws, read from Markdown or built
in code, and the plain text an email carries."""

import datetime
import re
from dataclasses import dataclass, field

import lxml.html

from ..markdown import render_markdown

AUTHOR = "Learning Exchange"
LANGUAGE = "en-GB"
# The colours both renderers draw with (GOV.UK's text, secondary text, link blue and border).
INK, GREY, BLUE, RULE = (11, 12, 12), (80, 90, 95), (29, 112, 184), (177, 180, 182)


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; ``link`` is its address, if it is a link."""

    text: str
    bold: bool = False
    italic: bool = False
    link: str = ""


@dataclass(frozen=True)
class Block:
    """One block of the body. ``kind`` is heading, paragraph, bullet, number, quote, lead or
    meta (a small line under a heading: themes, a byline); ``level`` is a heading's level or a
    list item's depth (1 for a top-level item); ``number`` a numbered item's number."""

    kind: str
    runs: tuple
    level: int = 1
    number: int = 0

    @property
    def text(self):
        return "".join(run.text for run in self.runs)


@dataclass
class Document:
    """What a renderer needs: the header, then the body. ``details`` are ``(label, value)``
    pairs shown under the title (host, date, who took part); empty values are left out."""

    title: str
    blocks: list
    caption: str = ""
    details: list = field(default_factory=list)
    summary: str = ""
    subject: str = ""
    created: datetime.datetime | None = None

    @property
    def shown_details(self):
        return [(label, value) for label, value in self.details if value]


def heading(text, level=1):
    return Block("heading", (Run(text),), level=level)


def paragraph(text, kind="paragraph"):
    return Block(kind, (Run(text),))


def bullet(text):
    return Block("bullet", (Run(text),))


# Markdown → blocks ---------------------------------------------------------------------------

BLOCK_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "blockquote", "pre", "table",
              "hr"}


def outline(markdown_text, *, top=1):
    """The blocks of ``markdown_text``, its headings renumbered to start at level ``top``."""
    html = str(render_markdown(markdown_text or ""))
    if not html.strip():
        return []
    blocks = []
    for element in lxml.html.fragments_fromstring(html):
        if isinstance(element, str):  # text the sanitiser left outside any block
            if element.strip():
                blocks.append(paragraph(" ".join(element.split())))
            continue
        blocks += _blocks(element)
        if element.tail and element.tail.strip():
            blocks.append(paragraph(" ".join(element.tail.split())))
    return _renumber_headings(blocks, top=top)


def _blocks(element, depth=0):
    tag = element.tag
    if tag in ("ul", "ol"):
        return _list_blocks(element, depth + 1)
    if tag == "blockquote":
        inner = [b for child in element for b in _blocks(child, depth)]
        return [Block("quote", b.runs) for b in inner] or [Block("quote", _runs(element))]
    if tag == "table":
        rows = element.iter("tr")
        return [Block("paragraph", tuple(Run(" | ".join(" ".join(c.text_content().split())
                                                      for c in row), bold=(i == 0))))
                for i, row in enumerate(rows)]
    if tag == "hr":
        return []
    if re.fullmatch(r"h[1-6]", tag):
        return [Block("heading", _runs(element), level=int(tag[1]))]
    runs = _runs(element)
    return [Block("paragraph", runs)] if "".join(r.text for r in runs).strip() else []


def _list_blocks(element, depth):
    blocks = []
    for number, item in enumerate(element.findall("li"), start=1):
        nested = [child for child in item if child.tag in ("ul", "ol")]
        kind = "number" if element.tag == "ol" else "bullet"
        runs = _runs(item)
        if "".join(r.text for r in runs).strip():
            blocks.append(Block(kind, runs, level=depth, number=number))
        for child in nested:
            blocks += _blocks(child, depth)
    return blocks


def _runs(element):
    """The element's text as runs, whitespace collapsed as a browser would."""
    runs = []

    def walk(node, bold, italic, link):
        tag = node.tag if isinstance(node.tag, str) else ""
        bold = bold or tag in ("strong", "b", "th")
        italic = italic or tag in ("em", "i")
        link = node.get("href", link) if tag == "a" else link
        if tag == "br":
            runs.append(Run("\n"))
        elif tag in ("ul", "ol"):
            return
        if node.text and tag != "br":
            runs.append(Run(re.sub(r"\s+", " ", node.text), bold, italic, link))
        for child in node:
            walk(child, bold, italic, link)
            if child.tail:
                runs.append(Run(re.sub(r"\s+", " ", child.tail), bold, italic, link))
        if tag in ("p", "li") and node is not element:
            runs.append(Run(" "))

    walk(element, False, False, "")
    return _tidy(runs)


def _tidy(runs):
    tidied, previous_space = [], True
    for run in runs:
        text = run.text
        if previous_space:
            text = text.lstrip(" ")
        if not text:
            continue
        previous_space = text.endswith((" ", "\n"))
        tidied.append(Run(text, run.bold, run.italic, run.link))
    if tidied:
        last = tidied[-1]
        tidied[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.link)
    return tuple(run for run in tidied if run.text)


def _renumber_headings(blocks, *, top):
    """Headings from ``top`` in order: a heading is one level under the nearest heading above
    it that the writer marked as bigger, so "##" then "####" becomes 1 then 2, never 1 then 3."""
    stack, out = [], []
    for block in blocks:
        if block.kind != "heading":
            out.append(block)
            continue
        while stack and stack[-1][0] >= block.level:
            stack.pop()
        level = stack[-1][1] + 1 if stack else top
        stack.append((block.level, level))
        out.append(Block("heading", block.runs, level=level))
    return out


# Plain text (email) ---------------------------------------------------------------------------

def plain_text(markdown_text):
    """Markdown as an email's plain-text part: headings underlined, lists with "-" or numbers,
    links as "text (address)", no Markdown marks left."""
    lines = []
    for block in outline(markdown_text):
        text = _plain_runs(block.runs)
        if block.kind == "heading":
            lines += [text, ("=" if block.level == 1 else "-") * min(len(text), 70)]
        elif block.kind in ("bullet", "number"):
            mark = f"{block.number}." if block.kind == "number" else "-"
            lines.append("  " * (block.level - 1) + f"{mark} {text}")
        elif block.kind == "quote":
            lines.append("\n".join(f"> {line}" for line in text.splitlines()))
        else:
            lines.append(text)
        # Consecutive list items stay together; everything else is a paragraph of its own.
        lines.append("" if block.kind not in ("bullet", "number") else None)
    joined = "\n".join(line for line in _close_lists(lines) if line is not None)
    return joined.strip() + "\n"


def _close_lists(lines):
    out = []
    for index, line in enumerate(lines):
        is_item_gap = line is None
        if is_item_gap:
            following = next((x for x in lines[index + 1:] if x is not None), "")
            out.append(None if re.match(r"\s*(-|\d+\.) ", following) else "")
        else:
            out.append(line)
    return out


def _plain_runs(runs):
    parts = []
    for run in runs:
        if run.link and run.link not in (run.text, f"mailto:{run.text}"):
            parts.append(f"{run.text} ({run.link})")
        else:
            parts.append(run.text)
    return "".join(parts)


