"""Finding practice: the filterable list, its CSV download, the Atom feed and the detail page."""

import csv
from datetime import date
from urllib.parse import parse_qsl, urlencode, urlsplit

from django.conf import settings
from django.db.models import Count
from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.dateformat import format as format_date
from django.views.decorators.http import require_GET

from exchange.common.models import Activity
from exchange.common.pagination import page_links
from exchange.common.permissions import allows
from exchange.common.spreadsheets import spreadsheet_safe_row

from .. import finder, interchange
from ..enums import EVIDENCE_LABEL_EXPLANATIONS, DatePrecision, PracticeStatus
from ..feeds import LatestPracticeFeed
from ..models import Practice

__all__ = ["LatestPracticeFeed", "practice_csv", "practice_detail", "practice_list"]

RELATED_COUNT = 5


@require_GET
def practice_list(request):
    query, errors = finder.PracticeQuery.from_params(request.GET)
    result = finder.find(request.user, query, page=_page_number(request.GET),
                         page_size=settings.EXCHANGE_PAGE_SIZE, when_nothing_matches=True)
    context = {
        "query": query,
        "errors": errors,
        "result": result,
        "facet_groups": _facet_groups(result.facets),
        "selected_filters": _selected_filters(result.facets),
        "sorts": _sort_options(query),
        "pages": page_links(request.GET, result.page, result.num_pages),
        "list_query": _without(request.GET, "page"),
        "back_query": _back_query(request.GET),
        "clear_filters_query": _without(request.GET, "page", *finder.FACETS),
    }
    # A history restore needs the whole page; any other htmx request swaps the results only.
    partial = request.headers.get("HX-Request") and not request.headers.get(
        "HX-History-Restore-Request")
    template = "practice/_results.html" if partial else "practice/list.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


def _page_number(params):
    try:
        return max(1, int(params.get("page", 1)))
    except (TypeError, ValueError):
        return 1


def _without(params, *names):
    params = params.copy()
    for name in names:
        params.pop(name, None)
    return params.urlencode()


def _back_query(params):
    """``back=<this list's address>`` for the links to entries, so an entry's back link returns
    to this search, its filters and its page. Empty for the bare list, whose address is known."""
    kept = [(name, value) for name, values in params.lists() for value in values if value.strip()]
    if not kept:
        return ""
    return urlencode({"back": f"{reverse('practice:list')}?{urlencode(kept)}"})


def back_to_list(back):
    """The practice list address in ``back``, rebuilt from its query; the bare list for anything
    else. Only this site's practice list is ever returned, so ``back`` is no open redirect."""
    list_path = reverse("practice:list")
    try:
        parts = urlsplit(back or "")
    except ValueError:
        return list_path
    if parts.scheme or parts.netloc or parts.path != list_path:
        return list_path
    query = urlencode(parse_qsl(parts.query))
    return f"{list_path}?{query}" if query else list_path


def _facet_groups(facets):
    return [{"name": name, "label": finder.FACET_LABELS[name], "options": facets[name]}
            for name in finder.FACETS if facets.get(name)]


def _selected_filters(facets):
    return [{"name": name, "group": finder.FACET_LABELS[name], **option}
            for name in finder.FACETS for option in facets.get(name, []) if option["selected"]]


def _sort_options(query):
    """The sort choices; the first, "", is the default: relevance with words, else newest."""
    default = "relevance" if query.has_words else "newest"
    current = query.effective_sort
    options = [{"value": "", "label": finder.SORT_LABELS[default], "selected": current == default}]
    options += [{"value": name, "label": finder.SORT_LABELS[name], "selected": current == name}
                for name in ["newest", "oldest", "title", "start_date"] if name != default]
    return options


@require_GET
def practice_csv(request):
    """Exactly the filtered list, every page, in the same order, in the words of the pages.

    People open it in a spreadsheet, so it says "Independently evaluated", not the code; the
    codes stay in ``export_practices`` and the API, which machines read. No entries: the
    header row alone (the list offers no download then, but an address may be kept).
    """
    query, _ = finder.PracticeQuery.from_params(request.GET)
    rows = interchange.practice_rows(finder.filtered(request.user, query))
    response = StreamingHttpResponse(_csv_lines(rows), content_type="text/csv; charset=utf-8")
    filename = f"practice-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Line:
    """A file-like object whose write returns the line, so csv.writer can feed a generator."""

    def write(self, value):
        return value


def _csv_lines(rows):
    writer = csv.writer(_Line())
    yield writer.writerow(interchange.READABLE_HEADINGS[name] for name in interchange.FIELDS)
    for row in rows:
        readable = interchange.readable_row(row)
        yield writer.writerow(spreadsheet_safe_row(readable[name] for name in interchange.FIELDS))


@require_GET
def practice_detail(request, pk):
    practice = get_object_or_404(
        Practice.objects.for_user(request.user)
        .select_related("organisation", "submitted_by", "revision_of")
        .prefetch_related("topics", "focus_rows", "recognition_rows", "label_changes"),
        pk=pk,
    )
    user = request.user
    context = {
        "practice": practice,
        "label_explanation": EVIDENCE_LABEL_EXPLANATIONS.get(practice.evidence_label, ""),
        "label_history": label_history_sentence(practice),
        "start_date": start_date_display(practice),
        "links": _links(practice.links),
        "related": related_entries(user, practice) if practice.is_live else [],
        "activities": _activities(user, practice),
        "can_review": allows(user, "practice.review_practice", practice),
        "can_suggest_changes": allows(user, "practice.revise_practice", practice),
        "can_edit": allows(user, "practice.change_practice", practice),
        "is_published": practice.status == PracticeStatus.PUBLISHED,
        "back_to_list": back_to_list(request.GET.get("back")),
    }
    # The related entries' links keep the way back to the same search.
    if context["back_to_list"] != reverse("practice:list"):
        context["back_query"] = urlencode({"back": context["back_to_list"]})
    return render(request, "practice/detail.html", context)


def label_history_sentence(practice):
    """"Promising since March 2025, previously new or innovative", from the label history.

    Empty when there is no history, or when it does not end at the current label (an entry
    imported with a label but never published through review), rather than say something false.
    """
    changes = list(practice.label_changes.all())
    if not changes or changes[0].label != practice.evidence_label:
        return ""
    latest, *earlier = changes
    since = format_date(timezone.localtime(latest.changed_at), "F Y")
    sentence = f"{latest.get_label_display()} since {since}"
    previous = []
    for change in earlier:
        label = change.get_label_display().lower()
        if label not in previous and change.label != latest.label:
            previous.append(label)
    if previous:
        joined = previous[0] if len(previous) == 1 else (
            ", ".join(previous[:-1]) + " and before that " + previous[-1])
        sentence += f", previously {joined}"
    return sentence


def start_date_display(practice):
    """The start date at the precision it was given: 2021, March 2021 or 5 March 2021."""
    value = practice.start_date
    if not isinstance(value, date):
        return ""
    if practice.start_date_precision == DatePrecision.YEAR:
        return str(value.year)
    if practice.start_date_precision == DatePrecision.MONTH:
        return format_date(value, "F Y")
    return format_date(value, "j F Y")


def _links(links):
    """Links as (text, url) whether stored as plain URLs or as {"title", "url"} objects."""
    shown = []
    for link in links or []:
        if isinstance(link, dict):
            url = link.get("url") or link.get("href") or ""
            text = link.get("title") or link.get("text") or url
        else:
            url = text = str(link)
        if url.startswith(("http://", "https://")):
            shown.append((text, url))
    return shown


def related_entries(user, practice):
    """Up to five other listed entries sharing the most topics, then ones with the same focus."""
    others = (Practice.objects.public_listing(user).exclude(pk=practice.pk)
              .select_related("organisation").order_by())
    topic_ids = [topic.pk for topic in practice.topics.all()]
    related = []
    if topic_ids:
        related = list(others.filter(topics__in=topic_ids).annotate(shared=Count("topics"))
                       .order_by("-shared", "-published_at", "-pk")[:RELATED_COUNT])
    focus = [row.value for row in practice.focus_rows.all()]
    if len(related) < RELATED_COUNT and focus:
        same_focus = (others.filter(focus_rows__value__in=focus)
                      .exclude(pk__in=[entry.pk for entry in related]).distinct()
                      .order_by("-published_at", "-pk"))
        related += list(same_focus[:RELATED_COUNT - len(related)])
    return related


def _activities(user, practice):
    # The log records decisions taken in review: reviewers read it, as on the review page.
    if not allows(user, "practice.review_practice", practice):
        return []
    return list(Activity.objects.for_user(user).for_object(practice).select_related("actor"))
