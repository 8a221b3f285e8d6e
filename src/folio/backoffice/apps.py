from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "folio.backoffice"
    label = "backoffice"
