from django.apps import AppConfig


class CollectionsConfig(AppConfig):
    name = "folio.collections"
    # "collections" would shadow nothing in Django, but a distinct label keeps table names clear.
    label = "folio_collections"
