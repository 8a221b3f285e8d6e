from django.apps import AppConfig


class ServicedeskConfig(AppConfig):
    name = "folio.servicedesk"
    label = "servicedesk"
