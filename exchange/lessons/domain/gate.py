"""The anonymisation gate: what still blocks publication, the editors' overrides of a
finding, and the marked-up text the edit page shows."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe

from exchange.common.anonymisation import find_identifiers
from exchange.common.domain import log_activity

from ..models import (
    ARTICLE_TEXT_FIELDS,
    CASE_TEXT_FIELDS,
    ISSUE_TEXT_FIELDS,
    Article,
    CaseStudy,
    FindingOverride,
    ReflectiveQuestion,
)
from .editing import require_editor


@dataclass(frozen=True)
class GateFinding:
    subject: object
    field: str
    finding: object

    @property
    def field_label(self):
        if isinstance(self.subject, ReflectiveQuestion):
            return f"Question for {self.subject.get_audience_display().lower()}"
        return self.subject._meta.get_field(self.field).verbose_name.capitalize()


def text_parts(subject):
    """``[(object, field, text)]``: every published text of a case, article or issue."""
    if isinstance(subject, CaseStudy):
        parts = [(subject, name, getattr(subject, name)) for name in CASE_TEXT_FIELDS]
        return parts + [(q, "text", q.text) for q in subject.questions.all()]
    if isinstance(subject, Article):
        return [(subject, name, getattr(subject, name)) for name in ARTICLE_TEXT_FIELDS]
    parts = [(subject, name, getattr(subject, name)) for name in ISSUE_TEXT_FIELDS]
    for case in subject.case_studies.prefetch_related("questions"):
        parts += text_parts(case)
    for article in subject.articles.all():
        parts += text_parts(article)
    return parts


def override_owner(subject):
    """Overrides are stored on the case, article or issue; a question's belong to its case."""
    return subject.case_study if isinstance(subject, ReflectiveQuestion) else subject


def gate_findings(subject):
    """What still blocks publication of ``subject``: findings not overridden by an editor."""
    overrides = _overrides_for(subject)
    found = []
    for obj, field, text in text_parts(subject):
        owner = override_owner(obj)
        for finding in find_identifiers(text):
            # A revision keeps the overrides of the published text it was copied from.
            if not any((model, pk, finding.kind, finding.text) in overrides
                       for model, pk in _override_keys(owner)):
                found.append(GateFinding(obj, field, finding))
    return found


def _override_keys(owner):
    keys = [(type(owner), owner.pk)]
    if getattr(owner, "revision_of_id", None):
        keys.append((type(owner), owner.revision_of_id))
    return keys


def _overrides_for(subject):
    """``{(model, pk, kind, text)}`` of every override on ``subject`` and its parts, in one query
    (an issue has about ten cases and their articles)."""
    owners = {key for obj, _, _ in text_parts(subject) for key in _override_keys(override_owner(obj))}
    models_by_type = {ContentType.objects.get_for_model(model): model for model, _ in owners}
    wanted = Q(pk__in=[])  # nothing, until an owner is added
    for content_type, model in models_by_type.items():
        wanted |= Q(content_type=content_type, object_id__in=[pk for m, pk in owners if m is model])
    rows = FindingOverride.objects.filter(wanted).values_list("content_type_id", "object_id",
                                                              "kind", "text")
    by_id = {content_type.pk: model for content_type, model in models_by_type.items()}
    return {(by_id[type_id], pk, kind, text) for type_id, pk, kind, text in rows}


@transaction.atomic
def override_finding(*, subject, kind, text, reason, actor):
    """An editor says one finding in ``subject`` does not identify anyone, and why.

    Side effects: a FindingOverride row (the same kind and text in ``subject`` is not flagged
    again) and an activity-log row on ``subject`` naming the text and the reason.
    """
    require_editor(actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Give the reason this is not identifying"})
    subject = override_owner(subject)
    override, _ = FindingOverride.objects.update_or_create(
        content_type_id=_content_type_id(subject), object_id=subject.pk, kind=kind, text=text,
        defaults={"reason": reason, "created_by": actor})
    log_activity(subject=subject, actor=actor, verb="override_finding",
                 note=f"{kind} '{text}': {reason}")
    return override


def _content_type_id(obj):
    return ContentType.objects.get_for_model(obj).pk


def marked_text(text, findings):
    """``text`` escaped, each finding wrapped in <mark> with its kind, for the edit page."""
    out, cursor = [], 0
    for finding in sorted(findings, key=lambda f: f.start):
        out.append(escape(text[cursor:finding.start]))
        out.append(f'<mark class="exchange-finding" title="{escape(finding.kind)}">'
                   f"{escape(text[finding.start:finding.end])}</mark>")
        cursor = finding.end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))
