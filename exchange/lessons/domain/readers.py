"""Readers' private reflections on published case studies, and their learning record."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from ..enums import EditorialStatus
from ..models import Reflection

NOTHING_WRITTEN = ("You have not written anything yet. Write an answer to at least one "
                   "question, then save your answers.")


@transaction.atomic
def save_reflections(*, user, case, answers):
    """Keep ``user``'s private answers to ``case``'s questions; ``answers`` maps a question id
    to text, and an empty answer removes a kept one. Only published cases can be answered;
    saving nothing at all, with nothing kept to remove, is refused as a mistake. Returns how
    many answers are kept now.

    Side effects: Reflection rows of ``user`` only. Deliberately not in the activity log,
    which staff can read: an answer is the reader's alone.
    """
    if not user.is_authenticated:
        raise PermissionDenied("Sign in to keep your answers.")
    if case.status != EditorialStatus.PUBLISHED:
        raise PermissionDenied("This case study is not published.")
    question_ids = set(case.questions.values_list("pk", flat=True))
    texts = {pk: (text or "").strip() for pk, text in answers.items() if pk in question_ids}
    if not any(texts.values()) and not Reflection.objects.filter(
            user=user, question_id__in=question_ids).exists():
        raise ValidationError(NOTHING_WRITTEN)
    Reflection.objects.filter(user=user, question_id__in=[pk for pk, t in texts.items() if not t]
                              ).delete()
    kept = [Reflection(user=user, question_id=pk, answer=t) for pk, t in texts.items() if t]
    # One statement however many questions: a new answer is inserted, a changed one updated.
    Reflection.objects.bulk_create(kept, update_conflicts=True, unique_fields=["user", "question"],
                                   update_fields=["answer", "updated_at"])
    return len(kept)


def learning_record(user):
    """``user``'s reflections with their questions and cases, newest first."""
    return (Reflection.objects.for_user(user)
            .select_related("question__case_study__issue").order_by("-updated_at", "-id"))
