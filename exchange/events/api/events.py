"""GET /events, POST and DELETE /events/{id}/registrations."""

from ninja import Router

router = Router(tags=["events"])
