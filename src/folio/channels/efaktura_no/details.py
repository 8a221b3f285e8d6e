"""The invoice details the bank shows come from Folio: a signed URL that expires.

The signature binds the URL to one delivery; nothing is stored, and after
FOLIO_EFAKTURA_DETAILS_DAYS the URL answers 404 like any unknown one.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse

from folio.core.errors import NotFoundError
from folio.delivery.models import Delivery

SALT = "folio.efaktura.invoice-details"


def details_url(delivery: Delivery) -> str:
    token = signing.TimestampSigner(salt=SALT).sign(str(delivery.code))
    return settings.SITE_URL + reverse("registries:efaktura_details", kwargs={"token": token})


def details_delivery(token: str) -> Delivery:
    max_age = datetime.timedelta(days=settings.FOLIO_EFAKTURA_DETAILS_DAYS)
    try:
        code = signing.TimestampSigner(salt=SALT).unsign(token, max_age=max_age)
    except signing.BadSignature as exc:  # also SignatureExpired
        raise NotFoundError("link_not_found", "This link is not valid (any more).") from exc
    delivery = (
        Delivery.objects.select_related("document", "document__customer")
        .filter(code=code, channel="efaktura_no")
        .first()
    )
    if delivery is None:
        raise NotFoundError("link_not_found", "This link is not valid (any more).")
    return delivery
