"""Answering "Was this page useful?" (anyone) and the report of the answers (programme staff).

The answer view takes no CSRF token. A token on every page would set a cookie on every public
page, which the Exchange promises not to do (tests/test_deploy.py), and the view reads nothing of
the person's (no session, no account) that a forged request could borrow. Cross-site posts are
refused by their ``Sec-Fetch-Site`` and ``Origin`` headers instead; the rate limit caps the rest.

feedback.js sends the same forms with ``fetch`` and the header ``X-Page-Feedback: fetch``; it
gets back the component's new inside (a fragment rendered without the request, so the session is
never read) rather than a redirect.
"""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from axes.helpers import get_client_ip_address
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from exchange.common.pagination import paginate
from exchange.common.permissions import permission_required

from . import domain, exporters
from .enums import SHORT_LABELS, Reason
from .forms import AnswerForm, ReportFilterForm

FETCH_HEADER = "X-Page-Feedback"
THANKS_PARAMETER = "page_feedback"
ANCHOR = "page-feedback"
SAME_ORIGIN_FETCHES = {"same-origin", "none"}


def answer_context(form, page):
    """What ``feedback/_reasons.html`` needs: the form, the page, the reasons and which are ticked."""
    if form.is_bound and hasattr(form, "cleaned_data") and "reasons" in form.cleaned_data:
        chosen = form.cleaned_data["reasons"]
    else:
        chosen = form.data.getlist("reasons") if form.is_bound else []
    return {"form": form, "page": page, "reasons": Reason.choices, "chosen": chosen}


def without_thanks(full_path):
    """``full_path`` without the thank-you flag, so answering again does not carry it."""
    parts = urlsplit(full_path)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if k != THANKS_PARAMETER]
    return urlunsplit(("", "", parts.path, urlencode(query), ""))


def thanked(request, page, path):
    """Back to the page answered about (its query string kept), saying thank you."""
    if not page.startswith("/") or not url_has_allowed_host_and_scheme(
            page, allowed_hosts={request.get_host()}):
        page = path
    parts = urlsplit(without_thanks(page))
    query = [*parse_qsl(parts.query, keep_blank_values=True), (THANKS_PARAMETER, "thanks")]
    return urlunsplit(("", "", parts.path, urlencode(query), ANCHOR))


def cross_site(request):
    fetched_from = request.headers.get("Sec-Fetch-Site")
    if fetched_from and fetched_from not in SAME_ORIGIN_FETCHES:
        return True
    origin = request.headers.get("Origin")
    if origin is None:
        return False
    return not url_has_allowed_host_and_scheme(f"{origin}/", allowed_hosts={request.get_host()},
                                               require_https=request.is_secure())


def fragment(template, context, status=200):
    # Rendered without the request: no context processor runs, so the session is never read.
    return HttpResponse(render_to_string(template, context), status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def answer(request):
    """GET: the reasons for "No", on a page of their own (how "No" works without JavaScript).
    POST: record an answer; back to the page with thanks, or the form again with its errors."""
    if request.method == "GET":
        return reasons_page(request)
    if cross_site(request):
        raise PermissionDenied("Answer the question on the page itself.")
    fetched = request.headers.get(FETCH_HEADER) == "fetch"
    form = AnswerForm(request.POST)
    try:
        done, recorded = form.carry_out(
            lambda: form.record(address=get_client_ip_address(request)))
    except domain.TooManyAnswers:
        context = {"limited": True, "back": form.cleaned_data["page"]}
        if fetched:
            return fragment("feedback/_not_recorded.html", context, status=429)
        return render(request, "feedback/not_recorded.html", context, status=429)
    if done:
        if fetched:
            return fragment("feedback/_thanks.html", {})
        return redirect(thanked(request, form.cleaned_data["page"], recorded.path))
    path = form.checked_path()
    if form.page_error:
        context = {"message": form.page_error}
        if fetched:
            return fragment("feedback/_not_recorded.html", context, status=400)
        return render(request, "feedback/not_recorded.html", context, status=400)
    page = form.cleaned_data["page"]
    context = answer_context(form, page)
    if fetched:
        return fragment("feedback/_reasons.html", context, status=400)
    return render(request, "feedback/answer.html", {**context, "back": page, "path": path})


def reasons_page(request):
    page = request.GET.get("page", "")
    try:
        path = domain.normalise_path(page)
    except ValidationError:
        raise Http404("There is no page at that address to answer about.") from None
    page = without_thanks(page)
    form = AnswerForm()
    return render(request, "feedback/answer.html",
                  {**answer_context(form, page), "back": page, "path": path})


# --- The report -----------------------------------------------------------------------------


def page_rows(rows):
    """The by-page rows with their percentage useful and reason counts in the reasons' order."""
    return [{**row, "useful_percent": domain.percent(row["useful_answers"], row["answers"]),
             "reason_counts": [row[f"{value}_count"] for value, _ in Reason.choices]}
            for row in rows]


def trend_chart(trend, *, width=600, height=160, gap=10):
    """The bars of the weekly trend as SVG geometry: useful answers below, the rest above."""
    most = max((week.answers for week in trend), default=0) or 1
    bar = (width - gap * (len(trend) - 1)) // len(trend)
    bars = []
    for n, week in enumerate(trend):
        useful = round(height * week.useful_answers / most)
        rest = round(height * week.not_useful_answers / most)
        x = n * (bar + gap)
        bars.append({"x": x, "width": bar, "useful_y": height - useful, "useful_height": useful,
                     "rest_y": height - useful - rest, "rest_height": rest})
    return {"width": width, "height": height, "bars": bars,
            "empty": not any(week.answers for week in trend)}


def report_context(form, filters, found, *, trend_found):
    """What both report pages show: the filters, the totals with their percentage useful, and
    the weekly trend with its chart."""
    totals = domain.totals(found)
    totals["useful_percent"] = domain.percent(totals["useful_answers"], totals["answers"])
    trend = domain.weekly_trend(trend_found, until=filters.get("until"))
    return {"form": form, "filtered": any(filters.values()), "totals": totals,
            "trend": trend, "chart": trend_chart(trend),
            "reason_labels": [label for _, label in Reason.choices],
            "short_labels": [SHORT_LABELS[reason] for reason in Reason]}


@permission_required("feedback.view_report")
@require_GET
def report(request):
    """Answers by page and reason for the dates and pages asked for, the weekly trend, and the
    answers as CSV (``?format=csv``)."""
    form = ReportFilterForm(request.GET if set(request.GET) - {"page", "format"} else None)
    filters = form.filters()
    found = domain.answers(**filters)
    if request.GET.get("format") == "csv":
        return exporters.answers_csv(found)
    page, pages = paginate(request, domain.by_page(found))
    context = report_context(form, filters, found, trend_found=domain.answers(
        page_contains=filters.get("page_contains", "")))
    context.update({"page": page, "pages": pages, "rows": page_rows(page.object_list),
                    "csv_query": urlencode({**{k: v for k, v in request.GET.items()
                                               if k not in {"page", "format"}},
                                            "format": "csv"})})
    return render(request, "feedback/report.html", context)


@permission_required("feedback.view_report")
@require_GET
def report_page(request):
    """One page's answers: its counts, its weekly trend and the "Other" texts given about it."""
    path = request.GET.get("path", "")
    form = ReportFilterForm(request.GET if set(request.GET) - {"page", "path"} else None)
    filters = {**form.filters(), "page_contains": ""}
    found = domain.answers(**filters).filter(path=path)
    texts, pages = paginate(request, domain.other_texts(found, path=path))
    context = report_context(form, filters, found,
                             trend_found=domain.answers().filter(path=path))
    context["reason_rows"] = list(zip(context["reason_labels"],
                                      [context["totals"][f"{v}_count"] for v, _ in Reason.choices],
                                      strict=True))
    context.update({"path": path, "texts": texts, "pages": pages})
    return render(request, "feedback/report_page.html", context)
