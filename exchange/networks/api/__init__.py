"""Improvement networks' API operations, mounted under /api/v1/ by exchange/api.py."""

from ninja import Router

from . import networks

router = Router()
router.add_router("/networks", networks.router)
