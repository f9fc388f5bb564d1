"""What a support request's pages share: its sections, as the person looking may open them."""

from django import template

from ..domain.requests import sections

register = template.Library()


@register.simple_tag(takes_context=True)
def request_sections(context, support_request):
    """``[(label, url_name, url)]``: the request's sections the signed-in person may open at
    its stage (``support/requests/_nav.html`` draws them)."""
    return sections(support_request, context["request"].user)
