"""``manage.py measure_anonymisation [FILE]``: the gate's recall and precision on labelled text."""

from django.core.management.base import BaseCommand, CommandError

from exchange.lessons.measurement import DEFAULT_CASES, load_cases, measure


class Command(BaseCommand):
    help = ("Measure the anonymisation gate on a JSON list of {text, identifying} sentences "
            "(default: the project's labelled test set) and print recall and precision.")

    def add_arguments(self, parser):
        parser.add_argument("file", nargs="?", default=str(DEFAULT_CASES))
        parser.add_argument("--show", action="store_true",
                            help="list the sentences missed and the false alarms")

    def handle(self, *args, file, show, **options):
        try:
            cases = load_cases(file)
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from error
        result = measure(cases)
        self.stdout.write(f"Sentences: {result.total} "
                          f"({result.true_positives + result.false_negatives} identifying)")
        self.stdout.write(f"Recall:    {result.recall:.3f} "
                          f"({result.true_positives} found, {result.false_negatives} missed)")
        self.stdout.write(f"Precision: {result.precision:.3f} "
                          f"({result.false_positives} false alarms)")
        if show:
            for text in result.missed:
                self.stdout.write(f"  missed: {text}")
            for text in result.false_alarms:
                self.stdout.write(f"  false alarm: {text}")
