"""Routes the Nordic networks call: eFaktura invoice details and Kivra payment webhooks."""

from django.urls import path

from folio.channels.efaktura_no.views import invoice_details
from folio.channels.kivra_se.views import payment_webhook

app_name = "registries"

urlpatterns = [
    path("efaktura/invoices/<str:token>/", invoice_details, name="efaktura_details"),
    path("webhooks/kivra/payments/", payment_webhook, name="kivra_payment_webhook"),
]
