from django.apps import AppConfig


class SenderPortalConfig(AppConfig):
    name = "folio.sender_portal"
    label = "sender_portal"
