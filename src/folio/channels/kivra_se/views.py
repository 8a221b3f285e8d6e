"""Kivra calls Folio back here: payment webhooks (thin: verify, parse, apply)."""

from __future__ import annotations

import json

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from folio.channels.kivra_se.webhooks import kivra_webhook_apply, webhook_verify
from folio.core.errors import ApplicationError

MAX_BODY = 256 * 1024


@csrf_exempt  # authenticated by the webhook signature, not a session
@require_POST
def payment_webhook(request: HttpRequest):
    body = request.body[: MAX_BODY + 1]
    if len(body) > MAX_BODY:
        return JsonResponse({"code": "too_large"}, status=413)
    try:
        webhook_verify(headers={k.lower(): v for k, v in request.headers.items()}, body=body)
        payload = json.loads(body)
        if not isinstance(payload, dict):
            raise ValueError("not an object")
        outcome = kivra_webhook_apply(payload=payload)
    except ApplicationError as exc:
        return JsonResponse(exc.as_dict(), status=exc.status)
    except ValueError:
        return JsonResponse({"code": "invalid_json"}, status=400)
    return JsonResponse({"outcome": outcome})
