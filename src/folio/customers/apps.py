from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "folio.customers"
    label = "customers"
