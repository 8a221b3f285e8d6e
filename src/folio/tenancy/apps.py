from django.apps import AppConfig


class TenancyConfig(AppConfig):
    name = "folio.tenancy"
    label = "tenancy"
