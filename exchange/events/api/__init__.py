"""Events' API operations, mounted under /api/v1/ by exchange/api.py."""

from ninja import Router

from . import events

router = Router()
router.add_router("/events", events.router)
