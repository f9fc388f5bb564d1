"""Filters for text people type into a visit: joining details with a meeting link in them."""

import re

from django import template
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Only web addresses become links: a "javascript:" or "data:" address stays plain text.
WEB_ADDRESS = re.compile(r"https?://[^\s<>\"']+", re.IGNORECASE)
# A sentence's full stop or a closing bracket after an address is not part of it.
TRAILING = ".,;:!?)]}"


@register.filter
def linked_web_addresses(text):
    """``text`` escaped, with each http(s) address as a link that opens safely."""
    parts, last = [], 0
    for match in WEB_ADDRESS.finditer(text or ""):
        address = match.group(0).rstrip(TRAILING)
        end = match.start() + len(address)
        parts.append(escape(text[last:match.start()]))
        parts.append(format_html('<a class="govuk-link" href="{}" rel="noopener noreferrer">{}</a>',
                                 address, address))
        last = end
    parts.append(escape((text or "")[last:]))
    return mark_safe("".join(parts))  # every part above is escaped
