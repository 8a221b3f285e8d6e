"""The operator's back office: the organization tree and a page per organization."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from folio.backoffice.selectors import actor_is_operator_staff, counts_by_organization
from folio.documents.models import DocumentStatus
from folio.documents.selectors import documents_visible_to
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organizations_visible_to

LOGIN_URL = reverse_lazy("sender_portal:login")
LATEST_DOCUMENTS = 15


def _operator_actor(request: HttpRequest) -> Actor:
    actor = Actor.for_user(request.user)
    # Not 403: the back office does not admit to existing for anyone but operator staff.
    if not actor_is_operator_staff(actor):
        raise Http404
    return actor


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def home(request: HttpRequest) -> HttpResponse:
    actor = _operator_actor(request)
    organizations = list(organizations_visible_to(actor).order_by("path"))
    counts = counts_by_organization([org.id for org in organizations])
    root_depth = min((org.depth for org in organizations), default=0)
    rows = [
        {
            "organization": org,
            "indent": org.depth - root_depth,
            "documents": counts[org.id]["documents"],
            "customers": counts[org.id]["customers"],
        }
        for org in organizations
    ]
    return render(
        request,
        "backoffice/home.html",
        {
            "rows": rows,
            "total_documents": sum(row["documents"] for row in rows),
            "total_customers": sum(row["customers"] for row in rows),
        },
    )


@never_cache
@require_GET
@login_required(login_url=LOGIN_URL)
def organization_detail(request: HttpRequest, code) -> HttpResponse:
    actor = _operator_actor(request)
    organization = (
        organizations_visible_to(actor).select_related("parent").filter(code=code).first()
    )
    if organization is None:
        raise Http404
    subtree_ids = list(
        organizations_visible_to(actor)
        .filter(path__startswith=organization.path)
        .values_list("id", flat=True)
    )
    counts = counts_by_organization(subtree_ids)
    children = list(organizations_visible_to(actor).filter(parent=organization))
    documents = documents_visible_to(actor).filter(organization=organization)
    # Status counts cover the organization and everything below it (an enterprise's own
    # traffic is usually its subsidiaries').
    by_status = dict(
        documents_visible_to(actor)
        .filter(organization_id__in=subtree_ids)
        .order_by()
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    return render(
        request,
        "backoffice/organization.html",
        {
            "organization": organization,
            "counts": counts[organization.id],
            "subtree_counts": {
                "customers": sum(c["customers"] for c in counts.values()),
                "documents": sum(c["documents"] for c in counts.values()),
            },
            "has_subtree": len(subtree_ids) > 1,
            "children": [{"organization": c, **counts[c.id]} for c in children],
            "status_counts": [
                {"label": label, "count": by_status.get(status, 0)}
                for status, label in DocumentStatus.choices
            ],
            "memberships": organization.memberships.select_related("user").order_by(
                "user__username"
            ),
            "api_keys": organization.api_keys.order_by("-created_at"),
            "latest_documents": documents.select_related("customer").order_by("-created_at")[
                :LATEST_DOCUMENTS
            ],
        },
    )
