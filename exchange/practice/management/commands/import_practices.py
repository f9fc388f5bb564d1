"""``manage.py import_practices FILE``: load practice entries from a JSON or CSV file."""

from django.core.management.base import CommandError
from django.db import IntegrityError

from exchange.common.importing import ImportCommand
from exchange.practice.importers import import_practices
from exchange.practice.interchange import InterchangeError, read_file


class Command(ImportCommand):
    help = (
        "Import practice entries from a JSON array or a CSV file with the interchange fields "
        "(see exchange/practice/interchange.py). Every row is checked first: if any is invalid "
        "nothing is written, unless --skip-invalid. An entry whose external_id is already in "
        "the bank is updated. CSV rows are numbered as in a spreadsheet (the header is row 1)."
    )
    unit = "entry"
    file_errors = (InterchangeError,)

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument("--publish", action="store_true",
                            help="publish new entries at once instead of queueing them for review")

    def read(self, path):
        return read_file(path)

    def run_import(self, rows, *, progress, options):
        try:
            return import_practices(rows=rows, publish=options["publish"],
                                    skip_invalid=options["skip_invalid"], progress=progress)
        except IntegrityError as error:
            # Someone else wrote the same external id or name meanwhile; all was rolled back.
            raise CommandError(f"Nothing was imported: the bank changed during the import "
                               f"({error}). Run it again.") from error

    def summarise(self, report, options):
        state = "published" if options["publish"] else "waiting for review"
        self.stdout.write(self.style.SUCCESS(
            f"Created {report.created} ({state}), updated {report.updated}, "
            f"skipped {len(report.skipped)} of {report.total} rows."))
        if report.organisations_created:
            self.stdout.write("Organisations created with type 'other' (check them in the admin): "
                              + "; ".join(report.organisations_created))
        if report.topics_created:
            self.stdout.write("Topics created: " + "; ".join(report.topics_created))
