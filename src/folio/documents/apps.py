from django.apps import AppConfig


class DocumentsConfig(AppConfig):
    name = "folio.documents"
    label = "documents"
