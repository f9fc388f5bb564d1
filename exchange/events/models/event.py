"""Events, registrations, the waiting list and offers (places engine), materials."""

__all__ = []
