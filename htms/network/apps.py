from django.apps import AppConfig


class NetworkConfig(AppConfig):
    name = "htms.network"
    verbose_name = "Networks and link analysis"
