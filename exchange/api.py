"""The Exchange's API: each app's router, mounted under /api/v1/, on the one boundary of
``exchange/common/api.py`` (auth, errors, the list envelope).

This module sees every app, so it is where the people app's token reader is plugged into the
common Bearer scheme (``common`` may not import ``people``, which is built on it).
"""

import json

from django.shortcuts import render
from ninja import NinjaAPI, Swagger

from exchange.common.api import ENVELOPE, SIGNED_IN, add_error_handlers, read_api_tokens_with
from exchange.events.api import router as events_router
from exchange.grants.api import router as grants_router
from exchange.lessons.api import router as lessons_router
from exchange.networks.api import router as networks_router
from exchange.news.api import router as news_router
from exchange.people.domain import user_for_api_token
from exchange.practice.api import router as practice_router
from exchange.support.api import router as support_router
from exchange.visits.api import router as visits_router


class ExchangeSwagger(Swagger):
    """Swagger UI from ninja's bundled static files (no CDN, no inline script: it passes the
    strict CSP as it is), sending the CSRF token so a signed-in person can try a POST."""

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {
            "swagger_settings": json.dumps(settings), "api": api, "add_csrf": True})


read_api_tokens_with(user_for_api_token)

api = NinjaAPI(
    title="Learning Exchange API",
    version="1",
    description="Find published practice, visits, case studies, events, networks and news; "
    "submit practice, register for events and apply for small grants. "
    "Authenticate with your session or a personal API token sent as "
    "`Authorization: Bearer <token>` (create one on your account page). Operations open to "
    "anyone read them too, to show what your account may see; the others need one. "
    f"{ENVELOPE}",
    # An operation needs someone signed in unless it says otherwise (common.api.OPEN).
    auth=SIGNED_IN,
    urls_namespace="api",
    docs_url="/docs",
    # No validator badge: it would load an image from validator.swagger.io, which the CSP refuses.
    docs=ExchangeSwagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)
add_error_handlers(api)
api.add_router("/practices", practice_router)
api.add_router("/visits", visits_router)
api.add_router("", lessons_router)
api.add_router("", support_router)
api.add_router("", events_router)
api.add_router("", networks_router)
api.add_router("/news", news_router)
api.add_router("/grant-calls", grants_router)

__all__ = ["api"]
