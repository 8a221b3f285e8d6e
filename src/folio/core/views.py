"""Site-wide pages: the landing page and the error pages (JSON under /api/)."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext_lazy as _

API_PREFIX = "/api/"

ERROR_MESSAGES = {
    400: ("bad_request", _("The request could not be understood.")),
    403: ("forbidden", _("You may not do this.")),
    404: ("not_found", _("Nothing here.")),
    500: ("server_error", _("Something went wrong on our side.")),
}


def landing(request: HttpRequest) -> HttpResponse:
    return render(request, "core/landing.html")


def _error_response(request: HttpRequest, status: int) -> HttpResponse:
    code, message = ERROR_MESSAGES[status]
    if request.path.startswith(API_PREFIX):
        return JsonResponse({"code": code, "message": str(message)}, status=status)
    return render(request, f"errors/{status}.html", status=status)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_response(request, 400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_response(request, 403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return _error_response(request, 404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: the failure may be in a context processor.
    if request.path.startswith(API_PREFIX):
        code, message = ERROR_MESSAGES[500]
        return JsonResponse({"code": code, "message": str(message)}, status=500)
    return HttpResponse(loader.get_template("errors/500.html").render(), status=500)
