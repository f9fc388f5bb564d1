"""Events' forms: one module per area (``requests`` and ``invitations`` are the event requests'
and invitations' own)."""

from .events import (
    AttendanceForm,
    CancelEventForm,
    EventFilter,
    EventForm,
    MaterialsForm,
    listed_events,
)

__all__ = ["AttendanceForm", "CancelEventForm", "EventFilter", "EventForm", "MaterialsForm",
           "listed_events"]
