"""Documents in the sender portal: the searchable list, exports, the document page with what
the recipient saw, its files and actions, and the queue of stopped documents."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from folio.core.errors import ApplicationError, NotFoundError
from folio.customers.models import ChannelCode
from folio.delivery.selectors import deliveries_visible_to
from folio.delivery.services import document_send_on_channel
from folio.documents.models import Document, DocumentStatus, DocumentType, FileKind
from folio.documents.selectors import document_get_for_actor, document_timeline
from folio.documents.services import document_transition
from folio.ingestion.models import DocumentVersion
from folio.ingestion.selectors import document_latest_file, document_versions
from folio.ingestion.services import document_resend_outcome
from folio.rendering.selectors import (
    artefact_content,
    artefact_get_for_actor,
    artefacts_of_document,
)
from folio.sender_portal import exports
from folio.sender_portal.access import request_scope, staff_actor, staff_actor_with
from folio.sender_portal.forms_documents import (
    BulkResendForm,
    ConfirmForm,
    CorrectionForm,
    DocumentSearchForm,
    ForceChannelForm,
    correctable_terms,
)
from folio.sender_portal.selectors import (
    bounded_count,
    customers_with_stopped_documents,
    document_page,
    documents_matching,
    organization_ids_matching,
    stopped_documents,
)
from folio.sender_portal.views import LOGIN_URL
from folio.sender_portal.views_document_comments import document_page_conversation
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import actor_can
from folio.tenancy.services import audit_record

STOPPED_QUEUE_SIZE = 100


def _search_form(request: HttpRequest, scope) -> DocumentSearchForm:
    params = request.GET.copy()
    params.pop("after", None)
    form = DocumentSearchForm(params or None, scope=scope)
    # A hand-edited URL with an unknown filter value: say so rather than show everything.
    if form.is_bound and not form.is_valid() and set(form.errors) - {"q", "__all__"}:
        raise BadRequest
    return form


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_list(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    form = _search_form(request, scope)
    query = form.query()
    organization_ids = organization_ids_matching(scope, query)
    matching = documents_matching(scope, query, organization_ids=organization_ids)
    # No count of the matching documents: on a big tenant an exact count costs more than the
    # page itself. The page says "1-50 of many" instead (keyset pages know their position).
    page = document_page(
        matching,
        sort=query.sort,
        cursor=request.GET.get("after", ""),
        organization_ids=organization_ids,
        searching=bool(query.text),
    )
    # Labels looked up once per page: get_FOO_display() rebuilds the choices per call, and a
    # page shows fifty rows.
    type_labels, status_labels = dict(DocumentType.choices), dict(DocumentStatus.choices)
    for document in page.documents:
        document.type_label = type_labels.get(document.type, document.type)
        document.status_label = status_labels.get(document.status, document.status)
    filters = request.GET.copy()
    filters.pop("after", None)
    return render(
        request,
        "sender_portal/documents/list.html",
        {
            "form": form,
            "scope": scope,
            "page": page,
            "filters": filters.urlencode(),
            "sort": query.sort,
            "sort_links": _sort_links(filters, query.sort),
        },
    )


def _sort_links(filters: QueryDict, current: str) -> dict[str, dict]:
    """Per sortable column: the URL that sorts by it (flipping the order when it is current)."""
    links = {}
    for column in ("issued", "total", "number", "due", "created"):
        if current.lstrip("-") == column:
            target = column if current.startswith("-") else f"-{column}"
            state = "descending" if current.startswith("-") else "ascending"
        else:
            target, state = f"-{column}", ""
        params = filters.copy()
        params["sort"] = target
        links[column] = {"url": "?" + params.urlencode(), "state": state}
    return links


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_export(request: HttpRequest, file_format: str) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    form = _search_form(request, scope)
    query = form.query()
    matching = documents_matching(scope, query)
    audit_record(
        actor=actor,
        action="documents.export",
        organization=scope.chosen,
        detail={"format": file_format, "filters": request.GET.urlencode()[:500]},
    )
    if file_format == "xlsx":
        return exports.documents_xlsx_response(matching)
    return exports.documents_csv_response(matching)


def _document_for(actor: Actor, code) -> Document:
    try:
        return document_get_for_actor(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc


def _latest_version(document: Document) -> DocumentVersion | None:
    return document_versions(document).order_by("-version").first()


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_detail(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor(request)
    document = _document_for(actor, code)
    deliveries = (
        deliveries_visible_to(actor)
        .filter(document=document)
        .prefetch_related("attempts")
        .order_by("created_at", "id")
    )
    versions = list(document_versions(document).order_by("-version"))
    latest = versions[0] if versions else None
    terms = [reason.get("term", "") for reason in (latest.stop_reasons if latest else [])]
    can_edit = actor_can(actor, "edit_documents", document.organization)
    can_send = actor_can(actor, "send", document.organization)
    correction_form = None
    if document.status == DocumentStatus.STOPPED and can_edit and correctable_terms(terms):
        correction_form = CorrectionForm(terms=terms, initial_values=_current_values(document))
    return render(
        request,
        "sender_portal/documents/detail.html",
        {
            "document": document,
            "lines": document.lines.all(),
            "deliveries": deliveries,
            "events": document_timeline(document),
            "files": document.files.all(),
            "artefacts": artefacts_of_document(actor, document),
            "versions": versions,
            "latest_version": latest,
            "has_xml": document_latest_file(document, FileKind.SOURCE_XML) is not None,
            "has_pdf": document_latest_file(document, FileKind.PDF) is not None,
            "can_cancel": can_edit and DocumentStatus.CANCELLED in _next_statuses(document.status),
            "can_send": can_send and document.status in _SENDABLE,
            "channels": ChannelCode.choices,
            "correction_form": correction_form,
            **document_page_conversation(actor, document, can_edit=can_edit),
        },
    )


_SENDABLE = {
    DocumentStatus.ACCEPTED,
    DocumentStatus.SENT,
    DocumentStatus.DELIVERED,
    DocumentStatus.FAILED,
}


def _next_statuses(status: str) -> frozenset[str]:
    from folio.documents.models import DOCUMENT_TRANSITIONS

    return DOCUMENT_TRANSITIONS.get(status, frozenset())


def _current_values(document: Document) -> dict[str, str]:
    return {
        "buyer_reference": document.buyer_reference,
        "order_reference": document.order_reference,
        "payment_id": document.payment_reference,
    }


def _file_response(content: bytes, *, filename: str, content_type: str, inline=False):
    response = HttpResponse(content, content_type=content_type)
    disposition = "inline" if inline else "attachment"
    safe_name = filename.replace('"', "").replace("\r", "").replace("\n", "")
    response["Content-Disposition"] = f'{disposition}; filename="{safe_name}"'
    response["X-Content-Type-Options"] = "nosniff"
    # Stored artefacts are shown to staff only: no script may run in them even when opened.
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    )
    return response


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_source(request: HttpRequest, code, kind: str) -> HttpResponse:
    """The latest source XML or PDF of a document, as a download."""
    actor = staff_actor(request)
    document = _document_for(actor, code)
    file_kind = FileKind.SOURCE_XML if kind == "xml" else FileKind.PDF
    stored = document_latest_file(document, file_kind)
    if stored is None:
        raise Http404
    with stored.file.open("rb") as handle:
        content = handle.read()
    return _file_response(content, filename=stored.filename, content_type=stored.content_type)


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def artefact_download(request: HttpRequest, code) -> HttpResponse:
    """The exact bytes a recipient was given, checked against the checksum; as a download."""
    actor = staff_actor(request)
    try:
        artefact = artefact_get_for_actor(actor, code=code)
        content = artefact_content(artefact)
    except NotFoundError as exc:
        raise Http404 from exc
    except ApplicationError as exc:
        raise Http404 from exc
    return _file_response(content, filename=artefact.filename, content_type=artefact.content_type)


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def artefact_preview(request: HttpRequest, code) -> HttpResponse:
    """The PNG of page 1 of a stored artefact, shown inline on the document page."""
    actor = staff_actor(request)
    try:
        artefact = artefact_get_for_actor(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc
    if not artefact.preview:
        raise Http404
    with artefact.preview.open("rb") as handle:
        content = handle.read()
    return _file_response(
        content, filename=f"{artefact.code}.png", content_type="image/png", inline=True
    )


def _back_to(document: Document) -> HttpResponse:
    return redirect(reverse("sender_portal:document", args=[document.code]))


@require_POST
@login_required(login_url=LOGIN_URL)
def document_cancel(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor_with(request, "edit_documents")
    document = _document_for(actor, code)
    form = ConfirmForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    try:
        document_transition(
            document=document,
            to_status=DocumentStatus.CANCELLED,
            actor=actor,
            reason=_("Cancelled by %(user)s in the sender portal.") % {"user": actor.label},
        )
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(request, _("The document is cancelled."))
    return _back_to(document)


@require_POST
@login_required(login_url=LOGIN_URL)
def document_force_channel(request: HttpRequest, code) -> HttpResponse:
    actor = staff_actor_with(request, "send")
    document = _document_for(actor, code)
    form = ForceChannelForm(request.POST)
    if not form.is_valid():
        raise BadRequest
    channel = form.cleaned_data["channel"]
    try:
        document_send_on_channel(document=document, channel=channel, actor=actor)
    except ApplicationError as error:
        messages.error(request, str(error.message))
    else:
        messages.success(
            request,
            _("The document is queued on %(channel)s.") % {"channel": ChannelCode(channel).label},
        )
    return _back_to(document)


def _resend(request: HttpRequest, actor: Actor, document: Document, corrections: dict) -> bool:
    outcome = document_resend_outcome(document=document, corrections=corrections, actor=actor)
    if outcome.status >= 400:
        messages.error(
            request,
            _("%(number)s was not resent: %(reason)s")
            % {"number": document.number, "reason": outcome.body.get("message", "")},
        )
        return False
    return True


@require_POST
@login_required(login_url=LOGIN_URL)
def document_correct(request: HttpRequest, code) -> HttpResponse:
    """Correct the fields a stop rule named and run the document through the checks again."""
    actor = staff_actor_with(request, "edit_documents")
    document = _document_for(actor, code)
    latest = _latest_version(document)
    terms = [reason.get("term", "") for reason in (latest.stop_reasons if latest else [])]
    form = CorrectionForm(request.POST, terms=terms, initial_values={})
    if document.status != DocumentStatus.STOPPED or not form.fields:
        messages.error(request, _("Only a stopped document can be corrected and resent."))
        return _back_to(document)
    if not form.is_valid():
        messages.error(request, _("Fill in every field to correct."))
        return _back_to(document)
    if _resend(request, actor, document, form.corrections()):
        document.refresh_from_db(fields=["status", "status_reason", "version"])
        if document.status == DocumentStatus.STOPPED:
            messages.error(
                request,
                _("Version %(version)s was stopped again: %(reason)s")
                % {"version": document.version, "reason": document.status_reason},
            )
        else:
            messages.success(
                request,
                _("Version %(version)s passed the checks and is on its way.")
                % {"version": document.version},
            )
    return _back_to(document)


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def stopped_queue(request: HttpRequest) -> HttpResponse:
    actor = staff_actor(request)
    scope = request_scope(request, actor)
    documents = list(stopped_documents(scope)[:STOPPED_QUEUE_SIZE])
    reasons = {
        version.document_id: version.stop_reasons
        for version in DocumentVersion.objects.filter(
            document__in=documents, outcome="stopped"
        ).order_by("document_id", "version")
    }
    rows = [
        {"document": document, "reasons": reasons.get(document.pk, [])} for document in documents
    ]
    count, more = bounded_count(stopped_documents(scope))
    return render(
        request,
        "sender_portal/documents/stopped.html",
        {
            "rows": rows,
            "count": count,
            "count_is_bounded": more,
            "customers": customers_with_stopped_documents(scope),
            "bulk_form": BulkResendForm(document_codes=[str(d.code) for d in documents]),
            "can_edit": any(actor_can(actor, "edit_documents", d.organization) for d in documents),
            "scope": scope,
        },
    )


@require_POST
@login_required(login_url=LOGIN_URL)
def stopped_bulk_resend(request: HttpRequest) -> HttpResponse:
    """Resend the chosen stopped documents, each with the same correction (or none)."""
    actor = staff_actor_with(request, "edit_documents")
    scope = request_scope(request, actor)
    codes = request.POST.getlist("documents")
    candidates = stopped_documents(scope).filter(code__in=_valid_codes(codes))
    form = BulkResendForm(request.POST, document_codes=[str(d.code) for d in candidates])
    if not form.is_valid():
        raise BadRequest
    corrections = form.corrections()
    resent = 0
    for document in candidates:
        if not actor_can(actor, "edit_documents", document.organization):
            continue
        if _resend(request, actor, document, corrections):
            resent += 1
    messages.success(
        request,
        _("%(count)s documents were resent; see each one for the outcome.") % {"count": resent},
    )
    return redirect(reverse("sender_portal:stopped"))


def _valid_codes(codes: list[str]) -> list[str]:
    import uuid

    valid = []
    for code in codes[:STOPPED_QUEUE_SIZE]:
        try:
            valid.append(str(uuid.UUID(code)))
        except ValueError:
            continue
    return valid
