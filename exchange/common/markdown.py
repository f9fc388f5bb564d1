"""Markdown for long text fields, always passed through the nh3 sanitiser before display."""

import markdown as markdown_lib
import nh3
from django.utils.safestring import mark_safe

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre", "h2", "h3",
    "h4", "table", "thead", "tbody", "tr", "th", "td", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set()}
GOVUK_CLASSES = {
    "<p>": '<p class="govuk-body">',
    "<ul>": '<ul class="govuk-list govuk-list--bullet">',
    "<ol>": '<ol class="govuk-list govuk-list--number">',
    "<h2>": '<h2 class="govuk-heading-m">',
    "<h3>": '<h3 class="govuk-heading-s">',
    "<h4>": '<h4 class="govuk-heading-s">',
    "<a href": '<a class="govuk-link" href',
    "<table>": '<table class="govuk-table">',
}


def render_markdown(text):
    """Safe HTML from user Markdown: raw HTML, scripts, styles and event handlers are removed."""
    if not text:
        return mark_safe("")
    html = markdown_lib.markdown(text, extensions=["extra", "sane_lists"], output_format="html")
    clean = nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES,
                      url_schemes={"http", "https", "mailto"}, link_rel="noopener noreferrer")
    for plain, styled in GOVUK_CLASSES.items():
        clean = clean.replace(plain, styled)
    return mark_safe(clean)
