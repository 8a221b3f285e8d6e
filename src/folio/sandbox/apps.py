from django.apps import AppConfig


class SandboxConfig(AppConfig):
    name = "folio.sandbox"
    label = "sandbox"
