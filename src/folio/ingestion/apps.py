from django.apps import AppConfig


class IngestionConfig(AppConfig):
    name = "folio.ingestion"
    label = "ingestion"
