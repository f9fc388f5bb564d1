"""Peer support's API operations, one router per area, mounted under /api/v1/ by exchange/api.py."""

from ninja import Router

from . import matching, peers, requests, team

router = Router()
router.add_router("/peers", peers.router)
router.add_router("/support-requests", requests.router)
router.add_router("/support-requests", team.router)
router.add_router("/matching-groups", matching.router)
