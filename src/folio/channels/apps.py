from django.apps import AppConfig


class ChannelsConfig(AppConfig):
    name = "folio.channels"
    label = "channels"
