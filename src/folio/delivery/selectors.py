from __future__ import annotations

from django.db.models import QuerySet

from folio.delivery.models import Delivery
from folio.tenancy.actors import Actor
from folio.tenancy.selectors import organization_ids_visible_to


def deliveries_visible_to(actor: Actor) -> QuerySet[Delivery]:
    return Delivery.objects.filter(document__organization_id__in=organization_ids_visible_to(actor))
