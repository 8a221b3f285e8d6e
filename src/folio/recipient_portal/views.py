"""The customer portal: sign-in, the documents of one's accounts, and one document."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.core.paginator import EmptyPage, Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from folio.core.errors import ApplicationError, NotFoundError
from folio.delivery.services import document_opened_record
from folio.recipient_portal.forms import PortalAuthenticationForm, PortalListForm
from folio.recipient_portal.selectors import (
    portal_contacts_of,
    portal_customer_get,
    portal_document_get,
    portal_documents_of,
)
from folio.rendering.branding import HEX_COLOR
from folio.rendering.selectors import branding_row_for, logo_of
from folio.tenancy.actors import Actor
from folio.tenancy.models import Organization

LOGIN_URL = reverse_lazy("recipient_portal:login")
PAGE_SIZE = 25
# Session key holding the documents already recorded as viewed during this visit.
VIEWED_SESSION_KEY = "portal_viewed_documents"


class PortalSignInView(auth_views.LoginView):
    template_name = "recipient_portal/login.html"
    authentication_form = PortalAuthenticationForm
    next_page = reverse_lazy("recipient_portal:home")


class PortalSignOutView(auth_views.LogoutView):
    next_page = reverse_lazy("recipient_portal:login")


def _sender_brand(sender: Organization) -> dict | None:
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


def _portal_actor(request: HttpRequest) -> tuple[Actor, list]:
    actor = Actor.for_user(request.user)
    contacts = list(portal_contacts_of(actor))
    if not contacts:
        raise PermissionDenied
    return actor, contacts


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def home(request: HttpRequest) -> HttpResponse:
    actor, contacts = _portal_actor(request)
    form = PortalListForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise BadRequest
    account_code = form.cleaned_data.get("account") if form.is_bound else None
    page_number = (form.cleaned_data.get("page") if form.is_bound else None) or 1
    if account_code:
        try:
            customer = portal_customer_get(actor, code=account_code)
        except NotFoundError as exc:
            raise Http404 from exc
    else:
        customer = contacts[0].customer
    documents = portal_documents_of(actor, customer=customer).order_by("-issue_date", "-id")
    paginator = Paginator(documents, PAGE_SIZE)
    try:
        page = paginator.page(page_number)
    except EmptyPage as exc:
        raise Http404 from exc
    return render(
        request,
        "recipient_portal/home.html",
        {
            "contacts": contacts,
            "customer": customer,
            "documents": page.object_list,
            "page": page,
            "document_count": paginator.count,
            "brand": _sender_brand(customer.sender),
        },
    )


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_detail(request: HttpRequest, code) -> HttpResponse:
    actor, _contacts = _portal_actor(request)
    try:
        document = portal_document_get(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc
    viewed = request.session.get(VIEWED_SESSION_KEY, [])
    if str(document.code) not in viewed:
        document_opened_record(document=document, actor=actor, via="portal")
        request.session[VIEWED_SESSION_KEY] = [*viewed, str(document.code)][-500:]
    return render(
        request,
        "recipient_portal/document.html",
        {
            "document": document,
            "customer": document.customer,
            "lines": document.lines.all(),
            "brand": _sender_brand(document.organization),
        },
    )
