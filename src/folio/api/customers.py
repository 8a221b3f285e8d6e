"""Read operations on customers. National ids are only ever shown masked."""

from uuid import UUID

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from folio.api.auth import request_actor
from folio.api.pagination import PageParams, paginate
from folio.api.schemas import CustomerOut, CustomerPageOut, ErrorOut
from folio.customers.selectors import customer_get_for_actor, customers_visible_to

# PostgreSQL cannot store or compare a NUL character: refuse it as invalid input, not a 500.
NO_NUL = r"^[^\x00]*$"

router = Router(tags=["customers"])


class CustomerFilters(Schema):
    q: str | None = Field(
        None,
        max_length=200,
        pattern=NO_NUL,
        description="Name, customer number, e-mail or organization number",
    )


@router.get("", response={200: CustomerPageOut}, summary="List customers")
def list_customers(request: HttpRequest, filters: Query[CustomerFilters], page: Query[PageParams]):
    customers = customers_visible_to(request_actor(request)).select_related("sender")
    if filters.q and filters.q.strip():
        term = filters.q.strip()
        customers = customers.filter(
            Q(name__icontains=term)
            | Q(customer_number=term)
            | Q(email__iexact=term)
            | Q(org_number=term)
        )
    return paginate(request, customers.order_by("name", "id"), page)


@router.get("/{uuid:id}", response={200: CustomerOut, 404: ErrorOut}, summary="Get one customer")
def get_customer(request: HttpRequest, id: UUID):
    return customer_get_for_actor(request_actor(request), code=id)
