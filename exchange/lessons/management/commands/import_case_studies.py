"""``manage.py import_case_studies FILE``: load Learning the Lessons case studies from JSON."""

from exchange.common.importing import ImportCommand
from exchange.lessons.importers import ImportFileError, import_case_studies, read_file


class Command(ImportCommand):
    help = (
        "Import case studies from a JSON array with title, themes, roles, force, "
        "date_of_incident, summary, findings, key_learning, action_taken, "
        "outcome_for_individuals, questions [{audience, text}], issue (number), source_url and "
        "external_id; only title and summary are required. Every row is checked first: if any "
        "is invalid nothing is written, unless --skip-invalid. A case whose external_id is "
        "known is updated (a published one through a revision). Imported cases are drafts: "
        "they must pass the anonymisation gate and a second editor before publication. A "
        "withheld force (Anonymised, N/A, -) is left empty; a force that is no known "
        "organisation is kept as text and listed."
    )
    unit = "case"
    file_errors = (ImportFileError,)

    def read(self, path):
        return read_file(path)

    def run_import(self, rows, *, progress, options):
        return import_case_studies(rows=rows, skip_invalid=options["skip_invalid"],
                                   progress=progress)

    def summarise(self, report, options):
        self.stdout.write(self.style.SUCCESS(
            f"Created {report.created} (as drafts), updated {report.updated}, "
            f"skipped {len(report.skipped)} of {report.total} rows."))
        if report.topics_created:
            self.stdout.write("Themes created: " + "; ".join(report.topics_created))
        if report.forces_kept_as_text:
            self.stdout.write("Forces not recognised, kept as text on the case (check them): "
                              + "; ".join(report.forces_kept_as_text))
