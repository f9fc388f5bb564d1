"""What every import command shares: read the file, show progress, report every bad row.

An app's importer fills in an :class:`ImportReport` (each problem a :class:`Problem` with its
row, field and message); a command subclasses :class:`ImportCommand` and names how to read the
file and run the import. After a write the command refreshes the planner's statistics
(:mod:`exchange.common.planner_statistics`).
"""

from abc import ABCMeta, abstractmethod
from collections import namedtuple
from dataclasses import dataclass, field

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from .planner_statistics import refresh_planner_statistics

Problem = namedtuple("Problem", "row field message")


@dataclass
class ImportReport:
    """What an import did, or would have done: counts, and every problem by row and field."""

    total: int = 0
    created: int = 0
    updated: int = 0
    skipped: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    topics_created: list = field(default_factory=list)
    written: bool = False


class ImportCommand(BaseCommand, metaclass=ABCMeta):
    unit = "row"
    file_errors = ()  # exceptions the reader raises for a file it cannot read

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument("--skip-invalid", action="store_true",
                            help="import the valid rows and report the invalid ones")

    @abstractmethod
    def read(self, path):
        """The file's rows as ``[(row_number, dict)]``; raises one of ``file_errors``."""

    @abstractmethod
    def run_import(self, rows, *, progress, options):
        """Import ``rows`` through the app's importer and return its report."""

    @abstractmethod
    def summarise(self, report, options):
        """Tell the person what was created, updated and skipped."""

    def handle(self, *args, **options):
        try:
            rows = self.read(options["file"])
        except self.file_errors as error:
            raise CommandError(str(error)) from error
        # A bar is for a person watching; in a log or a pipe it is noise.
        bar = tqdm(total=len(rows), unit=self.unit, file=self.stdout._out, leave=False,
                   disable=not self.stdout.isatty())
        with bar:
            report = self.run_import(rows, progress=bar.update, options=options)
        for problem in report.problems:
            where = f"row {problem.row}, field {problem.field}" if problem.field else f"row {problem.row}"
            self.stderr.write(f"{where}: {problem.message}")
        if not report.written:
            raise CommandError(
                f"{len(report.skipped)} of {report.total} rows have problems, so nothing was "
                "imported. Fix them, or use --skip-invalid to import the other rows.")
        # Fresh rows without fresh statistics make SQLite's first searches take seconds.
        refresh_planner_statistics()
        self.summarise(report, options)
