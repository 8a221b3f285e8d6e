from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "folio.core"
    label = "core"
