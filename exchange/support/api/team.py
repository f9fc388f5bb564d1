"""(Being built.)"""

from ninja import Router

router = Router(tags=["Peer support"])
