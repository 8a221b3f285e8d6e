"""The REST API (django-ninja). Each area mounts its own router here."""

import logging

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from folio.api.auth import ApiKeyBearer
from folio.api.customers import router as customers_router
from folio.api.documents import router as documents_router
from folio.api.documents_ingest import ingest_router  # also adds POST /documents and friends
from folio.api.registrations import router as registrations_router
from folio.core.errors import ApplicationError

logger = logging.getLogger(__name__)

api = NinjaAPI(
    title="Folio API",
    version="1",
    description=(
        "Send and track documents. Authenticate with `Authorization: Bearer <API key>` "
        "(`folio apikey create --org SLUG`). Every id is a document's or customer's public code; "
        'errors are JSON `{"code", "message"}`.'
    ),
    auth=ApiKeyBearer(),
    urls_namespace="api",
)

api.add_router("/documents", documents_router)
api.add_router("/customers", customers_router)
api.add_router("", ingest_router)
api.add_router("", registrations_router)


def _error(request: HttpRequest, status: int, code: str, message, **extra) -> HttpResponse:
    return api.create_response(
        request, {"code": code, "message": str(message), **extra}, status=status
    )


@api.exception_handler(ApplicationError)
def application_error(request: HttpRequest, exc: ApplicationError) -> HttpResponse:
    return api.create_response(request, exc.as_dict(), status=exc.status)


@api.exception_handler(ValidationError)
def validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    errors = [
        {
            "loc": list(error.get("loc", [])),
            "msg": str(error.get("msg", "")),
            "type": error.get("type"),
        }
        for error in exc.errors
    ]
    return _error(request, 422, "validation_error", _("The request is not valid."), errors=errors)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return _error(request, 404, "not_found", _("No such object."))


@api.exception_handler(AuthenticationError)
def unauthorized(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = _error(
        request, 401, "unauthorized", _("A valid API key is required (Authorization: Bearer).")
    )
    response["WWW-Authenticate"] = "Bearer"
    return response


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return _error(request, exc.status_code, "http_error", exc.message)


@api.exception_handler(Exception)
def server_error(request: HttpRequest, exc: Exception) -> HttpResponse:
    logger.exception("API request failed: %s %s", request.method, request.path)
    return _error(request, 500, "server_error", _("Something went wrong on our side."))
