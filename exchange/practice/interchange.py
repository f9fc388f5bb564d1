"""The practice interchange format: the fields of a JSON or CSV file of practice entries.

One format serves ``export_practices``, ``import_practices``, the CSV download of the finder
and the API's request body, so what one writes the other reads without loss. A JSON file is an
array of objects; a CSV file has a header row naming the fields. List fields are JSON arrays,
or ``"; "``-separated cells in CSV. ``start_date`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
according to the precision it was given with. ``uid`` is the entry's lasting identity, so a
file imported back updates the entries it came from; ``label_history`` lists the entry's
labels oldest first, as ``{"label", "changed_at"}`` objects in JSON and
``"<changed_at> <label>"`` items in CSV.

The finder's CSV download is for people, not for importing: :func:`readable_row` gives an
entry's fields in the words its page uses ("Independently evaluated", "North East", "March
2024") under :data:`READABLE_HEADINGS`, while the export, the import and the API keep the codes.
"""

import csv
import datetime
import io
import json
from pathlib import Path

from django.utils import timezone
from django.utils.dateformat import format as format_date

from exchange.common.enums import Region

from .enums import DatePrecision, EvidenceLabel, Focus, Recognition, Scale, Stage, Visibility

FIELDS = [
    "title", "summary", "evidence_label", "stage", "focus", "topics", "organisation", "region",
    "partners", "start_date", "scale", "target_groups", "aim", "intended_outcome", "description",
    "results", "effect", "mechanism", "moderators", "implementation", "economic_cost",
    "recognition", "contact_name", "contact_email", "links", "source_url", "visibility",
    "external_id", "uid", "label_history",
]
LIST_FIELDS = {"focus", "topics", "partners", "target_groups", "recognition", "links",
               "label_history"}
LIST_SEPARATOR = "; "
# The key under which a CSV row's cells beyond the header are kept, to be reported.
EXTRA_CELLS = "(cells beyond the header)"
# Fields the interchange format takes straight from the model's column of the same name.
PLAIN_FIELDS = [name for name in FIELDS if name not in LIST_FIELDS
                and name not in {"organisation", "start_date", "external_id", "uid"}]
DATE_FORMATS = {
    DatePrecision.YEAR: "%Y",
    DatePrecision.MONTH: "%Y-%m",
    DatePrecision.DAY: "%Y-%m-%d",
}
# The CSV download's column headings: the words of the entry's page.
READABLE_HEADINGS = {
    "title": "Title", "summary": "Summary", "evidence_label": "Does it work?",
    "stage": "Stage of practice", "focus": "Focus", "topics": "Topics",
    "organisation": "Organisation", "region": "Region", "partners": "Partners",
    "start_date": "Started", "scale": "Scale", "target_groups": "Target groups", "aim": "Aim",
    "intended_outcome": "Intended outcome", "description": "What was done",
    "results": "Results", "effect": "Effect", "mechanism": "Mechanism: why it works",
    "moderators": "Context: where and for whom", "implementation": "Implementation: what it takes",
    "economic_cost": "Economic cost", "recognition": "Recognition", "contact_name": "Contact",
    "contact_email": "Email", "links": "Links", "source_url": "Source",
    "visibility": "Who can see it", "external_id": "Reference in its source",
    "uid": "Identifier", "label_history": "Label history",
}
# The fields stored as a code, with the choices that give each code its words.
CODED_FIELDS = {"evidence_label": EvidenceLabel, "stage": Stage, "region": Region,
                "scale": Scale, "visibility": Visibility, "focus": Focus,
                "recognition": Recognition}
READABLE_DATES = {DatePrecision.YEAR: "Y", DatePrecision.MONTH: "F Y", DatePrecision.DAY: "j F Y"}


class InterchangeError(ValueError):
    """A file that cannot be read as practice entries at all (not a single bad row)."""


# Writing ----------------------------------------------------------------------------------


def format_start_date(date, precision):
    """``2024``, ``2024-03`` or ``2024-03-15``; empty when there is no date."""
    if date is None:
        return ""
    return date.strftime(DATE_FORMATS.get(precision, DATE_FORMATS[DatePrecision.DAY]))


def practice_rows(queryset, *, for_csv=False):
    """Each entry of ``queryset`` as a dict of :data:`FIELDS`, in that order.

    Related rows are prefetched in chunks, so a bank of any size costs a few queries per
    thousand entries, never one per entry. ``for_csv`` joins list fields into ``"; "`` cells.
    """
    queryset = queryset.select_related("organisation").prefetch_related(
        "topics", "focus_rows", "recognition_rows", "label_changes")
    for practice in queryset.iterator(chunk_size=1000):
        row = practice_row(practice)
        yield csv_row(row) if for_csv else row


def practice_row(practice):
    """One entry (with its related rows loaded) as a dict of :data:`FIELDS`."""
    row = {name: getattr(practice, name) for name in PLAIN_FIELDS}
    row.update(
        focus=sorted(r.value for r in practice.focus_rows.all()),
        topics=sorted((t.name for t in practice.topics.all()), key=str.lower),
        organisation=practice.organisation.name if practice.organisation else "",
        partners=list(practice.partners or []),
        start_date=format_start_date(practice.start_date, practice.start_date_precision),
        target_groups=list(practice.target_groups or []),
        recognition=sorted(r.value for r in practice.recognition_rows.all()),
        links=list(practice.links or []),
        external_id=practice.external_id or None,
        uid=str(practice.uid),
        # label_changes is newest first; a file reads better oldest first.
        label_history=[{"label": change.label, "changed_at": change.changed_at.isoformat()}
                       for change in reversed(practice.label_changes.all())],
    )
    return {name: row[name] for name in FIELDS}


def csv_row(row):
    """``row`` with list fields joined into cells and empty values as empty strings."""
    return {name: _csv_cell(row.get(name)) for name in FIELDS}


def _csv_cell(value):
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return LIST_SEPARATOR.join(_csv_item(item) for item in value)
    return value


def _csv_item(item):
    if isinstance(item, dict):  # a label change
        return f"{item['changed_at']} {item['label']}"
    return str(item)


def readable_row(row):
    """A row of :func:`practice_row` as people read it: each code as its label, dates in words,
    list fields joined into ``"; "`` cells and nothing left as ``None``."""
    readable = {}
    for name in FIELDS:
        value = row.get(name)
        if name in CODED_FIELDS:
            value = _labels(CODED_FIELDS[name], value)
        elif name == "start_date":
            value = readable_start_date(value)
        elif name == "label_history":
            value = [_readable_label_change(item) for item in value or []]
        elif name == "links":
            value = [_readable_link(item) for item in value or []]
        readable[name] = _csv_cell(value)
    return readable


def _labels(choices, value):
    labels = dict(choices.choices)
    if isinstance(value, (list, tuple)):
        return [labels.get(item, item) for item in value]
    return labels.get(value, value or "")


def readable_start_date(text):
    """``March 2024`` from ``2024-03``, at the precision it was given; empty when none."""
    if not text:
        return ""
    date, precision = parse_start_date(text)
    return format_date(date, READABLE_DATES[precision])


def _readable_label_change(item):
    when = datetime.datetime.fromisoformat(item["changed_at"])
    if timezone.is_aware(when):
        when = timezone.localtime(when)
    return f"{_labels(EvidenceLabel, item['label'])} from {format_date(when, 'j F Y')}"


def _readable_link(item):
    if isinstance(item, dict):
        url = item.get("url") or item.get("href") or ""
        title = item.get("title") or item.get("text") or ""
        return f"{title} ({url})" if title and title != url else url
    return str(item)


def write_csv(rows, fileobj):
    """Write ``rows`` to a text file object as CSV with a header row of :data:`FIELDS`."""
    writer = csv.DictWriter(fileobj, fieldnames=FIELDS, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(csv_row(row))


def write_json(rows, fileobj):
    """Write ``rows`` to a text file object as a JSON array, one entry at a time."""
    fileobj.write("[")
    written = 0
    for row in rows:
        fileobj.write(",\n  " if written else "\n  ")
        fileobj.write(json.dumps(row, ensure_ascii=False, default=str))
        written += 1
    fileobj.write("\n]\n" if written else "]\n")


# Reading ----------------------------------------------------------------------------------


def parse_start_date(text):
    """``(date, precision)`` from ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raises ValueError."""
    text = text.strip()
    for precision in (DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.YEAR):
        try:
            parsed = datetime.datetime.strptime(text, DATE_FORMATS[precision]).date()
        except ValueError:
            continue
        if len(text) == len(parsed.strftime(DATE_FORMATS[precision])):
            return parsed, precision
    raise ValueError(f"'{text}' is not a date; write it as YYYY, YYYY-MM or YYYY-MM-DD")


def split_list(value):
    """A list field's value as a list of stripped, non-empty strings (from a list or a cell)."""
    if value is None:
        return []
    if isinstance(value, str):
        value = value.split(";")
    return [str(item).strip() for item in value if item is not None and str(item).strip()]


def read_file(path):
    """The entries of a JSON or CSV file as ``[(row_number, dict)]``.

    The format comes from the extension (``.json``, ``.csv``) or, failing that, from the first
    character. JSON rows count from 1; CSV rows are numbered as in a spreadsheet, where the
    header is row 1. Raises :class:`InterchangeError` when the file cannot be read at all.
    """
    path = Path(path)
    try:
        # newline="" keeps a cell's own line breaks exactly as they were written.
        with path.open(encoding="utf-8-sig", newline="") as fileobj:
            text = fileobj.read()
    except (OSError, UnicodeDecodeError) as error:
        raise InterchangeError(f"Cannot read {path}: {error}") from error
    kind = path.suffix.lower().lstrip(".")
    if kind not in {"json", "csv"}:
        kind = "json" if text.lstrip()[:1] in {"[", "{"} else "csv"
    return read_json(text) if kind == "json" else read_csv(text)


def read_json(text):
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InterchangeError(f"The file is not valid JSON: {error}") from error
    if not isinstance(data, list):
        raise InterchangeError("The JSON file must hold an array of entries, [ {...}, {...} ].")
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            raise InterchangeError(f"Row {number} is not an object with named fields.")
    return list(enumerate(data, start=1))


def read_csv(text):
    reader = csv.DictReader(io.StringIO(text))
    if not reader.fieldnames or not any(name.strip() for name in reader.fieldnames):
        if not text.strip():
            return []
        raise InterchangeError("The CSV file has no header row naming its fields.")
    rows = []
    try:
        for number, row in enumerate(reader, start=2):
            rows.append((number, _csv_record(number, row)))
    except csv.Error as error:
        raise InterchangeError(f"The CSV file cannot be read: {error}") from error
    return rows


def _csv_record(number, row):
    extra = row.pop(None, None)
    record = {name.strip(): ("" if value is None else value) for name, value in row.items()
              if name.strip() or (value or "").strip()}
    if extra and any(cell.strip() for cell in extra):
        # Usually an unquoted comma; reported against the row like any other problem.
        record[EXTRA_CELLS] = extra
    return record
