from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "htms.operations"
    verbose_name = "Operations: backups"
