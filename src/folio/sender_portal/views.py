"""The sender portal's first pages: sign-in, the overview and one document."""

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import BadRequest, PermissionDenied
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from folio.core.errors import NotFoundError
from folio.delivery.selectors import deliveries_visible_to
from folio.documents.models import DocumentStatus
from folio.documents.selectors import (
    document_get_for_actor,
    document_timeline,
    documents_visible_to,
)
from folio.sender_portal.forms import DocumentFilterForm
from folio.sender_portal.second_factor import after_password
from folio.sender_portal.session_records import session_record_sign_in
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organizations_visible_to
from folio.tenancy.services import user_session_forget

LATEST_DOCUMENTS = 25
LOGIN_URL = reverse_lazy("sender_portal:login")


class SignInView(auth_views.LoginView):
    template_name = "sender_portal/login.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        # Listed under Security → Sessions from now on (views_sessions.py).
        session_record_sign_in(self.request)
        # Administrators and users with an authenticator still owe a code (second_factor.py).
        return after_password(self.request, response)


class SignOutView(auth_views.LogoutView):
    # Django's LogoutView accepts POST only, so a prefetched link cannot sign anyone out.
    next_page = reverse_lazy("landing")

    def post(self, request, *args, **kwargs):
        session_key = request.session.session_key
        response = super().post(request, *args, **kwargs)
        if session_key:
            # The session itself is flushed by Django; its row in the sessions list goes too.
            user_session_forget(session_key=session_key)
        return response


def _staff_actor(request: HttpRequest) -> Actor:
    """The acting staff member; a signed-in user without any organization may not enter."""
    actor = Actor.for_user(request.user)
    if not organizations_visible_to(actor).exists():
        raise PermissionDenied
    return actor


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def home(request: HttpRequest) -> HttpResponse:
    actor = _staff_actor(request)
    form = DocumentFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise BadRequest
    visible = documents_visible_to(actor)
    counts = dict(
        visible.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    status_counts = [
        {"status": status, "label": label, "count": counts.get(status, 0)}
        for status, label in DocumentStatus.choices
    ]
    documents = visible
    selected_status = form.cleaned_data["status"] if form.is_bound else ""
    if selected_status:
        documents = documents.filter(status=selected_status)
    documents = documents.select_related("organization", "customer").order_by("-created_at", "-id")[
        :LATEST_DOCUMENTS
    ]
    organizations = organizations_visible_to(actor).select_related("parent")
    return render(
        request,
        "sender_portal/home.html",
        {
            "organizations": organizations,
            "documents": documents,
            "status_counts": status_counts,
            "total_count": sum(counts.values()),
            "selected_status": selected_status,
            "selected_status_label": (
                DocumentStatus(selected_status).label if selected_status else ""
            ),
            "form": form,
        },
    )


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def document_detail(request: HttpRequest, code) -> HttpResponse:
    actor = _staff_actor(request)
    try:
        document = document_get_for_actor(actor, code=code)
    except NotFoundError as exc:
        raise Http404 from exc
    deliveries = (
        deliveries_visible_to(actor)
        .filter(document=document)
        .prefetch_related("attempts")
        .order_by("created_at", "id")
    )
    return render(
        request,
        "sender_portal/document.html",
        {
            "document": document,
            "lines": document.lines.all(),
            "deliveries": deliveries,
            "events": document_timeline(document),
            "files": document.files.all(),
        },
    )
