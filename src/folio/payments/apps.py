from django.apps import AppConfig


class PaymentsConfig(AppConfig):
    name = "folio.payments"
    label = "payments"
