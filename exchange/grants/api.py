"""grants API operations, mounted under /api/v1/ by exchange/api.py."""

from ninja import Router

router = Router(tags=["grants"])
