"""Recall and precision of the anonymisation gate on a labelled set of sentences.

A sentence labelled identifying counts as found when the detector returns any finding for it;
an innocent sentence with a finding is a false alarm. Both the test and
``manage.py measure_anonymisation`` use this, so the figures in the design note are the tested ones.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from exchange.common.anonymisation import find_identifiers

DEFAULT_CASES = (Path(__file__).resolve().parents[2] / "tests" / "lessons" / "data"
                 / "anonymisation_cases.json")


@dataclass
class Measurement:
    true_positives: int = 0
    false_positives: int = 0
    false_negatives: int = 0
    true_negatives: int = 0
    missed: list = field(default_factory=list)
    false_alarms: list = field(default_factory=list)

    @property
    def recall(self):
        found = self.true_positives + self.false_negatives
        return self.true_positives / found if found else 1.0

    @property
    def precision(self):
        flagged = self.true_positives + self.false_positives
        return self.true_positives / flagged if flagged else 1.0

    @property
    def total(self):
        return (self.true_positives + self.false_positives + self.false_negatives
                + self.true_negatives)


def load_cases(path=DEFAULT_CASES):
    return json.loads(Path(path).read_text(encoding="utf-8"))


def measure(cases):
    result = Measurement()
    for case in cases:
        flagged = bool(find_identifiers(case["text"]))
        if case["identifying"] and flagged:
            result.true_positives += 1
        elif case["identifying"]:
            result.false_negatives += 1
            result.missed.append(case["text"])
        elif flagged:
            result.false_positives += 1
            result.false_alarms.append(case["text"])
        else:
            result.true_negatives += 1
    return result
