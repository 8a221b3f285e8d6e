"""The PSP's side of payments: Stripe's webhook, and the sandbox provider's hosted page."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from folio.payments.models import Payment, PaymentStatus, ProviderCode
from folio.payments.providers import WebhookRejected, provider_get
from folio.payments.services import payment_event_apply, sandbox_checkout_complete

# Stripe events are a few kilobytes; anything much bigger is not one.
MAX_WEBHOOK_BYTES = 256 * 1024


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """Verified on the raw body; replays answer 200 and change nothing."""
    if len(request.body) > MAX_WEBHOOK_BYTES:
        return JsonResponse({"code": "too_large"}, status=413)
    try:
        event = provider_get(ProviderCode.STRIPE).webhook_parse(
            body=request.body, headers=request.headers
        )
    except WebhookRejected as exc:
        return JsonResponse(exc.as_dict(), status=400)
    outcome = payment_event_apply(provider=ProviderCode.STRIPE, event=event)
    return JsonResponse({"outcome": outcome})


@never_cache
@require_http_methods(["GET", "POST"])
def sandbox_checkout(request: HttpRequest, code) -> HttpResponse:
    """The sandbox PSP's hosted payment page (the demo's and the tests' stand-in for Stripe).

    Like a PSP's checkout URL, the unguessable payment code is what admits the payer.
    """
    payment = (
        Payment.objects.select_related("sender", "customer")
        .prefetch_related("allocations__document")
        .filter(code=code, provider=ProviderCode.SANDBOX)
        .first()
    )
    if payment is None:
        raise Http404
    if request.method == "POST" and payment.status == PaymentStatus.PENDING:
        sandbox_checkout_complete(payment=payment, paid=request.POST.get("action") == "pay")
        return redirect("recipient_portal:pay_return")
    return render(request, "payments/sandbox_checkout.html", {"payment": payment})
