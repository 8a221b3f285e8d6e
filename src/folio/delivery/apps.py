from django.apps import AppConfig


class DeliveryConfig(AppConfig):
    name = "folio.delivery"
    label = "delivery"
