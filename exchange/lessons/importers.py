"""Importing case studies from a JSON array (``manage.py import_case_studies FILE``).

Every row is checked before any is written: with a bad row nothing is written and the report
lists every problem by row and field, unless ``skip_invalid``. A row whose ``external_id`` is
already known updates that case: a draft in place, a published one through a revision (the
published text stays until the revision is approved). New cases start as drafts, so each must
pass the anonymisation gate and a second editor before it is published.

The IOPC often withholds the force: an empty or withheld force ("Anonymised", "N/A", "-" …)
is no force; "Kent Police (with Essex Police)" is matched by the name before the brackets; a
name that is no known organisation is kept as text on the case (``force_name``) and named in
the report, as the practice import names the organisations it had to create.
"""

import json
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models.functions import Lower

from exchange.common.domain import log_activity
from exchange.common.importing import ImportReport as BaseReport
from exchange.common.importing import Problem
from exchange.common.models import Topic
from exchange.people.models import Organisation

from .domain import is_locked, revise_case, save_case_study
from .enums import LOCKED_STATES, Audience, Role
from .models import CaseStudy, LessonsIssue

FIELDS = {"title", "themes", "roles", "force", "date_of_incident", "summary", "findings",
          "key_learning", "action_taken", "outcome_for_individuals", "questions", "issue",
          "source_url", "external_id"}
TEXT_FIELDS = ["summary", "findings", "key_learning", "action_taken", "outcome_for_individuals"]
ROLE_BY_NAME = {**{v: v for v in Role.values}, **{label.lower(): v for v, label in Role.choices}}
AUDIENCE_BY_NAME = {**{v: v for v in Audience.values},
                    **{label.lower(): v for v, label in Audience.choices}}
# How sources say the force is not given, compared lower-cased without punctuation or spaces.
WITHHELD_FORCE = {"", "anonymised", "anonymized", "anonymous", "withheld", "notdisclosed",
                  "undisclosed", "na", "none", "notknown", "unknown", "notstated", "notgiven",
                  "redacted", "notapplicable"}
BRACKETED_NOTE = re.compile(r"\s*[(\[].*$")


@dataclass
class ImportReport(BaseReport):
    """The shared report, plus the force names kept as text because no organisation has them,
    each as ``"row N: name"``."""

    forces_kept_as_text: list = field(default_factory=list)


class ImportFileError(Exception):
    """The file cannot be read as a JSON array of objects."""


def read_file(path):
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise ImportFileError(f"Cannot read {path}: {error}") from error
    except json.JSONDecodeError as error:
        raise ImportFileError(f"{path} is not valid JSON: {error}") from error
    if not isinstance(rows, list):
        raise ImportFileError(f"{path} must hold a JSON array of case studies")
    return rows


class Row:
    """Checks one row; ``data`` holds clean values, ``errors`` every ``(field, message)``."""

    def __init__(self, raw, *, issues, organisations):
        self.data, self.errors = {}, []
        if not isinstance(raw, dict):
            self.errors.append((None, "each case study must be a JSON object"))
            return
        for name in sorted(set(raw) - FIELDS):
            self.errors.append((name, f"unknown field '{name}'"))
        self._text(raw, "title", required="Enter a title", max_length=200)
        self._text(raw, "summary", required="Enter a summary of what happened")
        for name in TEXT_FIELDS[1:]:
            self._text(raw, name)
        self._text(raw, "external_id", max_length=100)
        self._source_url(raw)
        self._date(raw)
        self._list(raw, "themes")
        self._roles(raw)
        self._questions(raw)
        self._lookup(raw, "issue", issues, "no issue with number {}")
        self._issue_open()
        self._force(raw, organisations)

    def _text(self, raw, name, *, required=None, max_length=None):
        value = raw.get(name)
        if value is None or value == "":
            if required:
                self.errors.append((name, required))
            return
        if not isinstance(value, str):
            self.errors.append((name, "must be text"))
            return
        if max_length and len(value.strip()) > max_length:
            self.errors.append((name, f"must be at most {max_length} characters"))
            return
        self.data[name] = value.strip()

    def _source_url(self, raw):
        value = raw.get("source_url")
        if not value:
            return
        try:
            URLValidator(schemes=["http", "https"])(value)
        except ValidationError:
            self.errors.append(("source_url", f"'{value}' is not a web address"))
            return
        self.data["source_url"] = value

    def _date(self, raw):
        value = raw.get("date_of_incident")
        if not value:
            return
        try:
            self.data["date_of_incident"] = date.fromisoformat(str(value))
        except ValueError:
            self.errors.append(("date_of_incident", f"'{value}' is not a date like 2024-03-31"))

    def _list(self, raw, name):
        value = raw.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.errors.append((name, "must be a list of text"))
            return []
        self.data[name] = [v.strip() for v in value if v.strip()]
        return self.data[name]

    def _roles(self, raw):
        roles = []
        for name in self._list(raw, "roles"):
            role = ROLE_BY_NAME.get(name.lower())
            if role is None:
                self.errors.append(("roles", f"'{name}' is not a role; use any of: "
                                             f"{', '.join(Role.values)}"))
            roles.append(role)
        self.data["roles"] = [r for r in roles if r]

    def _questions(self, raw):
        value = raw.get("questions", [])
        questions = {}
        if not isinstance(value, list):
            self.errors.append(("questions", "must be a list of {audience, text}"))
            return
        for n, item in enumerate(value, start=1):
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) \
                    or not item["text"].strip():
                self.errors.append((f"questions[{n}]", "needs an audience and a text"))
                continue
            audience = AUDIENCE_BY_NAME.get(str(item.get("audience", "")).lower())
            if audience is None:
                self.errors.append((f"questions[{n}]", f"'{item.get('audience')}' is not an "
                                    f"audience; use one of: {', '.join(Audience.values)}"))
                continue
            questions.setdefault(audience, []).append(item["text"].strip())
        self.data["questions"] = questions

    def _issue_open(self):
        issue = self.data.get("issue")
        if issue is not None and issue.status in LOCKED_STATES:
            self.errors.append(("issue", f"issue {issue.number} is published: add a case to it "
                                         "on its editor's page, as a revision"))

    def _force(self, raw, organisations):
        value = raw.get("force")
        if value is None:
            return
        if not isinstance(value, str):
            self.errors.append(("force", "must be text"))
            return
        name = value.strip()
        if re.sub(r"[\W_]+", "", name.lower()) in WITHHELD_FORCE:
            return
        organisation = organisations.get(name.lower()) or organisations.get(
            BRACKETED_NOTE.sub("", name).lower())
        if organisation is not None:
            self.data["force"] = organisation
        elif len(name) > 200:
            self.errors.append(("force", "must be at most 200 characters"))
        else:
            self.data["force_name"] = name

    def _lookup(self, raw, name, known, message):
        value = raw.get(name)
        if value in (None, ""):
            return
        key = str(value).strip().lower()
        if key not in known:
            self.errors.append((name, message.format(value)))
            return
        self.data[name] = known[key]


def import_case_studies(*, rows, skip_invalid=False, progress=None):
    """Check every row, then (if all are good, or ``skip_invalid``) write them in one
    transaction. Returns an :class:`ImportReport`.

    Side effects: case studies (new ones as drafts; a change to a published one as its
    revision) with their themes, roles and questions; topics created for unknown theme names;
    one activity-log row ("import") per case.
    """
    report = ImportReport(total=len(rows))
    issues = {str(i.number): i for i in LessonsIssue.objects.all()}
    organisations = _organisations()
    valid, seen = [], {}
    for number, raw in enumerate(rows, start=1):
        row = Row(raw, issues=issues, organisations=organisations)
        external_id = row.data.get("external_id")
        if external_id and external_id in seen:
            row.errors.append(("external_id", f"also used by row {seen[external_id]}"))
        elif external_id:
            seen[external_id] = number
        report.problems += [Problem(number, name, message) for name, message in row.errors]
        if not row.errors:
            valid.append(row.data)
            if "force_name" in row.data:
                report.forces_kept_as_text.append(f"row {number}: {row.data['force_name']}")
    report.skipped = sorted({p.row for p in report.problems})
    if report.problems and not skip_invalid:
        report.forces_kept_as_text = []
        return report
    with transaction.atomic():
        topics = _Topics()
        for data in valid:
            _write(data, report, topics)
            (progress or (lambda n: None))(1)
        report.topics_created = topics.created
    report.written = True
    return report


def _organisations():
    known = {}
    for organisation in Organisation.objects.only("id", "name", "aliases"):
        for alias in organisation.aliases or []:
            known.setdefault(str(alias).lower(), organisation)
        known[organisation.name.lower()] = organisation
    return known


class _Topics:
    def __init__(self):
        self.created = []
        self.known = {}
        for topic in Topic.objects.annotate(lname=Lower("name")):
            self.known[topic.lname] = topic
            self.known[topic.slug] = topic
            for alias in topic.aliases or []:
                self.known.setdefault(str(alias).lower(), topic)

    def get(self, name):
        key = name.lower()
        if key not in self.known:
            self.known[key] = Topic.objects.create(name=name, slug=Topic.objects.free_slug(name))
            self.created.append(name)
        return self.known[key]


def _write(data, report, topics):
    data = dict(data)
    questions = data.pop("questions", None)
    data["themes"] = [topics.get(name) for name in data.get("themes", [])]
    external_id = data.get("external_id")
    case = CaseStudy.objects.filter(external_id=external_id).first() if external_id else None
    if case is None:
        case = save_case_study(actor=None, data=data, questions=questions, log=False)
        note = "Created by an import"
        report.created += 1
    else:
        # Changed text of a published case must pass the gate and a second editor again:
        # it waits in a revision while readers keep the published text.
        note = "Updated by an import" + (" (a revision)" if is_locked(case) else "")
        case = revise_case(case=case, actor=None, data=data, questions=questions)
        report.updated += 1
    log_activity(subject=case, actor=None, verb="import", to_state=case.status, note=note)
