"""Bearer API-key authentication for the REST API."""

from django.http import HttpRequest
from ninja.security import HttpBearer

from folio.tenancy.actors import Actor
from folio.tenancy.models import ApiKey
from folio.tenancy.services import api_key_authenticate


class ApiKeyBearer(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiKey | None:
        return api_key_authenticate(token.strip())


def request_actor(request: HttpRequest) -> Actor:
    """The acting organization is the key's; `request.auth` is the authenticated ApiKey."""
    return Actor.for_api_key(request.auth)
