"""``manage.py export_practices FILE``: write every published entry in the interchange format."""

from contextlib import nullcontext
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from exchange.practice.interchange import practice_rows, write_csv, write_json
from exchange.practice.models import Practice


class Command(BaseCommand):
    help = (
        "Export every published entry, members-only ones included (a staff tool), as JSON or "
        "CSV in the format import_practices reads, so an export imports back without loss."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="a .json or .csv file, or - for standard output")
        parser.add_argument("--format", dest="kind", choices=["json", "csv"],
                            help="the format (default: from the file's extension)")

    def handle(self, *args, file, kind, **options):
        kind = kind or Path(file).suffix.lower().lstrip(".")
        if kind not in {"json", "csv"}:
            raise CommandError("Say --format json or --format csv, or name a .json or .csv file.")
        counted = _Counter(practice_rows(Practice.objects.live().order_by("pk"),
                                         for_csv=kind == "csv"))
        target = nullcontext(self.stdout._out) if file == "-" else open(  # noqa: SIM115
            file, "w", encoding="utf-8", newline="")
        with target as fileobj:
            (write_csv if kind == "csv" else write_json)(counted, fileobj)
        if file != "-":
            self.stdout.write(self.style.SUCCESS(f"Exported {counted.count} entries to {file}."))


class _Counter:
    def __init__(self, rows):
        self.rows, self.count = rows, 0

    def __iter__(self):
        for row in self.rows:
            self.count += 1
            yield row
