from django.apps import AppConfig


class RecipientPortalConfig(AppConfig):
    name = "folio.recipient_portal"
    label = "recipient_portal"
