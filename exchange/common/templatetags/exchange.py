from django import template
from django.http import QueryDict

from exchange.common.markdown import render_markdown
from exchange.common.search import highlight

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    return render_markdown(text)


@register.simple_tag
def highlighted(text, q):
    return highlight(text, q)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None removes one); page resets."""
    params = context["request"].GET.copy() if "request" in context else QueryDict(mutable=True)
    if "page" not in changes:
        params.pop("page", None)
    for key, value in changes.items():
        if value is None or value == "":
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"


@register.simple_tag(takes_context=True)
def query_toggle(context, key, value):
    """The query string with ``value`` added to or removed from the multi-valued ``key``."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    values = params.getlist(key)
    value = str(value)
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    params.setlist(key, values)
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else "?"
