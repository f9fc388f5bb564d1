import datetime

from django import template
from django.contrib.contenttypes.models import ContentType
from django.http import QueryDict
from django.utils import timezone
from django.utils.timesince import timesince

from exchange.common.markdown import render_markdown
from exchange.common.programmes import activity_wording
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


@register.simple_tag(takes_context=True)
def programme_teaser(context, teaser):
    """A programme's home-page teaser: its template, with its own context added to the page's."""
    template = context.template.engine.get_template(teaser["template"])
    with context.push(**teaser["context"]):
        return template.render(context)


@register.filter
def activity_rows(entries):
    """Activity-log rows as people read them: each verb by the label its app declares (in its
    ``programme.py``), each state by its display label; never the raw verb or value."""
    return [activity_row(entry) for entry in entries]


def activity_row(entry):
    app_label = ContentType.objects.get_for_id(entry.content_type_id).app_label
    verbs, states = activity_wording(app_label)
    row = {"at": entry.created_at, "actor": entry.actor, "note": entry.note,
           "label": verbs.get(entry.verb) or readable(entry.verb), "from_state": "", "to_state": ""}
    # A row that records no change of state (an edit, a comment) shows none.
    if entry.to_state and entry.from_state != entry.to_state:
        row["from_state"] = states.get(entry.from_state) or readable(entry.from_state)
        row["to_state"] = states.get(entry.to_state) or readable(entry.to_state)
    return row


def readable(value):
    """A value no label was declared for, in words: ``"submit_for_review"`` → "Submit for review"."""
    return value.replace("_", " ").capitalize()


@register.filter
def waited(since):
    """How long since ``since``, in words: Django's ``timesince``, but "less than a minute"
    rather than "0 minutes" for something that has only just arrived."""
    if not since:
        return ""
    if timezone.now() - since < datetime.timedelta(minutes=1):
        return "less than a minute"
    return timesince(since)
