"""Checking one row of the interchange format and turning it into model values."""

import datetime
import uuid

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from exchange.common.enums import Region

from ..enums import DatePrecision, EvidenceLabel, Focus, Recognition, Scale, Stage, Visibility
from ..interchange import EXTRA_CELLS, FIELDS, parse_start_date, split_list
from ..models import Practice

REQUIRED = {
    "title": "Enter a title",
    "evidence_label": "Enter the evidence label (does it work?)",
    "description": "Enter a description of the practice",
}
CHOICES = {
    "evidence_label": ("evidence label", EvidenceLabel),
    "stage": ("stage", Stage),
    "region": ("region", Region),
    "scale": ("scale", Scale),
    "visibility": ("visibility", Visibility),
}
MULTIPLE_CHOICES = {"focus": ("focus", Focus), "recognition": ("recognition", Recognition)}
# One-line fields lose surrounding spaces; long text is kept exactly as written.
SINGLE_LINE = {"title", "summary", "contact_name", "contact_email", "source_url"}
TEXT_LISTS = {"partners", "target_groups"}


def validate_row(row):
    """``(data, errors)`` for one row of the interchange format.

    ``data`` holds model values for the fields the row has (``organisation`` as a name and
    ``topics`` as names, resolved later by a :class:`Catalogue`); ``errors`` is a list of
    ``(field, message)``, every problem in the row, empty when the row is good.
    """
    data, errors = {}, []
    for name in row:
        if name == EXTRA_CELLS:
            errors.append((None, "the row has more cells than the header has field names"))
        elif name not in FIELDS:
            errors.append((name, f"unknown field '{name}'"))
    for name in FIELDS:
        if name not in row:
            if name in REQUIRED:
                errors.append((name, REQUIRED[name]))
            continue
        try:
            data.update(clean_field(name, row[name]))
        except ValidationError as error:
            errors.extend((name, message) for message in error.messages)
    return data, errors


def clean_field(name, value):
    """The model values for one interchange field; raises ValidationError with plain messages."""
    if name in CHOICES:
        return {name: _choice(name, value)}
    if name in MULTIPLE_CHOICES:
        return {name: _choices(name, value)}
    if name in TEXT_LISTS:
        return {name: _text_list(value)}
    if name == "topics":
        return {"topics": _text_list(value, max_length=120)}
    if name == "links":
        return {"links": _links(value)}
    if name == "start_date":
        return _start_date(value)
    if name == "organisation":
        return {"organisation": _text(name, value, strip=True, max_length=200)}
    if name == "external_id":
        return {"external_id": _text(name, value, strip=True, max_length=100) or None}
    if name == "uid":
        return {"uid": _uid(value)}
    if name == "label_history":
        return {"label_history": _label_history(value)}
    text = _text(name, value, strip=name in SINGLE_LINE)
    if not text and name in REQUIRED:
        raise ValidationError(REQUIRED[name])
    if text:
        _run_model_validators(name, text)
    return {name: text}


def _run_model_validators(name, text):
    """The model field's own checks, in the import report's words rather than Django's."""
    field = Practice._meta.get_field(name)
    try:
        field.run_validators(text)
    except ValidationError as error:
        codes = {item.code for item in error.error_list}
        if "max_length" in codes:
            raise ValidationError(f"must be at most {field.max_length} characters "
                                  f"(it has {len(text)})") from None
        if "invalid" in codes and isinstance(field, models.EmailField):
            raise ValidationError(f"'{text[:60]}' is not an email address "
                                  "(write it as name@example.org)") from None
        if "invalid" in codes:
            raise ValidationError(f"'{text[:60]}' is not a web address "
                                  "(http:// or https://)") from None
        raise


def _text(name, value, *, strip=False, max_length=None):
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise ValidationError(f"must be text, not a {'list' if isinstance(value, list) else 'object'}")
    text = str(value).strip() if strip else str(value)
    if max_length and len(text) > max_length:
        raise ValidationError(f"must be at most {max_length} characters (it has {len(text)})")
    return text


def _choice(name, value):
    label, choices = CHOICES[name]
    text = _text(name, value, strip=True).lower()
    if not text:
        if name in REQUIRED:
            raise ValidationError(REQUIRED[name])
        return Visibility.PUBLIC.value if name == "visibility" else ""
    if text not in choices.values:
        raise ValidationError(f"'{text}' is not a valid {label}; use one of: "
                              f"{', '.join(choices.values)}")
    return text


def _choices(name, value):
    label, choices = MULTIPLE_CHOICES[name]
    values = [item.lower() for item in _text_list(value)]
    unknown = [item for item in values if item not in choices.values]
    if unknown:
        verb = "is not a valid" if len(unknown) == 1 else "are not valid"
        raise ValidationError(f"{', '.join(repr(v) for v in unknown)} {verb} {label}; "
                              f"use any of: {', '.join(choices.values)}")
    return list(dict.fromkeys(values))


def _text_list(value, *, max_length=None):
    if isinstance(value, dict):
        raise ValidationError("must be a list of text, not an object")
    items = split_list(value)
    if max_length:
        too_long = [item for item in items if len(item) > max_length]
        if too_long:
            raise ValidationError(f"each must be at most {max_length} characters: "
                                  f"'{too_long[0][:40]}…' is longer")
    return items


def _links(value):
    links = _text_list(value)
    check = URLValidator(schemes=["http", "https"])
    for link in links:
        try:
            check(link)
        except ValidationError:
            raise ValidationError(f"'{link}' is not a web address (http:// or https://)") from None
    return links


def _start_date(value):
    text = _text("start_date", value, strip=True)
    if not text:
        return {"start_date": None, "start_date_precision": DatePrecision.DAY.value}
    try:
        date, precision = parse_start_date(text)
    except ValueError as error:
        raise ValidationError(str(error)) from None
    return {"start_date": date, "start_date_precision": precision.value}


def _uid(value):
    text = _text("uid", value, strip=True)
    if not text:
        return None
    try:
        return uuid.UUID(text)
    except ValueError:
        raise ValidationError(f"'{text[:40]}' is not an interchange id (a UUID)") from None


def _label_history(value):
    """``[(label, changed_at)]`` oldest first, from objects or ``"<changed_at> <label>"``."""
    history = []
    for item in value if isinstance(value, list) else split_list(value):
        if isinstance(item, dict):
            when, label = item.get("changed_at"), item.get("label")
        else:
            when, _, label = str(item).strip().partition(" ")
        label = str(label or "").strip().lower()
        try:
            changed_at = parse_datetime(str(when or "").strip()) if when else None
        except ValueError:
            changed_at = None
        if label not in EvidenceLabel.values or changed_at is None:
            raise ValidationError(f"'{_csv_text(item)}' is not a label change; write "
                                  f"'<date and time> <label>', like '2024-03-01T09:00:00+00:00 "
                                  f"worked'")
        if timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, datetime.UTC)
        history.append((label, changed_at))
    return sorted(history, key=lambda change: change[1])


def _csv_text(item):
    if isinstance(item, dict):
        return f"{item.get('changed_at')} {item.get('label')}"[:60]
    return str(item)[:60]
