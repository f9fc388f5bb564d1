"""Domain functions every app shares: the activity log and the one way to change a state."""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError

from .models import Activity


def activity(*, subject, actor, verb, from_state="", to_state="", note=""):
    """An unsaved activity-log row about ``subject``: write many with one ``bulk_create``."""
    return Activity(
        content_type=ContentType.objects.get_for_model(subject, for_concrete_model=True),
        object_id=subject.pk,
        actor=actor if actor is not None and actor.is_authenticated else None,
        verb=verb,
        from_state=from_state or "",
        to_state=to_state or "",
        note=note or "",
    )


def log_activity(**row):
    """Write one activity-log row (the arguments of :func:`activity`). Side effect: one INSERT."""
    entry = activity(**row)
    entry.save()
    return entry


class StateMachine:
    """The allowed transitions of one model, declared once as a table.

    ``transitions`` maps an action name to ``(from_states, to_state)``. :meth:`change` is
    the only function that writes the state field, and it always logs the change.
    """

    def __init__(self, *, field, transitions):
        self.field = field
        self.transitions = transitions

    def allowed_actions(self, obj):
        state = getattr(obj, self.field)
        return [name for name, (sources, _) in self.transitions.items() if state in sources]

    def target(self, action):
        return self.transitions[action][1]

    def change(self, obj, *, action, actor, note="", extra_fields=()):
        """Move ``obj`` by ``action``; save; log. Raises ValidationError if not allowed."""
        if action not in self.transitions:
            raise PermissionDenied(f"Unknown action {action!r}")
        sources, to_state = self.transitions[action]
        from_state = getattr(obj, self.field)
        if from_state not in sources:
            raise ValidationError(
                f"You cannot {action.replace('_', ' ')} something that is {from_state.replace('_', ' ')}."
            )
        setattr(obj, self.field, to_state)
        fields = [self.field, *extra_fields]
        if any(f.name == "updated_at" for f in obj._meta.concrete_fields):
            fields.append("updated_at")
        obj.save(update_fields=fields)
        log_activity(subject=obj, actor=actor, verb=action, from_state=from_state,
                     to_state=to_state, note=note)
        return obj
