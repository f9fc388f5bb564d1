"""Events' downloads: an event's registrations as CSV for the organisers."""

import csv

from django.http import HttpResponse
from django.utils import timezone

from exchange.common.spreadsheets import spreadsheet_safe_row

from .models import Registration


def registrations_csv(event):
    """Everyone who registered for ``event`` (every status), with attendance. One query."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{event.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(["Name", "Email", "Status", "Registered at", "Attended"])
    rows = (Registration.objects.filter(event=event).select_related("user")
            .order_by("registered_at", "id"))
    for registration in rows:
        writer.writerow(spreadsheet_safe_row([
            registration.user.full_name, registration.user.email,
            registration.get_status_display(),
            f"{timezone.localtime(registration.registered_at):%Y-%m-%d %H:%M}",
            {True: "Yes", False: "No", None: ""}[registration.attended]]))
    return response

