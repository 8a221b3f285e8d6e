"""The customer portal: the documents of one's accounts, one document, and downloads."""

from __future__ import annotations

import contextlib
import io
import zipfile

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.core.exceptions import BadRequest
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from folio.channels.artefacts import document_pdf, document_source_xml, document_summary_html
from folio.channels.base import TransportError
from folio.collections.models import DisputeReason, DisputeStatus, PromiseStatus
from folio.collections.selectors import disputes_of
from folio.core.errors import ApplicationError
from folio.delivery.services import document_opened_record
from folio.documents.models import PAYABLE_TYPES, DocumentType, FileKind, PaymentStatus
from folio.recipient_portal.access import ACCOUNT_SESSION_KEY, PortalSession, portal_view
from folio.recipient_portal.forms import (
    CommentForm,
    DisputeForm,
    DocumentChoiceForm,
    PortalAuthenticationForm,
    PortalListForm,
    PromiseForm,
    QuoteDecisionForm,
)
from folio.recipient_portal.selectors import stored_file_of
from folio.rendering.branding import HEX_COLOR
from folio.rendering.selectors import branding_row_for, logo_of
from folio.servicedesk.models import PortalAction
from folio.servicedesk.selectors import comments_of, portal_settings_for
from folio.servicedesk.services import comment_create, quote_decide
from folio.tenancy.models import Organization

PAGE_SIZE = 25
OVERDUE_COUNT_CAP = 20
TYPE_LABELS = dict(DocumentType.choices)
PAYMENT_STATUS_LABELS = dict(PaymentStatus.choices)
# Session key holding the documents already recorded as viewed during this visit.
VIEWED_SESSION_KEY = "portal_viewed_documents"
OPEN_STATES = [PaymentStatus.UNPAID, PaymentStatus.PARTLY_PAID]


class PortalSignInView(auth_views.LoginView):
    template_name = "recipient_portal/login.html"
    authentication_form = PortalAuthenticationForm
    next_page = reverse_lazy("recipient_portal:home")

    def form_valid(self, form):
        from folio.recipient_portal.views_security import PENDING_USER_KEY, confirmed_device

        user = form.get_user()
        if confirmed_device(user) is not None:
            # Not signed in yet: the code step finishes the sign-in.
            self.request.session.cycle_key()
            self.request.session[PENDING_USER_KEY] = user.pk
            return redirect("recipient_portal:code_step")
        return super().form_valid(form)


class PortalSignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("recipient_portal:login")


def sender_brand(sender: Organization) -> dict | None:
    """The sender's colour and logo for the page chrome, or None for Folio's own look."""
    branding = branding_row_for(sender)
    if branding is None:
        return None
    try:
        logo = logo_of(branding)
    except ApplicationError:
        # A logo that fails its checksum is not shown; the page still works.
        logo = None
    return {
        "name": sender.name,
        # Checked again here because the value is written into a <style> element.
        "primary": branding.primary_color if HEX_COLOR.match(branding.primary_color) else "",
        "logo_url": logo.data_uri if logo else "",
    }


def portal_context(portal: PortalSession, customer, **extra) -> dict:
    """What every portal page's chrome needs: accounts, the sender's look, opened actions."""
    return {
        "portal": portal,
        "contacts": portal.contacts,
        "customer": customer,
        "contact": portal.contact_for(customer),
        "opened": set(portal.settings_for(customer.sender).actions),
        "brand": sender_brand(customer.sender),
        **extra,
    }


def _filtered(documents, form: PortalListForm):
    data = form.cleaned_data
    if data.get("q"):
        term = data["q"].strip()
        documents = documents.filter(
            Q(number__icontains=term)
            | Q(payment_reference=term)
            | Q(order_reference__icontains=term)
            | Q(buyer_reference__icontains=term)
        )
    if data.get("type"):
        documents = documents.filter(type=data["type"])
    state = data.get("state")
    if state == "open":
        documents = documents.filter(payment_status__in=OPEN_STATES)
    elif state == "overdue":
        documents = documents.filter(
            payment_status__in=OPEN_STATES, due_date__lt=timezone.localdate()
        )
    elif state == "paid":
        documents = documents.filter(payment_status=PaymentStatus.PAID)
    if data.get("issued_from"):
        documents = documents.filter(issue_date__gte=data["issued_from"])
    if data.get("issued_to"):
        documents = documents.filter(issue_date__lte=data["issued_to"])
    return documents


def _keyset_page(documents, data: dict) -> tuple[list, bool, bool]:
    """PAGE_SIZE documents, newest first, older or newer than a cursor document; no count.

    Returns (documents, has_newer, has_older). The cursor is a document's code, so URLs carry
    no ids, and a page costs one index range read however many documents the account has."""
    cursor_code = data.get("older") or data.get("newer")
    if cursor_code is None:
        rows = list(documents.order_by("-issue_date", "-id")[: PAGE_SIZE + 1])
        return rows[:PAGE_SIZE], False, len(rows) > PAGE_SIZE
    cursor = documents.filter(code=cursor_code).values("issue_date", "id").first()
    if cursor is None:
        raise Http404
    date, pk = cursor["issue_date"], cursor["id"]
    if data.get("older"):
        older = documents.filter(Q(issue_date__lt=date) | Q(issue_date=date, id__lt=pk))
        rows = list(older.order_by("-issue_date", "-id")[: PAGE_SIZE + 1])
        return rows[:PAGE_SIZE], True, len(rows) > PAGE_SIZE
    newer = documents.filter(Q(issue_date__gt=date) | Q(issue_date=date, id__gt=pk))
    rows = list(newer.order_by("issue_date", "id")[: PAGE_SIZE + 1])
    return rows[:PAGE_SIZE][::-1], len(rows) > PAGE_SIZE, True


@require_GET
@portal_view
def home(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    form = PortalListForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise BadRequest
    data = form.cleaned_data if form.is_bound else {}
    customer = portal.customer(data.get("account") or request.session.get(ACCOUNT_SESSION_KEY))
    if request.session.get(ACCOUNT_SESSION_KEY) != str(customer.code):
        # Written only on a change: a session save is a database write on every page view.
        request.session[ACCOUNT_SESSION_KEY] = str(customer.code)
    all_documents = portal.documents(customer)
    documents = _filtered(all_documents, form) if form.is_bound else all_documents
    # The list shows the documents' own fields only.
    page, has_newer, has_older = _keyset_page(documents.select_related(None), data)
    for document in page:
        # get_FOO_display() hashes the whole choice list on every call; a list needs a lookup.
        document.type_label = TYPE_LABELS[document.type]
        document.payment_status_label = PAYMENT_STATUS_LABELS.get(document.payment_status, "")
    query = request.GET.copy()
    for key in ("page", "older", "newer"):
        query.pop(key, None)
    overdue = all_documents.filter(
        payment_status__in=OPEN_STATES, due_date__lt=timezone.localdate()
    ).order_by()
    # Counted up to a cap: the alert needs "how many", not a scan of a large account.
    overdue_count = overdue.values("pk")[: OVERDUE_COUNT_CAP + 1].count()
    return render(
        request,
        "recipient_portal/home.html",
        portal_context(
            portal,
            customer,
            form=form if form.is_bound else PortalListForm(),
            documents=page,
            has_newer=has_newer,
            has_older=has_older,
            newer_cursor=page[0].code if page else "",
            older_cursor=page[-1].code if page else "",
            query=query.urlencode(),
            overdue_count=overdue_count,
            overdue_count_capped=overdue_count > OVERDUE_COUNT_CAP,
            open_types=portal.settings_for(customer.sender).document_types,
        ),
    )


@require_GET
@portal_view
def document_detail(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    document = portal.document(code)
    customer = document.customer
    _record_view_once(request, portal, document, via="portal")
    payable = document.type in PAYABLE_TYPES and document.payment_status in OPEN_STATES
    lines = list(document.lines.all())
    disputes = list(disputes_of(document))
    return render(
        request,
        "recipient_portal/document.html",
        portal_context(
            portal,
            customer,
            document=document,
            lines=lines,
            rendering=document_summary_html(document, language=request.LANGUAGE_CODE),
            has_xml=document.files.filter(kind="source_xml").exists(),
            comments=list(comments_of(document)),
            disputes=disputes,
            open_dispute=next((d for d in disputes if d.status == DisputeStatus.OPEN), None),
            promises=list(document.promises.filter(status=PromiseStatus.OPEN)),
            quote_decision=getattr(document, "quote_decision", None)
            if document.type == DocumentType.QUOTE
            else None,
            payable=payable,
            comment_form=CommentForm(),
            quote_form=QuoteDecisionForm(),
            promise_form=PromiseForm(initial={"amount": document.amount_open}),
            dispute_form=DisputeForm(),
            dispute_reasons=DisputeReason.choices,
        ),
    )


@require_GET
@portal_view
def document_print(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    document = portal.document(code)
    return render(
        request,
        "recipient_portal/document_print.html",
        {
            "document": document,
            "rendering": document_summary_html(document, language=request.LANGUAGE_CODE),
        },
    )


def _attachment(content: bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _require_download(portal: PortalSession, sender: Organization) -> None:
    """A closed download answers 404, as every closed action does; the page stays open."""
    if PortalAction.DOWNLOAD not in portal.settings_for(sender).actions:
        raise Http404


def _record_view_once(request: HttpRequest, portal: PortalSession, document, *, via: str):
    """Record the recipient's view (or download) once per visit, not on every reload."""
    if portal.support:
        return
    key = str(document.code) if via == "portal" else f"{via}:{document.code}"
    viewed = request.session.get(VIEWED_SESSION_KEY, [])
    if key not in viewed:
        document_opened_record(document=document, actor=portal.actor, via=via)
        request.session[VIEWED_SESSION_KEY] = [*viewed, key][-500:]


@require_GET
@portal_view
def document_pdf_download(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    document = portal.document(code)
    _require_download(portal, document.customer.sender)
    stored = stored_file_of(document, FileKind.PDF)
    if stored is not None:
        # Streamed from storage (sendfile where the server has it), never read into memory.
        response = FileResponse(
            stored.file.open("rb"),
            as_attachment=True,
            filename=f"{document.number}.pdf",
            content_type="application/pdf",
        )
        response["X-Content-Type-Options"] = "nosniff"
    else:
        try:
            pdf = document_pdf(document)
        except TransportError as exc:
            raise Http404 from exc
        response = _attachment(pdf.content, pdf.filename, "application/pdf")
    _record_view_once(request, portal, document, via="portal-pdf")
    return response


@require_GET
@portal_view
def document_xml_download(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    document = portal.document(code)
    _require_download(portal, document.customer.sender)
    xml = document_source_xml(document)
    if xml is None:
        raise Http404
    return _attachment(xml.content, xml.filename, "application/xml")


@require_POST
@portal_view
def documents_zip(request: HttpRequest, portal: PortalSession) -> HttpResponse:
    """Several documents' PDFs (and source XML) in one ZIP, capped in total size."""
    codes = request.POST.getlist("documents")
    documents = list(portal.documents().filter(code__in=_valid_codes(codes)))
    for sender in {document.customer.sender for document in documents}:
        # One closed sender refuses the whole ZIP rather than leaving its documents out unsaid.
        _require_download(portal, sender)
    form = DocumentChoiceForm(request.POST, codes=[str(d.code) for d in documents])
    if not form.is_valid():
        messages.error(request, _("Choose one or more documents for the ZIP file."))
        return redirect("recipient_portal:home")
    buffer = io.BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for document in documents:
            parts = []
            # A document without any PDF still contributes its XML.
            with contextlib.suppress(TransportError):
                parts.append(document_pdf(document))
            xml = document_source_xml(document)
            if xml is not None:
                parts.append(xml)
            for part in parts:
                total += len(part.content)
                if total > settings.FOLIO_PORTAL_ZIP_MAX_BYTES:
                    messages.error(
                        request, _("Too much at once for one ZIP file; choose fewer documents.")
                    )
                    return redirect("recipient_portal:home")
                archive.writestr(f"{document.number}/{part.filename}", part.content)
    stamp = timezone.localdate().isoformat()
    return _attachment(buffer.getvalue(), f"documents-{stamp}.zip", "application/zip")


def _valid_codes(codes: list[str]) -> list[str]:
    import uuid

    valid = []
    for code in codes[:1000]:
        try:
            valid.append(str(uuid.UUID(code)))
        except ValueError:
            continue
    return valid


def _back_to(document) -> HttpResponse:
    return redirect(reverse("recipient_portal:document", kwargs={"code": document.code}))


def _refused(request: HttpRequest, exc: ApplicationError) -> None:
    if exc.status == 404:
        raise Http404 from exc
    messages.error(request, str(exc.message))


@require_POST
@portal_view
def document_comment(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    portal.require_writable()
    document = portal.document(code)
    contact = portal.contact_for(document.customer)
    if PortalAction.COMMENT not in portal_settings_for(document.organization).actions:
        raise Http404
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write a message first."))
        return _back_to(document)
    try:
        comment_create(
            contact=contact, document=document, body=form.cleaned_data["body"], actor=portal.actor
        )
    except ApplicationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Your message was sent."))
    return _back_to(document)


@require_POST
@portal_view
def quote_answer(request: HttpRequest, code, portal: PortalSession) -> HttpResponse:
    portal.require_writable()
    document = portal.document(code)
    contact = portal.contact_for(document.customer)
    if (
        document.type != DocumentType.QUOTE
        or PortalAction.QUOTE not in portal_settings_for(document.organization).actions
    ):
        raise Http404
    form = QuoteDecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose to accept or reject the quote."))
        return _back_to(document)
    try:
        quote_decide(
            contact=contact,
            document=document,
            accept=form.cleaned_data["decision"] == "accept",
            signer_name=form.cleaned_data["signer_name"],
            reason=form.cleaned_data["reason"],
            actor=portal.actor,
        )
    except ApplicationError as exc:
        _refused(request, exc)
    else:
        messages.success(request, _("Thank you. The sender has been told."))
    return _back_to(document)
