"""The Exchange's API: each app's router, mounted under /api/v1/."""

import json

from django.shortcuts import render
from ninja import NinjaAPI, Swagger

from exchange.lessons.api import router as lessons_router
from exchange.people.api import ApiError, BearerOrSession, error_handlers
from exchange.practice.api import router as practice_router
from exchange.visits.api import router as visits_router


class ExchangeSwagger(Swagger):
    """Swagger UI from ninja's bundled static files (no CDN, no inline script: it passes the
    strict CSP as it is), sending the CSRF token so a signed-in person can try a POST."""

    def render_page(self, request, api, **kwargs):
        settings = {**self.settings, "url": self.get_openapi_url(api, kwargs)}
        return render(request, self.template, {
            "swagger_settings": json.dumps(settings), "api": api, "add_csrf": True})


api = NinjaAPI(
    title="Learning Exchange API",
    version="1",
    description="Read published practice and submit new practice. Authenticate with your "
    "session or a personal API token sent as `Authorization: Bearer <token>` (create one on "
    "your account page).",
    auth=None,
    urls_namespace="api",
    docs_url="/docs",
    # No validator badge: it would load an image from validator.swagger.io, which the CSP refuses.
    docs=ExchangeSwagger(settings={"validatorUrl": None}),
    openapi_url="/openapi.json",
)
error_handlers(api)
api.add_router("/practices", practice_router)
api.add_router("/visits", visits_router)
api.add_router("", lessons_router)

__all__ = ["ApiError", "BearerOrSession", "api"]
