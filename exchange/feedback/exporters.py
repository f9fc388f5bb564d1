"""The answers as a CSV download for staff, one row an answer, streamed."""

import csv

from django.http import StreamingHttpResponse
from django.utils import timezone

from exchange.common.spreadsheets import spreadsheet_safe_row

HEADER = ["Date", "Page", "Useful", "Reasons", "Other (scrubbed)"]


class _Echo:
    def write(self, value):
        return value


def answer_rows(found):
    yield HEADER
    for answer in found.order_by("-created_at", "-id").iterator(chunk_size=2000):
        yield spreadsheet_safe_row([
            timezone.localtime(answer.created_at).strftime("%Y-%m-%d %H:%M"), answer.path,
            "Yes" if answer.useful else "No", "; ".join(r.label for r in answer.reasons),
            answer.other_text])


def answers_csv(found):
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse((writer.writerow(row) for row in answer_rows(found)),
                                     content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="page-feedback-{timezone.localdate():%Y-%m-%d}.csv"')
    return response
