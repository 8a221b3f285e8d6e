"""Money in the portal: pay, promise to pay, dispute, and the statement of account."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from folio.collections.selectors import promises_of, statement_for
from folio.collections.services import dispute_create, promise_create
from folio.core.errors import ApplicationError
from folio.documents.models import PAYABLE_TYPES, PaymentStatus
from folio.payments.models import Payment
from folio.payments.services import payment_start
from folio.recipient_portal.access import ACCOUNT_SESSION_KEY, PortalSession, portal_view
from folio.recipient_portal.forms import DisputeForm, PromiseForm
from folio.recipient_portal.views import portal_context
from folio.servicedesk.models import PortalAction
from folio.servicedesk.selectors import portal_settings_for

OPEN_STATES = [PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID]


def _require_action(portal: PortalSession, customer, action: str, *, right: str = "") -> None:
    """Actions the sender has not opened, or the contact may not use, do not exist (404)."""
    if action not in portal_settings_for(customer.sender).actions:
        raise Http404
    contact = portal.contact_for(customer)
    if right and not getattr(contact, right):
        raise Http404


def _open_invoices(portal: PortalSession, customer):
    return (
        portal.documents(customer)
        .filter(type__in=PAYABLE_TYPES, payment_status__in=OPEN_STATES)
        .order_by("due_date", "issue_date", "id")
    )


def _amounts_from(request: HttpRequest, documents) -> dict[int, Decimal]:
    amounts = {}
    for document in documents:
        raw = request.POST.get(f"amount-{document.code}", "").strip().replace(",", ".")
        if not raw:
            continue
        try:
            amounts[document.id] = Decimal(raw)
        except InvalidOperation as exc:
            raise ApplicationError("invalid_amount", _("Amounts are numbers.")) from exc
    return amounts


@require_http_methods(["GET", "POST"])
@portal_view
def pay(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    """Choose invoices (one, several, or all overdue), full or part amounts, then the PSP."""
    customer = portal.customer(
        request.GET.get("account") or request.session.get(ACCOUNT_SESSION_KEY)
    )
    _require_action(portal, customer, PortalAction.PAY, right="can_pay")
    invoices = list(_open_invoices(portal, customer))
    if request.method == "POST":
        portal.require_writable()
        chosen_codes = set(request.POST.getlist("documents"))
        chosen = [document for document in invoices if str(document.code) in chosen_codes]
        try:
            amounts = _amounts_from(request, chosen)
            payment = payment_start(
                contact=portal.contact_for(customer),
                documents=chosen,
                amounts=amounts,
                return_url=request.build_absolute_uri(reverse("recipient_portal:pay_return")),
                actor=portal.actor,
            )
        except ApplicationError as exc:
            if exc.status == 404:
                raise Http404 from exc
            messages.error(request, str(exc.message))
        else:
            request.session["portal_last_payment"] = str(payment.code)
            return redirect(payment.checkout_url)
    today = timezone.localdate()
    preselected = request.GET.get("document", "")
    select = request.GET.get("select", "")
    rows = [
        {
            "document": document,
            "overdue": bool(document.due_date and document.due_date < today),
            "checked": str(document.code) == preselected
            or (select == "overdue" and document.due_date and document.due_date < today)
            or select == "all",
        }
        for document in invoices
    ]
    return render(request, "recipient_portal/pay.html", portal_context(portal, customer, rows=rows))


@require_GET
@portal_view
def pay_one(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    """`{{ document.pay_url }}`: the pay page with this invoice chosen."""
    document = portal.document(code)
    _require_action(portal, document.customer, PortalAction.PAY, right="can_pay")
    return redirect(
        f"{reverse('recipient_portal:pay')}?account={document.customer.code}&document={document.code}"
    )


@require_GET
@portal_view
def pay_return(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    """Back from the PSP: what we know of the payment so far (the webhook has the last word)."""
    code = request.session.get("portal_last_payment")
    payment = (
        Payment.objects.filter(code=code, customer__in=portal.customers)
        .prefetch_related("allocations__document")
        .first()
        if code
        else None
    )
    customer = (
        payment.customer if payment else portal.customer(request.session.get(ACCOUNT_SESSION_KEY))
    )
    return render(
        request,
        "recipient_portal/pay_return.html",
        portal_context(portal, customer, payment=payment),
    )


@require_POST
@portal_view
def promise(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    portal.require_writable()
    customer = portal.customer(
        request.POST.get("account") or request.session.get(ACCOUNT_SESSION_KEY)
    )
    _require_action(portal, customer, PortalAction.PROMISE, right="can_pay")
    codes = set(request.POST.getlist("documents"))
    documents = [d for d in _open_invoices(portal, customer) if str(d.code) in codes]
    form = PromiseForm(request.POST)
    back = request.POST.get("back") or ""
    if not form.is_valid():
        messages.error(request, _("Give an amount and a date."))
    else:
        try:
            promise_create(
                contact=portal.contact_for(customer),
                documents=documents,
                amount=form.cleaned_data["amount"],
                promised_date=form.cleaned_data["promised_date"],
                actor=portal.actor,
            )
        except ApplicationError as exc:
            if exc.status == 404:
                raise Http404 from exc
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("Thank you. Your promise to pay has been recorded."))
    if len(documents) == 1 and back == "document":
        return redirect("recipient_portal:document", code=documents[0].code)
    return redirect("recipient_portal:statement")


@require_POST
@portal_view
def dispute(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    portal.require_writable()
    document = portal.document(code)
    _require_action(portal, document.customer, PortalAction.DISPUTE, right="can_dispute")
    if document.type not in PAYABLE_TYPES:
        raise Http404
    form = DisputeForm(request.POST)
    back = redirect("recipient_portal:document", code=document.code)
    if not form.is_valid():
        messages.error(request, _("Choose a reason for the dispute."))
        return back
    line_amounts = {}
    try:
        for line in document.lines.all():
            raw = request.POST.get(f"line-{line.id}", "").strip().replace(",", ".")
            if raw:
                line_amounts[line.id] = Decimal(raw)
    except InvalidOperation:
        messages.error(request, _("Amounts are numbers."))
        return back
    try:
        dispute_create(
            contact=portal.contact_for(document.customer),
            document=document,
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
            line_amounts=line_amounts,
            actor=portal.actor,
        )
    except ApplicationError as exc:
        if exc.status == 404:
            raise Http404 from exc
        messages.error(request, str(exc.message))
    else:
        messages.success(
            request, _("Your dispute was sent. Reminders wait while the sender looks at it.")
        )
    return back


@require_GET
@portal_view
def statement(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    customer = portal.customer(
        request.GET.get("account") or request.session.get(ACCOUNT_SESSION_KEY)
    )
    _require_action(portal, customer, PortalAction.STATEMENT)
    account_statement = statement_for(customer)
    return render(
        request,
        "recipient_portal/statement.html",
        portal_context(
            portal,
            customer,
            statement=account_statement,
            promises=list(promises_of(customer)[:20]),
            promise_form=PromiseForm(
                initial={"promised_date": timezone.localdate() + datetime.timedelta(days=7)}
            ),
        ),
    )


@require_GET
@portal_view
def statement_pdf(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    from folio.collections.statement_pdf import statement_pdf_render

    customer = portal.customer(
        request.GET.get("account") or request.session.get(ACCOUNT_SESSION_KEY)
    )
    _require_action(portal, customer, PortalAction.STATEMENT)
    content = statement_pdf_render(statement_for(customer), language=request.LANGUAGE_CODE)
    response = HttpResponse(content, content_type="application/pdf")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="statement-{stamp}.pdf"'
    return response
