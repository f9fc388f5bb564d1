"""``{% page_feedback %}``: "Was this page useful?" at the end of a page (base.html).

Left out where the question makes no sense: error pages (Django's 403 and 404 views put
``exception`` in the context; its 400 and 500 views render without the request; a 404 for an
address no pattern matches has no ``resolver_match``), and the feedback pages, the admin and the
API's pages. It reads only the request's path: no session, no database. The query string is
not carried: it is not part of the page answered about, and whatever a link put there (a
hostile `?back=`, say) has no business being written into every page's form.
"""

from django import template

from exchange.feedback.domain import UNANSWERABLE_NAMESPACES
from exchange.feedback.enums import Reason
from exchange.feedback.forms import AnswerForm
from exchange.feedback.views import THANKS_PARAMETER

register = template.Library()


def shows_question(context):
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    return (match is not None and "exception" not in context
            and not set(match.namespaces) & UNANSWERABLE_NAMESPACES)


@register.inclusion_tag("feedback/_component.html", takes_context=True)
def page_feedback(context):
    if not shows_question(context):
        return {"shown": False}
    request = context["request"]
    page = request.path
    return {"shown": True, "page": page, "thanked": request.GET.get(THANKS_PARAMETER) == "thanks",
            "form": AnswerForm(),
            "reasons": Reason.choices, "chosen": []}
